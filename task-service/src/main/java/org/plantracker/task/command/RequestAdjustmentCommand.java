package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.plantracker.platform.correlation.Actor;

/** Instead of acknowledging, a unit asks for its own assignment to be adjusted, with a reason. */
public record RequestAdjustmentCommand(@TargetAggregateIdentifier String taskId,
                                       @TargetAggregateVersion Long expectedVersion, String reason, Actor actor) {
}
