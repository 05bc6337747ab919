package org.plantracker.progress.api;

/** A problem is closed: solved, or answered and nothing further to do. */
public record ProblemClosedEvent(String problemId, String taskId, String planId, String comment) {
}
