package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.plantracker.platform.correlation.Actor;

/** The task's lead unit removes a target, saying why. */
public record RemoveTargetCommand(@TargetAggregateIdentifier String taskId,
                                  @TargetAggregateVersion Long expectedVersion, String targetId, String reason,
                                  Actor actor) {
}
