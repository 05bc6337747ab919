package org.plantracker.notification.channel;

import org.plantracker.notification.messaging.RoutedEvent;
import org.plantracker.notification.query.Inbox;

import java.util.ArrayList;
import java.util.List;

/** The events a batch recorded and, once the in-app channel ran, the notifications it added. */
public final class ChannelBatch {

    private final List<RoutedEvent> events;
    private final List<Inbox.Delivered> notifications = new ArrayList<>();

    public ChannelBatch(List<RoutedEvent> events) {
        this.events = List.copyOf(events);
    }

    public List<RoutedEvent> events() {
        return events;
    }

    public List<Inbox.Delivered> notifications() {
        return notifications;
    }

    void added(List<Inbox.Delivered> delivered) {
        notifications.addAll(delivered);
    }
}
