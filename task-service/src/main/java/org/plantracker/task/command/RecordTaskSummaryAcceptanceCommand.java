package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * progress-service reported that the city committee accepted a summary of the task written by
 * {@code leadUnitCode}: sent by the Kafka consumer only, never from a web request.
 */
public record RecordTaskSummaryAcceptanceCommand(@TargetAggregateIdentifier String taskId, String summaryId,
                                                 String period, String leadUnitCode) {
}
