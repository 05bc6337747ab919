package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.plantracker.platform.correlation.Actor;

/** The city committee approves or rejects an open adjustment request; a rejection says why. */
public record DecideAdjustmentCommand(@TargetAggregateIdentifier String taskId,
                                      @TargetAggregateVersion Long expectedVersion, String requestId,
                                      boolean approved, String comment, Actor actor) {
}
