package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

import java.math.BigDecimal;
import java.util.List;

/**
 * A unit reported progress on its share of a task for a period. Names the task's lead unit, who
 * reviews it.
 *
 * @param period  the reporting period, e.g. 2022-Q2 or 2022-05
 * @param version the report's version for its period: 1 for the first, one more for each correction or
 *                resubmission (each version has its own reportId; the earlier ones stay readable). Events
 *                stored before versions existed read as 0.
 */
public record ProgressReportSubmittedEvent(String reportId, String shareId, String taskId, String planId,
                                           int taskNumber, String taskTitle, UnitRef unit, UnitRef leadUnit,
                                           String period, ReportStatus status, String narrative,
                                           List<Figure> figures, List<String> problems, String goodPractice,
                                           int version) {

    /** A first version (the shape before versions were recorded). */
    public ProgressReportSubmittedEvent(String reportId, String shareId, String taskId, String planId, int taskNumber,
                                        String taskTitle, UnitRef unit, UnitRef leadUnit, String period,
                                        ReportStatus status, String narrative, List<Figure> figures,
                                        List<String> problems, String goodPractice) {
        this(reportId, shareId, taskId, planId, taskNumber, taskTitle, unit, leadUnit, period, status, narrative,
                figures, problems, goodPractice, 1);
    }

    /** A figure reported against one of the task's targets. */
    public record Figure(String targetId, BigDecimal value) {
    }
}
