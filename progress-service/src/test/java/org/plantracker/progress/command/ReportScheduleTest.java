package org.plantracker.progress.command;

import org.junit.jupiter.api.Test;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.TaskKind;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ReportScheduleTest {

    @Test
    void periodsOfEachCycle() {
        LocalDate may = LocalDate.parse("2022-05-10");
        assertThat(Periods.of(ReportingCycle.MONTHLY, may)).isEqualTo("2022-05");
        assertThat(Periods.of(ReportingCycle.QUARTERLY, may)).isEqualTo("2022-Q2");
        assertThat(Periods.of(ReportingCycle.HALF_YEARLY, may)).isEqualTo("2022-H1");
        assertThat(Periods.of(ReportingCycle.YEARLY, may)).isEqualTo("2022");
        assertThat(Periods.lastDay(ReportingCycle.QUARTERLY, "2022-Q4")).isEqualTo("2022-12-31");
        assertThat(Periods.next(ReportingCycle.QUARTERLY, "2022-Q4")).isEqualTo("2023-Q1");
        assertThat(Periods.next(ReportingCycle.HALF_YEARLY, "2022-H1")).isEqualTo("2022-H2");
        assertThat(Periods.lastDay(ReportingCycle.MONTHLY, "2024-02")).isEqualTo("2024-02-29");
    }

    @Test
    void eachPeriodsReportIsDueGraceDaysAfterItsLastDay() {
        ReportSchedule quarterly = new ReportSchedule(TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, 5);
        assertThat(quarterly.firstDueOnOrAfter(LocalDate.parse("2022-05-10")))
                .isEqualTo(new ReportSchedule.Expected("2022-Q2", LocalDate.parse("2022-07-05")));
        assertThat(quarterly.firstDueOnOrAfter(LocalDate.parse("2022-07-05")))
                .isEqualTo(new ReportSchedule.Expected("2022-Q2", LocalDate.parse("2022-07-05")));
        assertThat(quarterly.firstDueOnOrAfter(LocalDate.parse("2022-07-06")))
                .isEqualTo(new ReportSchedule.Expected("2022-Q3", LocalDate.parse("2022-10-05")));
        assertThat(quarterly.lastDueBefore(LocalDate.parse("2022-07-06")))
                .isEqualTo(new ReportSchedule.Expected("2022-Q2", LocalDate.parse("2022-07-05")));
        assertThat(quarterly.lastDueBefore(LocalDate.parse("2022-07-05")))
                .isEqualTo(new ReportSchedule.Expected("2022-Q1", LocalDate.parse("2022-04-05")));
    }

    @Test
    void aNearTermTaskExpectsNothingAfterItsDueDate() {
        ReportSchedule monthly = new ReportSchedule(TaskKind.NEAR_TERM, LocalDate.parse("2026-06-30"), ReportingCycle.MONTHLY, 5);
        assertThat(monthly.expected("2026-06")).isEqualTo(new ReportSchedule.Expected("2026-06", LocalDate.parse("2026-06-30")));
        assertThat(monthly.expected("2026-07")).isNull();
        assertThat(monthly.firstDueOnOrAfter(LocalDate.parse("2026-07-01"))).isNull();
        assertThat(monthly.lastDueBefore(LocalDate.parse("2026-08-01")))
                .isEqualTo(new ReportSchedule.Expected("2026-06", LocalDate.parse("2026-06-30")));
        ReportSchedule once = new ReportSchedule(TaskKind.NEAR_TERM, LocalDate.parse("2026-06-30"), null, 5);
        assertThat(once.firstDueOnOrAfter(LocalDate.parse("2026-06-30")))
                .isEqualTo(new ReportSchedule.Expected("2026-06", LocalDate.parse("2026-06-30")));
        assertThat(once.lastDueBefore(LocalDate.parse("2026-06-30"))).isNull();
    }
}
