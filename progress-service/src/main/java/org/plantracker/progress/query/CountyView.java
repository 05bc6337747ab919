package org.plantracker.progress.query;

import java.time.LocalDate;
import java.util.List;

/**
 * One county committee's share of every task of a plan: its rows, the reports it owes (with their due
 * dates, late ones first), its returned reports waiting to be resubmitted, and the urges it received.
 */
public record CountyView(ViewRow.UnitName unit, String planId, List<ViewRow> rows, List<Outstanding> outstanding,
                         List<Returned> returned, List<UrgeView> urges) {

    /**
     * A report the unit owes.
     *
     * @param overdue true when its due date is over (or the share was found late and no report was accepted since)
     */
    public record Outstanding(String taskId, int taskNumber, String taskTitle, String period, LocalDate dueDate,
                              boolean overdue) {
    }

    /** A report the lead unit returned, with the reason, to be resubmitted. */
    public record Returned(String taskId, int taskNumber, String taskTitle, String reportId, String period,
                           int version, String reason) {
    }
}
