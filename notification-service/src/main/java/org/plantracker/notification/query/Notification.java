package org.plantracker.notification.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One notification in a unit's inbox, as the API and the live stream return it.
 *
 * @param position      its place in the unit's live stream (the SSE id a client resumes from)
 * @param unit          the code of the unit whose inbox it is in
 * @param planTitle     the plan's title (null until the service has seen the plan's import)
 * @param eventId       the event that caused it
 * @param correlationId the correlation id of the change behind that event (gateway → Kafka → here)
 * @param delivery      IMMEDIATE: pushed to the unit as it arrived; DIGEST: held for the daily digest
 * @param readAt        null while unread
 * @param archivedAt    null unless archived
 * @param links         {@code task}: the API path of the task it is about
 */
// every field is always present (readAt: null), so clients see one stable shape
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Notification(long id, long position, String unit, String unitName, NotificationType type,
                           NotificationType.Severity severity, String title, String body, String taskId,
                           Integer taskNumber, String planId, String planTitle, String eventId, String eventType,
                           String correlationId, String delivery, OffsetDateTime createdAt, OffsetDateTime readAt,
                           OffsetDateTime archivedAt, Map<String, String> links) {

    /** Serialized as {@code read}. */
    public boolean isRead() {
        return readAt != null;
    }

    /** Serialized as {@code archived}. */
    public boolean isArchived() {
        return archivedAt != null;
    }
}
