package org.plantracker.notification.query;

/** What a notification tells its unit. */
public enum NotificationType {
    /** The unit was given a task, or its role on a task (lead / responsible) changed. */
    TASK_ASSIGNED,
    /** A reassignment took the unit off a task. */
    TASK_UNASSIGNED,
    /** A responsible unit reported progress on a task the unit leads. */
    PROGRESS_REPORTED
}
