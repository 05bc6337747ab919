package org.plantracker.progress.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.plantracker.platform.correlation.Actor;

/**
 * A manual urge (催办) to the unit of a share, by the city committee or the task's lead unit.
 *
 * @param period the period it is about; null for the share as a whole
 */
public record IssueUrgeCommand(@TargetAggregateIdentifier String shareId, String urgeId, String period,
                               String message, Actor actor) {
}
