package org.plantracker.progress.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes a unit off a task because the task's assignment at {@code taskVersion} no longer names it. */
public record WithdrawTaskShareCommand(@TargetAggregateIdentifier String shareId, String taskId, String unitCode,
                                       long taskVersion) {
}
