package org.plantracker.progress.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ReportStatus;

import java.time.Instant;
import java.util.List;

/**
 * One version of a unit's progress report for a period, as submitted, and its review.
 *
 * @param reviewState  SUBMITTED (waiting for review), ACCEPTED, RETURNED, or SUPERSEDED (a later version
 *                     replaced it before it was reviewed)
 * @param supersededBy the report id of the next version of the same period; null for the current one
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReportView(String reportId, String shareId, String taskId, String planId, int taskNumber,
                         String taskTitle, ViewRow.UnitName unit, ViewRow.UnitName leadUnit, String period,
                         int version, ReportStatus status, String narrative,
                         List<ProgressReportSubmittedEvent.Figure> figures, List<String> problems,
                         String goodPractice, Instant submittedAt, String submittedBy, String reviewState,
                         Review review, String supersededBy) {

    /** The review of this version; null until it was reviewed. */
    public record Review(String decision, ViewRow.UnitName reviewer, String comment, Instant reviewedAt) {
    }
}
