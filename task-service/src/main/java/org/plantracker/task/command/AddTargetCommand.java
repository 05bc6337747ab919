package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.plantracker.platform.correlation.Actor;

/** The task's lead unit adds a target; the result names the target's new id. */
public record AddTargetCommand(@TargetAggregateIdentifier String taskId,
                               @TargetAggregateVersion Long expectedVersion, TargetDraft target, Actor actor) {
}
