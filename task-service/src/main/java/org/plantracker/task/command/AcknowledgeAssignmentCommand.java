package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.plantracker.platform.correlation.Actor;

/** A unit assigned to the task acknowledges (签收) its own assignment: the actor's unit is the unit. */
public record AcknowledgeAssignmentCommand(@TargetAggregateIdentifier String taskId,
                                           @TargetAggregateVersion Long expectedVersion, Actor actor) {
}
