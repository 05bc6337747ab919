package org.plantracker.progress.api;

/** A reassignment took the unit off the task. Its past reports stay on record. */
public record TaskShareWithdrawnEvent(String shareId, String taskId, String unitCode, long taskVersion) {
}
