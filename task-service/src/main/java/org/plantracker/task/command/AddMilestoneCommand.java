package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.plantracker.platform.correlation.Actor;

import java.time.LocalDate;

/** The task's lead unit adds a milestone (节点): what must stand by which date. */
public record AddMilestoneCommand(@TargetAggregateIdentifier String taskId,
                                  @TargetAggregateVersion Long expectedVersion, String title, LocalDate dueDate,
                                  Actor actor) {
}
