package org.plantracker.progress.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.TaskKind;
import org.plantracker.task.api.UnitRef;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One unit's share of one task as the views show it.
 *
 * @param light        decided by {@link LightRules} as the view is read
 * @param lastReport   the share's most recently submitted report; null (and present as null) before the first
 * @param openProblems the problems the last report raised: each report restates what still stands
 * @param schedule     when reports are due; null until the task is scheduled
 * @param nextReport   the next report owed and its due date; null when none is expected (any more)
 * @param lateness     the periods the share was found late for
 * @param urges        the urges the unit received on this share
 * @param taskClosed   the task was closed (办结): no report is owed
 */
public record ViewRow(String taskId, int taskNumber, Section section, String taskTitle, UnitName leadUnit,
                      UnitRef unit, boolean lead, boolean responsible, Light light,
                      @JsonInclude(JsonInclude.Include.ALWAYS) LastReport lastReport, int openProblems,
                      @JsonInclude(JsonInclude.Include.ALWAYS) Schedule schedule,
                      @JsonInclude(JsonInclude.Include.ALWAYS) NextReport nextReport, Lateness lateness, Urges urges,
                      boolean taskClosed) {

    public record Section(int ordinal, String title) {
    }

    public record UnitName(String code, String name) {
    }

    /**
     * @param version     the version of its period's report (a correction or resubmission is the next)
     * @param reviewState SUBMITTED (waiting for review), ACCEPTED or RETURNED
     * @param reviewComment the reviewer's comment, the reason when returned
     */
    public record LastReport(String reportId, String period, ReportStatus status, String narrative,
                             Instant submittedAt, int version, String reviewState, String reviewComment) {
    }

    public record Schedule(TaskKind kind, LocalDate dueDate, ReportingCycle reportingCycle) {
    }

    public record NextReport(String period, LocalDate dueDate) {
    }

    /**
     * @param lastPeriod the latest period found late, and its due date; null when never late
     * @param count      periods found late in all
     * @param open       of those, the ones no report was accepted for yet (the light stays red)
     */
    public record Lateness(String lastPeriod, LocalDate lastDueDate, int count, int open) {
    }

    public record Urges(int received, int unread) {
    }
}
