package org.plantracker.progress.problem;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes an answered problem. */
public record CloseProblemCommand(@TargetAggregateIdentifier String problemId, String taskId,
                                  ProblemAuthority authority, String comment) {
}
