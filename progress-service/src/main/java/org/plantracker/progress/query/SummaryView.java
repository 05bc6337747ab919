package org.plantracker.progress.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * The lead unit's summary of a task for a period and its review by the city committee.
 *
 * @param reviewState SUBMITTED (waiting for review), ACCEPTED or RETURNED
 * @param reviewComment the reason when returned
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SummaryView(String summaryId, String taskId, String planId, int taskNumber, String period,
                          ViewRow.UnitName leadUnit, String text, Instant submittedAt, String reviewState,
                          String reviewComment, Instant reviewedAt) {
}
