package org.plantracker.progress.api;

import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.TaskKind;

import java.time.LocalDate;

/**
 * A share learned its task's schedule (from task-service's TaskScheduledEvent): when reports are due.
 *
 * @param dueDate        a near-term task's due date; null for a long-term task
 * @param reportingCycle how often the unit reports; null for a near-term task reported once, by its due date
 * @param taskVersion    the task aggregate's sequence number of the schedule, to ignore stale ones
 * @param owedFrom       the day the share learned the schedule (in the plan's time zone): reports due
 *                       before it are not owed
 */
public record TaskShareScheduledEvent(String shareId, String taskId, TaskKind kind, LocalDate dueDate,
                                      ReportingCycle reportingCycle, long taskVersion, LocalDate owedFrom) {
}
