package org.plantracker.progress.query;

import org.plantracker.progress.api.ReportStatus;
import org.plantracker.progress.command.Periods;
import org.plantracker.progress.command.ReportSchedule;

import org.plantracker.task.api.Target;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The one rule set that decides a share's light. Applied when a view is read, with today's date from
 * the platform's clock, so a light changes as days pass without any event. In order, the first that
 * holds decides:
 * <ol>
 *   <li><b>RED — late and not made good</b>: the share was found late for a period (ReportOverdueEvent)
 *       and no report for that period has been accepted since. A late cell therefore never turns green
 *       again, whatever is submitted, until a new report for the late period is accepted.</li>
 *   <li><b>RED — returned</b>: its last report was returned and not resubmitted yet.</li>
 *   <li><b>RED — overdue</b>: a report's due date is over (see {@link ReportSchedule}) and no report for
 *       that period was submitted, even before the deadline's event was recorded.</li>
 *   <li><b>YELLOW — due soon</b>: the next report is due within {@code dueSoonDays} days
 *       ({@code plan-tracker.progress.due-soon-days}) and not submitted yet.</li>
 *   <li><b>YELLOW — behind its targets</b>: for a measurable target of the task (metric, target value,
 *       direction), the last value the unit reported ({@code figures[]} of its reports) is on the wrong side
 *       of the target value: below an AT_LEAST target, above an AT_MOST one, other than an EQUAL one.</li>
 *   <li><b>YELLOW — behind</b>: no report yet, or the last one says AT_RISK or NOT_STARTED.</li>
 *   <li><b>GREEN</b>: on time, the last report ON_TRACK or DONE.</li>
 * </ol>
 */
public final class LightRules {

    private LightRules() {
    }

    /**
     * What a light is decided from.
     *
     * @param lastStatus  the status of the share's last report; null before the first
     * @param lastPeriod  the period of the share's last report; null before the first
     * @param lastReview  SUBMITTED, ACCEPTED or RETURNED for the last report; null before the first
     * @param overdueOpen periods found late for which no report was accepted since
     * @param schedule    when reports are due; null when the task has no schedule yet
     * @param targets     the task's measurable targets the unit reported a value for, with its last value
     */
    public record Facts(ReportStatus lastStatus, String lastPeriod, String lastReview, int overdueOpen,
                        ReportSchedule schedule, List<TargetFigure> targets) {

        public Facts {
            targets = targets == null ? List.of() : List.copyOf(targets);
        }

        /** Without figures against targets. */
        public Facts(ReportStatus lastStatus, String lastPeriod, String lastReview, int overdueOpen,
                     ReportSchedule schedule) {
            this(lastStatus, lastPeriod, lastReview, overdueOpen, schedule, List.of());
        }
    }

    /** A measurable target (its value and direction) and the last value a unit reported against it. */
    public record TargetFigure(String targetId, BigDecimal targetValue, Target.Direction direction, BigDecimal lastValue) {

        /** The last value is on the wrong side of the target value. */
        public boolean behind() {
            int comparison = lastValue.compareTo(targetValue);
            return switch (direction) {
                case AT_LEAST -> comparison < 0;
                case AT_MOST -> comparison > 0;
                case EQUAL -> comparison != 0;
            };
        }
    }

    public static Light lightOf(Facts facts, LocalDate today, int dueSoonDays) {
        if (facts.overdueOpen() > 0) {
            return Light.RED;
        }
        if ("RETURNED".equals(facts.lastReview())) {
            return Light.RED;
        }
        ReportSchedule schedule = facts.schedule();
        if (schedule != null && schedule.expectsReports()) {
            ReportSchedule.Expected due = schedule.lastDueBefore(today);
            if (due != null && !reported(facts, schedule, due)) {
                return Light.RED;
            }
            ReportSchedule.Expected next = schedule.firstDueOnOrAfter(today);
            if (next != null && !next.dueDate().isAfter(today.plusDays(dueSoonDays)) && !reported(facts, schedule, next)) {
                return Light.YELLOW;
            }
        }
        if (facts.targets().stream().anyMatch(TargetFigure::behind)) {
            return Light.YELLOW;
        }
        if (facts.lastStatus() == null) {
            return Light.YELLOW;
        }
        return switch (facts.lastStatus()) {
            case ON_TRACK, DONE -> Light.GREEN;
            case AT_RISK, NOT_STARTED -> Light.YELLOW;
        };
    }

    /** A report for the period, or a later one, was submitted (units report their periods in order). */
    private static boolean reported(Facts facts, ReportSchedule schedule, ReportSchedule.Expected expected) {
        if (facts.lastPeriod() == null) {
            return false;
        }
        if (schedule.cycle() == null || !Periods.fits(schedule.cycle(), facts.lastPeriod())) {
            // one report expected (or periods written another way): any report counts
            return schedule.cycle() == null;
        }
        return facts.lastPeriod().compareTo(expected.period()) >= 0;
    }
}
