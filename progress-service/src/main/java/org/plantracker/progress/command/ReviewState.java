package org.plantracker.progress.command;

/** Where the current version of a period's report stands. */
public enum ReviewState {
    /** Waiting for review. */
    SUBMITTED,
    ACCEPTED,
    /** Returned with a reason: the unit must submit a new version. */
    RETURNED
}
