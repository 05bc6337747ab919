package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.plantracker.platform.correlation.Actor;

/** The city committee closes the task (办结) once its lead unit's summary has been accepted. */
public record CloseTaskCommand(@TargetAggregateIdentifier String taskId,
                               @TargetAggregateVersion Long expectedVersion, String comment, Actor actor) {
}
