package org.plantracker.progress.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.task.api.UnitRef;

import java.time.Instant;

/**
 * One unit's share of one task as the views show it.
 *
 * @param lastReport   the share's most recently submitted report; null (and present as null) before the first
 * @param openProblems the problems the last report raised: each report restates what still stands
 */
public record ViewRow(String taskId, int taskNumber, Section section, String taskTitle, UnitName leadUnit,
                      UnitRef unit, boolean lead, boolean responsible, Light light,
                      @JsonInclude(JsonInclude.Include.ALWAYS) LastReport lastReport, int openProblems) {

    public record Section(int ordinal, String title) {
    }

    public record UnitName(String code, String name) {
    }

    public record LastReport(String reportId, String period, ReportStatus status, String narrative,
                             Instant submittedAt) {
    }
}
