package org.plantracker.progress.query;

import org.junit.jupiter.api.Test;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.progress.command.ReportSchedule;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.Target;
import org.plantracker.task.api.TaskKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of {@link LightRules}, on dates chosen around a quarterly report due 5 days after the quarter. */
class LightRulesTest {

    private static final ReportSchedule QUARTERLY = new ReportSchedule(TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, 5);
    private static final int DUE_SOON_DAYS = 3;

    @Test
    void withoutAScheduleTheLastStatusDecides() {
        assertThat(light(facts(ReportStatus.ON_TRACK, "2022-Q2", "SUBMITTED", 0, null), "2022-05-10")).isEqualTo(Light.GREEN);
        assertThat(light(facts(ReportStatus.DONE, "2022-Q2", "ACCEPTED", 0, null), "2022-05-10")).isEqualTo(Light.GREEN);
        assertThat(light(facts(ReportStatus.AT_RISK, "2022-Q2", "SUBMITTED", 0, null), "2022-05-10")).isEqualTo(Light.YELLOW);
        assertThat(light(facts(ReportStatus.NOT_STARTED, "2022-Q2", "SUBMITTED", 0, null), "2022-05-10")).isEqualTo(Light.YELLOW);
        assertThat(light(facts(null, null, null, 0, null), "2022-05-10")).as("no report yet").isEqualTo(Light.YELLOW);
    }

    @Test
    void onTimeIsGreen() {
        // Q2 reported and accepted; Q3 is due on 2022-10-05, far away
        assertThat(light(facts(ReportStatus.ON_TRACK, "2022-Q2", "ACCEPTED", 0, QUARTERLY), "2022-08-01")).isEqualTo(Light.GREEN);
    }

    @Test
    void nearItsDueDateWithoutAReportIsYellow() {
        assertThat(light(facts(ReportStatus.ON_TRACK, "2022-Q2", "ACCEPTED", 0, QUARTERLY), "2022-10-01"))
                .as("4 days before").isEqualTo(Light.GREEN);
        assertThat(light(facts(ReportStatus.ON_TRACK, "2022-Q2", "ACCEPTED", 0, QUARTERLY), "2022-10-02"))
                .as("3 days before").isEqualTo(Light.YELLOW);
        assertThat(light(facts(ReportStatus.ON_TRACK, "2022-Q3", "SUBMITTED", 0, QUARTERLY), "2022-10-04"))
                .as("reported already").isEqualTo(Light.GREEN);
    }

    @Test
    void pastItsDueDateWithoutAReportIsRed() {
        assertThat(light(facts(ReportStatus.ON_TRACK, "2022-Q2", "ACCEPTED", 0, QUARTERLY), "2022-10-05"))
                .as("the due day itself").isEqualTo(Light.YELLOW);
        assertThat(light(facts(ReportStatus.ON_TRACK, "2022-Q2", "ACCEPTED", 0, QUARTERLY), "2022-10-06")).isEqualTo(Light.RED);
        assertThat(light(facts(null, null, null, 0, QUARTERLY), "2022-10-06")).isEqualTo(Light.RED);
    }

    @Test
    void aReturnedReportIsRedUntilResubmitted() {
        assertThat(light(facts(ReportStatus.ON_TRACK, "2022-Q3", "RETURNED", 0, QUARTERLY), "2022-10-04")).isEqualTo(Light.RED);
        assertThat(light(facts(ReportStatus.ON_TRACK, "2022-Q3", "SUBMITTED", 0, QUARTERLY), "2022-10-04")).isEqualTo(Light.GREEN);
    }

    @Test
    void aLateCellNeverTurnsGreenWithoutANewlyAcceptedReport() {
        // found late for Q3; the late report was submitted (and even a later one): still red
        assertThat(light(facts(ReportStatus.ON_TRACK, "2022-Q3", "SUBMITTED", 1, QUARTERLY), "2022-10-20")).isEqualTo(Light.RED);
        assertThat(light(facts(ReportStatus.DONE, "2022-Q4", "SUBMITTED", 1, QUARTERLY), "2023-01-03")).isEqualTo(Light.RED);
        // the report for the late period accepted: no period open any more
        assertThat(light(facts(ReportStatus.ON_TRACK, "2022-Q3", "ACCEPTED", 0, QUARTERLY), "2022-10-20")).isEqualTo(Light.GREEN);
    }

    @Test
    void aReportDueBeforeTheScheduleWasLearnedIsNotOwed() {
        ReportSchedule fromMay = new ReportSchedule(TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, 5,
                LocalDate.parse("2022-05-10"));
        assertThat(light(facts(null, null, null, 0, fromMay), "2022-05-10")).as("Q1 was due on 2022-04-05").isEqualTo(Light.YELLOW);
        assertThat(light(facts(null, null, null, 0, fromMay), "2022-07-06")).as("Q2 is owed").isEqualTo(Light.RED);
    }

