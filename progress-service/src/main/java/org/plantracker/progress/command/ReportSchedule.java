package org.plantracker.progress.command;

import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.TaskKind;

import java.time.LocalDate;

/**
 * When a share's reports are due, from its task's schedule. The rules, in one place:
 * <ul>
 *   <li>With a reporting cycle, each period's report is due {@code graceDays} after the period's last day
 *       (a quarter's report in the first days of the next quarter); a near-term task's last report is due
 *       no later than its due date, and no period after the one holding the due date is expected.</li>
 *   <li>A near-term task without a cycle expects one report, due on its due date, whatever its period
 *       (its period is written as the due date's month).</li>
 *   <li>A task without a schedule expects nothing; nor is a report owed that was due before the share
 *       learned its schedule ({@code owedFrom}).</li>
 * </ul>
 *
 * @param dueDate  a near-term task's due date; null for a long-term one
 * @param owedFrom the day the share learned the schedule; reports due earlier are not owed (null: all are)
 */
public record ReportSchedule(TaskKind kind, LocalDate dueDate, ReportingCycle cycle, int graceDays, LocalDate owedFrom) {

    public ReportSchedule(TaskKind kind, LocalDate dueDate, ReportingCycle cycle, int graceDays) {
        this(kind, dueDate, cycle, graceDays, null);
    }

    /** A report a share owes: the period it is about and the last day to submit it. */
    public record Expected(String period, LocalDate dueDate) {
    }

    public boolean expectsReports() {
        return kind != null && (cycle != null || dueDate != null);
    }

    /** The first report due on {@code day} or later; null when none is expected any more. */
    public Expected firstDueOnOrAfter(LocalDate day) {
        if (!expectsReports()) {
            return null;
        }
        if (cycle == null) {
            Expected only = new Expected(Periods.of(ReportingCycle.MONTHLY, dueDate), dueDate);
            return day.isAfter(dueDate) ? null : only;
        }
        // the period whose report may still be due on that day starts at most a period and the grace days earlier
        String period = Periods.of(cycle, day.minusDays(graceDays));
        for (int i = 0; i < 3; i++, period = Periods.next(cycle, period)) {
            Expected expected = expected(period);
            if (expected == null) {
                return null;
            }
            if (!expected.dueDate().isBefore(day)) {
                return expected;
            }
        }
        return null;
    }

    /** The last report owed whose due date is before {@code day}; null when none was due yet. */
    public Expected lastDueBefore(LocalDate day) {
        Expected last = lastDueBeforeIgnoringStart(day);
        return last == null || (owedFrom != null && last.dueDate().isBefore(owedFrom)) ? null : last;
    }

    private Expected lastDueBeforeIgnoringStart(LocalDate day) {
        if (!expectsReports()) {
            return null;
        }
        if (cycle == null) {
            return day.isAfter(dueDate) ? new Expected(Periods.of(ReportingCycle.MONTHLY, dueDate), dueDate) : null;
        }
        Expected next = firstDueOnOrAfter(day);
        String period = next != null ? next.period() : Periods.of(cycle, dueDate);
        if (next == null) {
            return expected(period);
        }
        String previous = previous(period);
        Expected before = expected(previous);
        return before != null && before.dueDate().isBefore(day) ? before : null;
    }

    /** The report owed for {@code period}; null when the task expects none for it. */
    public Expected expected(String period) {
        if (cycle == null) {
            return dueDate == null ? null : new Expected(Periods.of(ReportingCycle.MONTHLY, dueDate), dueDate);
        }
        LocalDate due = Periods.lastDay(cycle, period).plusDays(graceDays);
        if (kind == TaskKind.NEAR_TERM && dueDate != null) {
            if (Periods.firstDay(cycle, period).isAfter(dueDate)) {
                return null;
            }
            if (due.isAfter(dueDate)) {
                due = dueDate;
            }
        }
        return new Expected(period, due);
    }

    private String previous(String period) {
        LocalDate first = Periods.firstDay(cycle, period);
        return Periods.of(cycle, first.minusDays(1));
    }
}
