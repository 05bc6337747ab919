package org.plantracker.notification.channel;

import org.plantracker.notification.command.Preferences;
import org.plantracker.notification.messaging.RoutedEvent;
import org.plantracker.notification.query.Inbox;
import org.plantracker.notification.query.NotificationDraft;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * In-app: every notification lands in its unit's inbox; those the unit wants at once are pushed on
 * its live stream (the inbox announces them at commit). Nothing goes through the outbox.
 */
@Component
public class InAppChannel implements Channel {

    private final Inbox inbox;
    private final Preferences preferences;

    public InAppChannel(Inbox inbox, Preferences preferences) {
        this.inbox = inbox;
        this.preferences = preferences;
    }

    @Override
    public String name() {
        return "in-app";
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public List<NewDelivery> plan(ChannelBatch batch) {
        List<Inbox.EventNotifications> events = new ArrayList<>();
        Set<String> units = new LinkedHashSet<>();
        for (RoutedEvent e : batch.events()) {
            if (!e.drafts().isEmpty()) {
                events.add(new Inbox.EventNotifications(e.eventId(), e.eventType(), e.correlationId(), e.drafts()));
                e.drafts().stream().map(NotificationDraft::unitCode).forEach(units::add);
            }
        }
        if (!events.isEmpty()) {
            batch.added(inbox.deliver(events, preferences.digestTypes(units)));
        }
        return List.of();
    }
}
