package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.plantracker.platform.correlation.Actor;

import java.time.LocalDate;

/** The task's lead unit revises a milestone's title or date. */
public record ReviseMilestoneCommand(@TargetAggregateIdentifier String taskId,
                                     @TargetAggregateVersion Long expectedVersion, String milestoneId, String title,
                                     LocalDate dueDate, Actor actor) {
}
