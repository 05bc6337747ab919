package org.plantracker.progress.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.plantracker.platform.correlation.Actor;

/**
 * The reviewer's decision on one version of a unit's report.
 *
 * @param comment required when returning: the reason the unit reads
 * @param actor   who decides (from the verified token)
 */
public record ReviewProgressReportCommand(@TargetAggregateIdentifier String shareId, String reportId,
                                          ReviewDecision decision, String comment, Actor actor) {
}
