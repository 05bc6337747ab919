package org.plantracker.task.api;

import java.time.LocalDate;

/**
 * The city committee set (or changed) when a task is due and how often it is reported on.
 *
 * @param dueDate        the date a near-term task must show its results; may be null for a long-term task
 * @param reportingCycle how often each unit reports; null when the task has no periodic reports
 * @param reason         why an existing schedule changed; null on the first schedule
 */
public record TaskScheduledEvent(String taskId, String planId, int number, TaskKind kind, LocalDate dueDate,
                                 ReportingCycle reportingCycle, String reason) {
}
