package org.plantracker.progress.query;

import org.plantracker.progress.practice.GoodPracticeView;
import org.plantracker.progress.problem.ProblemView;

import java.time.LocalDate;
import java.util.List;

/**
 * Every task x every assigned unit of one plan, with the lights counted by section, lead unit and county,
 * the shares late right now, and each unit's on-time rate.
 *
 * @param problems      the plan's problems not closed yet (open or answered), general ones flagged
 * @param goodPractices the plan's published good practices, latest first
 */
public record MunicipalView(String planId, List<ViewRow> rows, Counts counts, List<Overdue> overdue,
                            List<OnTimeRate> onTimeRates, List<ProblemView> problems,
                            List<GoodPracticeView> goodPractices) {

    public record Counts(List<SectionCount> bySection, List<UnitCount> byLeadUnit, List<UnitCount> byCounty) {
    }

    public record SectionCount(int ordinal, String title, int green, int yellow, int red) {
    }

    /** For byLeadUnit: the shares of the tasks the unit leads; for byCounty: the county committee's own shares. */
    public record UnitCount(String code, String name, int green, int yellow, int red) {
    }

    /** A share late for a period no report was accepted for yet. */
    public record Overdue(String taskId, int taskNumber, String taskTitle, ViewRow.UnitName unit,
                          ViewRow.UnitName leadUnit, String period, LocalDate dueDate) {
    }

    /**
     * A unit's punctuality over all its shares of the plan.
     *
     * @param onTime periods reported and accepted without having been found late
     * @param late   periods the unit was found late for
     * @param rate   onTime / (onTime + late), null while both are 0
     */
    public record OnTimeRate(String code, String name, int onTime, int late, Double rate) {
    }
}
