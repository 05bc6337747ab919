package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.plantracker.platform.correlation.Actor;

/** The city committee grants (the requested date becomes the due date) or refuses an extension request. */
public record DecideExtensionCommand(@TargetAggregateIdentifier String taskId,
                                     @TargetAggregateVersion Long expectedVersion, String requestId,
                                     boolean granted, String comment, Actor actor) {
}
