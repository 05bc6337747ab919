package org.plantracker.progress.command;

import org.plantracker.task.api.ReportingCycle;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Reporting periods as written in reports: YYYY-MM (monthly), YYYY-Qn (quarterly), YYYY-H1/H2
 * (half-yearly), YYYY (yearly). Within one cycle, periods sort as their text does.
 */
public final class Periods {

    private Periods() {
    }

    /** The period of {@code cycle} that {@code date} falls in. */
    public static String of(ReportingCycle cycle, LocalDate date) {
        return switch (cycle) {
            case MONTHLY -> YearMonth.from(date).toString();
            case QUARTERLY -> date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1);
            case HALF_YEARLY -> date.getYear() + "-H" + (date.getMonthValue() <= 6 ? 1 : 2);
            case YEARLY -> Integer.toString(date.getYear());
        };
    }

    /** The first day of a period written for {@code cycle}. */
    public static LocalDate firstDay(ReportingCycle cycle, String period) {
        int year = Integer.parseInt(period.substring(0, 4));
        return switch (cycle) {
            case MONTHLY -> YearMonth.parse(period).atDay(1);
            case QUARTERLY -> LocalDate.of(year, (period.charAt(6) - '1') * 3 + 1, 1);
            case HALF_YEARLY -> LocalDate.of(year, period.charAt(6) == '1' ? 1 : 7, 1);
            case YEARLY -> LocalDate.of(year, 1, 1);
        };
    }

    /** The last day of a period written for {@code cycle}. */
    public static LocalDate lastDay(ReportingCycle cycle, String period) {
        return next(cycle, period) == null ? null : firstDay(cycle, next(cycle, period)).minusDays(1);
    }

    /** The period after {@code period}. */
    public static String next(ReportingCycle cycle, String period) {
        LocalDate first = firstDay(cycle, period);
        return of(cycle, switch (cycle) {
            case MONTHLY -> first.plusMonths(1);
            case QUARTERLY -> first.plusMonths(3);
            case HALF_YEARLY -> first.plusMonths(6);
            case YEARLY -> first.plusYears(1);
        });
    }

    /** True when {@code period} is written as {@code cycle} writes its periods. */
    public static boolean fits(ReportingCycle cycle, String period) {
        if (period == null) {
            return false;
        }
        return switch (cycle) {
            case MONTHLY -> period.matches("\\d{4}-(0[1-9]|1[0-2])");
            case QUARTERLY -> period.matches("\\d{4}-Q[1-4]");
            case HALF_YEARLY -> period.matches("\\d{4}-H[12]");
            case YEARLY -> period.matches("\\d{4}");
        };
    }
}
