package org.plantracker.notification.query;

/**
 * A notification for one unit as composed from an event, before the inbox stamps it with the
 * event's id, type and correlation id.
 */
public record NotificationDraft(String unitCode, String unitName, NotificationType type, String title, String body,
                                String taskId, String planId, Integer taskNumber) {

    public NotificationDraft(String unitCode, String unitName, NotificationType type, String title, String body,
                             String taskId, String planId) {
        this(unitCode, unitName, type, title, body, taskId, planId, null);
    }
}
