package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

import java.math.BigDecimal;
import java.util.List;

/**
 * A unit reported progress on its share of a task for a period. Names the task's lead unit, who
 * reviews it.
 *
 * @param period the reporting period, e.g. 2022-Q2 or 2022-05
 */
public record ProgressReportSubmittedEvent(String reportId, String shareId, String taskId, String planId,
                                           int taskNumber, String taskTitle, UnitRef unit, UnitRef leadUnit,
                                           String period, ReportStatus status, String narrative,
                                           List<Figure> figures, List<String> problems, String goodPractice) {

    /** A figure reported against one of the task's targets. */
    public record Figure(String targetId, BigDecimal value) {
    }
}
