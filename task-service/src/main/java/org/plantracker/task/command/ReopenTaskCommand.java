package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.plantracker.platform.correlation.Actor;

/** The city committee reopens a closed task, saying why. */
public record ReopenTaskCommand(@TargetAggregateIdentifier String taskId,
                                @TargetAggregateVersion Long expectedVersion, String reason, Actor actor) {
}
