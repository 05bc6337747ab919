package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.plantracker.platform.correlation.Actor;

/** The task's lead unit removes a milestone, saying why. */
public record RemoveMilestoneCommand(@TargetAggregateIdentifier String taskId,
                                     @TargetAggregateVersion Long expectedVersion, String milestoneId, String reason,
                                     Actor actor) {
}
