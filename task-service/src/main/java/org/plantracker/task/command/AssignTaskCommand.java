package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.plantracker.platform.correlation.Actor;

import java.util.List;

/**
 * Sets a task's lead unit and responsible units (unit codes; groups are expanded to their members).
 *
 * @param expectedVersion the version the caller saw (If-Match); null to skip the check
 * @param reason          why the task is reassigned: required, since every task was assigned by its import
 * @param actor           who asks: only the city committee (SUPERVISOR) may assign
 */
public record AssignTaskCommand(@TargetAggregateIdentifier String taskId,
                                @TargetAggregateVersion Long expectedVersion,
                                String leadUnit, List<String> responsibleUnits, String reason, Actor actor) {
}
