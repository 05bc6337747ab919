package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.plantracker.platform.correlation.Actor;

import java.time.LocalDate;

/** A unit assigned to the task asks for more time (延期申请): a later due date, with a reason. */
public record RequestExtensionCommand(@TargetAggregateIdentifier String taskId,
                                      @TargetAggregateVersion Long expectedVersion, LocalDate requestedDueDate,
                                      String reason, Actor actor) {
}
