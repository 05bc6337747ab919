package org.plantracker.notification.messaging;

import org.plantracker.notification.query.NotificationDraft;
import org.plantracker.platform.messaging.EventEnvelope;

import java.util.List;

/**
 * One handled event with everything the channels need: the envelope (id, type, headers), the
 * correlation id it carries, the notifications it gives (the in-app audience) and what it is about.
 */
public record RoutedEvent(EventEnvelope event, String correlationId, List<NotificationDraft> drafts,
                          EventFacts facts) {

    public String eventId() {
        return event.eventId();
    }

    public String eventType() {
        return event.type();
    }
}
