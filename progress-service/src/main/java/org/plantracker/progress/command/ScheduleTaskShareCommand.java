package org.plantracker.progress.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.TaskKind;

import java.time.LocalDate;

/** Gives a share its task's schedule as of the task's version {@code taskVersion}. */
public record ScheduleTaskShareCommand(@TargetAggregateIdentifier String shareId, String taskId, TaskKind kind,
                                       LocalDate dueDate, ReportingCycle reportingCycle, long taskVersion) {
}
