package org.plantracker.progress.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.plantracker.platform.correlation.Actor;

/** The city committee accepts the lead unit's summary or returns it with a reason ({@code comment}). */
public record ReviewTaskSummaryCommand(@TargetAggregateIdentifier String shareId, String summaryId,
                                       ReviewDecision decision, String comment, Actor actor) {
}
