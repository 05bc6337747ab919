package org.plantracker.notification.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;

/**
 * One notification in a unit's inbox, as the API returns it.
 *
 * @param unit          the code of the unit whose inbox it is in
 * @param eventId       the event that caused it
 * @param correlationId the correlation id of the change behind that event (gateway → Kafka → here)
 * @param readAt        null while unread
 */
// every field is always present (readAt: null), so clients see one stable shape
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Notification(long id, String unit, String unitName, NotificationType type, String title, String body,
                           String taskId, String planId, String eventId, String eventType, String correlationId,
                           OffsetDateTime createdAt, OffsetDateTime readAt) {

    /** Serialized as {@code read}. */
    public boolean isRead() {
        return readAt != null;
    }
}
