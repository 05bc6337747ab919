package org.plantracker.notification.query;

/**
 * What a notification tells its unit. RED types are the late and returned items the light rules
 * colour red: they always reach the unit at once, whatever its digest preferences.
 */
public enum NotificationType {
    /** The unit was given a task, or its role on a task (lead / responsible) changed. */
    TASK_ASSIGNED(false),
    /** A reassignment took the unit off a task. */
    TASK_UNASSIGNED(false),
    /** The city committee set or changed when a task is due and how often it is reported on. */
    TASK_SCHEDULED(false),
    /** A unit new to a task is asked to acknowledge (签收) its assignment by a date. */
    ACKNOWLEDGEMENT_REQUESTED(false),
    /** An assigned unit did not acknowledge (签收) its assignment in time. */
    ACKNOWLEDGEMENT_OVERDUE(true),
    /** A unit asked for its assignment to be adjusted (the city committee decides). */
    ADJUSTMENT_REQUESTED(false),
    /** The city committee decided a unit's adjustment request. */
    ADJUSTMENT_DECIDED(false),
    /** A unit asked for more time (the city committee decides). */
    EXTENSION_REQUESTED(false),
    /** The city committee decided an extension request. */
    EXTENSION_DECIDED(false),
    /** A near-term task passed its due date while still open. */
    TASK_OVERDUE(true),
    /** The city committee closed the task (办结). */
    TASK_CLOSED(false),
    /** The city committee reopened a closed task. */
    TASK_REOPENED(false),
    /** A responsible unit reported progress on a task the unit leads. */
    PROGRESS_REPORTED(false),
    /** The lead unit accepted the unit's report. */
    REPORT_ACCEPTED(false),
    /** The lead unit returned the unit's report: it must be resubmitted. */
    REPORT_RETURNED(true),
    /** The unit's report falls due soon. */
    REPORT_DUE_SOON(false),
    /** A report is late. */
    REPORT_OVERDUE(true),
    /** The unit was urged (催办) about its share. */
    URGED(false),
    /** The urged unit read the urge (the read receipt for the urging unit). */
    URGE_READ(false),
    /** The city committee recorded supervision (督导) of a task the unit has a share in. */
    SUPERVISION_RECORDED(false),
    /** A unit raised a problem on a task the unit leads. */
    PROBLEM_RAISED(false),
    /** A problem was raised by enough county committees to count as general (普遍性问题). */
    PROBLEM_FLAGGED_GENERAL(false),
    /** A problem the unit raised or joined was answered or escalated. */
    PROBLEM_ANSWERED(false),
    /** A unit submitted a good practice for the city committee to publish. */
    GOOD_PRACTICE_SUBMITTED(false),
    /** The city committee published a good practice to every unit of the plan. */
    GOOD_PRACTICE_PUBLISHED(false),
    /** A lead unit wrote a task's summary report for the city committee to review. */
    SUMMARY_SUBMITTED(false),
    /** The city committee returned the lead unit's summary report. */
    SUMMARY_RETURNED(true),
    /** The city committee accepted the lead unit's summary report. */
    SUMMARY_ACCEPTED(false),
    /** One of the unit's webhook subscriptions kept failing and was disabled. */
    WEBHOOK_DISABLED(false),
    /** The daily digest of the notifications the unit asked to receive once a day. */
    DIGEST(false);

    private final boolean red;

    NotificationType(boolean red) {
        this.red = red;
    }

    /** Late or returned: always pushed at once (RedItemsGoAtOnce). */
    public boolean red() {
        return red;
    }

    public Severity severity() {
        return red ? Severity.RED : Severity.NORMAL;
    }

    public enum Severity { NORMAL, RED }
}
