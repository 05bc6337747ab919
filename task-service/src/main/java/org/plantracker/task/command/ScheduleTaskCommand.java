package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.TaskKind;

import java.time.LocalDate;

/**
 * Sets when a task is due and how often it is reported on (city committee only).
 *
 * @param reason why an existing schedule changes; not needed for the first one
 */
public record ScheduleTaskCommand(@TargetAggregateIdentifier String taskId,
                                  @TargetAggregateVersion Long expectedVersion,
                                  TaskKind kind, LocalDate dueDate, ReportingCycle reportingCycle, String reason,
                                  Actor actor) {
}
