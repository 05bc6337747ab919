package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.plantracker.platform.correlation.Actor;

/** The task's lead unit revises a target; its id stays, so figures reported against it stay attached. */
public record ReviseTargetCommand(@TargetAggregateIdentifier String taskId,
                                  @TargetAggregateVersion Long expectedVersion, String targetId, TargetDraft target,
                                  Actor actor) {
}