    @Test
    void aNearTermTaskWithoutACycleOwesOneReportByItsDueDate() {
        ReportSchedule once = new ReportSchedule(TaskKind.NEAR_TERM, LocalDate.parse("2026-06-30"), null, 5);
        assertThat(light(facts(null, null, null, 0, once), "2026-06-01")).as("no report yet").isEqualTo(Light.YELLOW);
        assertThat(light(facts(ReportStatus.ON_TRACK, "2026-05", "SUBMITTED", 0, once), "2026-06-28")).isEqualTo(Light.GREEN);
        assertThat(light(facts(null, null, null, 0, once), "2026-07-01")).isEqualTo(Light.RED);
    }

    @Test
    void aLastValueBehindAMeasurableTargetIsYellow() {
        // on time, ON_TRACK: green unless a value reported against a target is on its wrong side
        assertThat(light(withTargets(figure("90", Target.Direction.AT_LEAST, "85.5")), "2022-08-01"))
                .as("五好关工委达标率 85.5 % against ≥ 90 %").isEqualTo(Light.YELLOW);
        assertThat(light(withTargets(figure("90", Target.Direction.AT_LEAST, "90")), "2022-08-01")).isEqualTo(Light.GREEN);
        assertThat(light(withTargets(figure("90", Target.Direction.AT_LEAST, "92")), "2022-08-01")).isEqualTo(Light.GREEN);
        assertThat(light(withTargets(figure("5", Target.Direction.AT_MOST, "6")), "2022-08-01"))
                .as("above an AT_MOST target").isEqualTo(Light.YELLOW);
        assertThat(light(withTargets(figure("5", Target.Direction.AT_MOST, "5.0")), "2022-08-01")).isEqualTo(Light.GREEN);
        assertThat(light(withTargets(figure("100", Target.Direction.EQUAL, "99")), "2022-08-01"))
                .as("other than an EQUAL target").isEqualTo(Light.YELLOW);
        assertThat(light(withTargets(figure("100", Target.Direction.EQUAL, "100.00")), "2022-08-01")).isEqualTo(Light.GREEN);
        assertThat(light(withTargets(figure("90", Target.Direction.AT_LEAST, "95"), figure("5", Target.Direction.AT_MOST, "7")),
                "2022-08-01")).as("one target behind is enough").isEqualTo(Light.YELLOW);
    }

    @Test
    void behindItsTargetsDoesNotSoftenARedCell() {
        LightRules.Facts late = new LightRules.Facts(ReportStatus.ON_TRACK, "2022-Q2", "ACCEPTED", 0, QUARTERLY,
                List.of(figure("90", Target.Direction.AT_LEAST, "80")));
        assertThat(light(late, "2022-10-06")).as("Q3 overdue").isEqualTo(Light.RED);
        LightRules.Facts returned = new LightRules.Facts(ReportStatus.ON_TRACK, "2022-Q2", "RETURNED", 0, QUARTERLY,
                List.of(figure("90", Target.Direction.AT_LEAST, "80")));
        assertThat(light(returned, "2022-08-01")).isEqualTo(Light.RED);
    }

    @Test
    void theRowQueryFiguresAreReadBack() {
        assertThat(ViewQueryHandler.targetFigures(null)).isEmpty();
        assertThat(ViewQueryHandler.targetFigures("T1 AT_LEAST 90 85.5,T3 EQUAL 100 100")).containsExactly(
                new LightRules.TargetFigure("T1", new BigDecimal("90"), Target.Direction.AT_LEAST, new BigDecimal("85.5")),
                new LightRules.TargetFigure("T3", new BigDecimal("100"), Target.Direction.EQUAL, new BigDecimal("100")));
    }

    private static LightRules.Facts withTargets(LightRules.TargetFigure... figures) {
        return new LightRules.Facts(ReportStatus.ON_TRACK, "2022-Q2", "ACCEPTED", 0, QUARTERLY, List.of(figures));
    }

    private static LightRules.TargetFigure figure(String target, Target.Direction direction, String last) {
        return new LightRules.TargetFigure("T1", new BigDecimal(target), direction, new BigDecimal(last));
    }

    private static Light light(LightRules.Facts facts, String today) {
        return LightRules.lightOf(facts, LocalDate.parse(today), DUE_SOON_DAYS);
    }

    private static LightRules.Facts facts(ReportStatus status, String period, String review, int overdueOpen,
                                          ReportSchedule schedule) {
        return new LightRules.Facts(status, period, review, overdueOpen, schedule);
    }
}
