package org.plantracker.progress.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.plantracker.platform.correlation.Actor;

/**
 * The task's lead unit writes the task's summary report (总结) for a period; sent to the lead unit's own share.
 *
 * @param summaryId chosen by the sender, so the caller learns it without reading the event
 */
public record SubmitTaskSummaryCommand(@TargetAggregateIdentifier String shareId, String summaryId, String period,
                                       String text, Actor actor) {
}
