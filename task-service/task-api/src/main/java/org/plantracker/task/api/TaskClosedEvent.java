package org.plantracker.task.api;

/** The city committee closed the task (办结) after its lead unit's summary was accepted. */
public record TaskClosedEvent(String taskId, String planId, int number, String title, String summaryId,
                              String comment) {
}
