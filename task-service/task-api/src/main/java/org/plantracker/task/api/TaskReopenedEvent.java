package org.plantracker.task.api;

/** The city committee reopened a closed task, with a reason. */
public record TaskReopenedEvent(String taskId, String planId, int number, String title, String reason) {
}
