package org.plantracker.progress.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.axonframework.test.matchers.Matchers;
import org.plantracker.platform.deadline.BusinessCalendar;
import org.plantracker.platform.test.MutableClock;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ReportDueSoonEvent;
import org.plantracker.progress.api.ReportOverdueEvent;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.progress.api.TaskShareAssignedEvent;
import org.plantracker.progress.api.TaskShareClosedEvent;
import org.plantracker.progress.api.TaskShareScheduledEvent;
import org.plantracker.progress.api.TaskShareWithdrawnEvent;
import org.plantracker.progress.api.UrgeIssuedEvent;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.TaskKind;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;


/** A share's report deadlines: reminded days before, late and urged after (and again), with the platform's clock. */
class TaskShareDeadlineTest {

    private static final String TASK = "plan1-07";
    private static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    private static final UnitRef PROPAGANDA = new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT);
    private static final String SHARE = TaskShare.idOf(TASK, MISHAN.code());
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** 2022-05-10, mid Q2: the Q2 report is due 2022-07-05 (5 days' grace), reminded from 2022-07-02 (3 days). */
    private static final Instant START = LocalDate.parse("2022-05-10").atStartOfDay(ZONE).toInstant();

    private AggregateTestFixture<TaskShare> fixture;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        fixture = new AggregateTestFixture<>(TaskShare.class);
        fixture.registerInjectableResource(new ReportCalendar(new BusinessCalendar(clock, ZONE), 5, 3));
    }

    @Test
    void aScheduleSetsTheDeadlinesOfTheFirstReportToCome() {
        fixture.given(assigned())
                .andGivenCurrentTime(START)
                .when(new ScheduleTaskShareCommand(SHARE, TASK, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, 5))
                .expectEvents(scheduled(5))
                .expectScheduledDeadline(Duration.between(START, endOf("2022-07-01")),
                        new ReportDeadline(ReportDeadline.Moment.DUE_SOON, "2022-Q2", LocalDate.parse("2022-07-05"), 5))
                .expectScheduledDeadline(Duration.between(START, endOf("2022-07-05")),
                        new ReportDeadline(ReportDeadline.Moment.OVERDUE, "2022-Q2", LocalDate.parse("2022-07-05"), 5));
    }

    @Test
    void anOlderOrTheSameScheduleChangesNothing() {
        fixture.given(assigned(), scheduled(5))
                .when(new ScheduleTaskShareCommand(SHARE, TASK, TaskKind.LONG_TERM, null, ReportingCycle.MONTHLY, 5))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void withoutAReportTheUnitIsRemindedDaysBefore() {
        fixture.given(assigned())
                .andGivenCurrentTime(START)
                .andGivenCommands(new ScheduleTaskShareCommand(SHARE, TASK, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, 5))
                .whenTimeAdvancesTo(endOf("2022-07-01"))
                .expectEvents(new ReportDueSoonEvent(SHARE, TASK, "plan1", 7, "加强青少年法治教育", MISHAN, "2022-Q2",
                        LocalDate.parse("2022-07-05")));
    }

    @Test
    void withoutAReportTheUnitIsFoundLateAndUrgedOnceItsDueDateIsOver() {
        fixture.given(assigned())
                .andGivenCurrentTime(START)
                .andGivenCommands(new ScheduleTaskShareCommand(SHARE, TASK, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, 5))
                .whenTimeAdvancesTo(endOf("2022-07-05"))
                .expectEventsMatching(payloads(
                        Matchers.predicate(p -> p instanceof ReportDueSoonEvent),
                        Matchers.predicate(p -> p.equals(new ReportOverdueEvent(SHARE, TASK, "plan1", 7, "加强青少年法治教育",
                                MISHAN, PROPAGANDA, "2022-Q2", LocalDate.parse("2022-07-05")))),
                        Matchers.predicate(p -> p instanceof UrgeIssuedEvent u && u.automatic() && u.issuedBy() == null
                                && "2022-Q2".equals(u.period()) && u.unit().equals(MISHAN))))
                // the next quarter's deadlines follow
                .expectScheduledDeadline(Duration.between(endOf("2022-07-05"), endOf("2022-10-05")),
                        new ReportDeadline(ReportDeadline.Moment.OVERDUE, "2022-Q3", LocalDate.parse("2022-10-05"), 5));
    }

    @Test
    void aReportInTimeMeansNoReminderNoLatenessNoUrge() {
        fixture.given(assigned())
                .andGivenCurrentTime(START)
                .andGivenCommands(new ScheduleTaskShareCommand(SHARE, TASK, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, 5))
                .andGiven(report("2022-Q2"))
                .whenTimeAdvancesTo(endOf("2022-07-05"))
                .expectNoEvents()
                .expectScheduledDeadline(Duration.between(endOf("2022-07-05"), endOf("2022-10-05")),
                        new ReportDeadline(ReportDeadline.Moment.OVERDUE, "2022-Q3", LocalDate.parse("2022-10-05"), 5));
    }

    @Test
    void aWithdrawnShareIsNotChased() {
        fixture.given(assigned())
                .andGivenCurrentTime(START)
                .andGivenCommands(new ScheduleTaskShareCommand(SHARE, TASK, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, 5))
                .andGiven(new TaskShareWithdrawnEvent(SHARE, TASK, MISHAN.code(), 9))
                .whenTimeAdvancesTo(endOf("2022-07-05"))
                .expectNoEvents();
    }

    @Test
    void aNewerScheduleReplacesTheDeadlinesOfTheEarlierOne() {
        fixture.given(assigned())
                .andGivenCurrentTime(START)
                .andGivenCommands(new ScheduleTaskShareCommand(SHARE, TASK, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, 5),
                        new ScheduleTaskShareCommand(SHARE, TASK, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, 6))
                .whenTimeAdvancesTo(endOf("2022-07-05"))
                .expectEventsMatching(payloads(
                        Matchers.predicate(p -> p instanceof ReportDueSoonEvent),
                        Matchers.predicate(p -> p instanceof ReportOverdueEvent),
                        Matchers.predicate(p -> p instanceof UrgeIssuedEvent)));
    }

    @Test
    void aPeriodFoundLateOnceIsNotFoundLateAgain() {
        fixture.given(assigned(), new ReportOverdueEvent(SHARE, TASK, "plan1", 7, "加强青少年法治教育", MISHAN, PROPAGANDA,
                        "2022-Q2", LocalDate.parse("2022-07-05")))
                .andGivenCurrentTime(START)
                .andGivenCommands(new ScheduleTaskShareCommand(SHARE, TASK, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, 5))
                .whenTimeAdvancesTo(endOf("2022-07-05"))
                .expectEventsMatching(payloads(Matchers.predicate(p -> p instanceof ReportDueSoonEvent)));
    }

    @Test
    void aPeriodMustBeWrittenAsTheTasksCycleWritesIt() {
        fixture.given(assigned(), scheduled(5))
                .when(new SubmitProgressReportCommand(SHARE, "r-1", "2022-05", ReportStatus.ON_TRACK, "五月", List.of(),
                        List.of(), null), java.util.Map.of(org.plantracker.platform.axon.EventMetadata.ACTOR_UNIT, MISHAN.code()))
                .expectException(Matchers.predicate(e -> e instanceof org.plantracker.platform.problem.DomainException d
                        && d.status() == org.springframework.http.HttpStatus.BAD_REQUEST
                        && d.errors().get(0).field().equals("period")))
                .expectNoEvents();
    }

    @Test
    void aClosedTaskIsNotChasedAndTakesNoReportUntilReopened() {
        fixture.given(assigned())
                .andGivenCurrentTime(START)
                .andGivenCommands(new ScheduleTaskShareCommand(SHARE, TASK, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, 5),
                        new CloseTaskShareCommand(SHARE, TASK, true, 8))
                .whenTimeAdvancesTo(endOf("2022-07-05"))
                .expectNoEvents();
    }

    @Test
    void aClosedTaskRefusesReportsAndReopeningRestartsItsDeadlines() {
        fixture.given(assigned(), scheduled(5), new TaskShareClosedEvent(SHARE, TASK, true, 8))
                .when(new SubmitProgressReportCommand(SHARE, "r-1", "2022-Q2", ReportStatus.ON_TRACK, "补报", List.of(),
                        List.of(), null), java.util.Map.of(org.plantracker.platform.axon.EventMetadata.ACTOR_UNIT, MISHAN.code()))
                .expectException(Matchers.predicate(e -> e instanceof org.plantracker.platform.problem.DomainException d
                        && d.status() == org.springframework.http.HttpStatus.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void reopeningRestartsTheDeadlinesFromToday() {
        fixture.given(assigned(), scheduled(5), new TaskShareClosedEvent(SHARE, TASK, true, 8))
                .andGivenCurrentTime(START)
                .when(new CloseTaskShareCommand(SHARE, TASK, false, 9))
                .expectEvents(new TaskShareClosedEvent(SHARE, TASK, false, 9))
                .expectScheduledDeadline(Duration.between(START, endOf("2022-07-05")),
                        new ReportDeadline(ReportDeadline.Moment.OVERDUE, "2022-Q2", LocalDate.parse("2022-07-05"), 5));
    }

    @Test
    void aUnitAssignedAgainAfterAWithdrawalIsChasedAgainFromThatDay() {
        fixture.given(assigned(), scheduled(5), new TaskShareWithdrawnEvent(SHARE, TASK, MISHAN.code(), 6))
                .andGivenCurrentTime(START)
                .when(new AssignTaskShareCommand(SHARE, TASK, "plan1", 7, 4, "加强青少年法治教育和权益保护", "加强青少年法治教育",
                        MISHAN, PROPAGANDA, false, true, 7))
                .expectScheduledDeadline(Duration.between(START, endOf("2022-07-05")),
                        new ReportDeadline(ReportDeadline.Moment.OVERDUE, "2022-Q2", LocalDate.parse("2022-07-05"), 5));
    }

    /**
     * A unit still late is urged again every {@code repeat-urge-days} (7 here) days until it reports; each repeat
     * an automatic urge of its own. The platform's clock (the MutableClock) follows the fixture's time deadline
     * by deadline, as db-scheduler's clock and the aggregate's "today" go together in the service.
     */
    @Nested
    class RepeatedUrges {

        private static final LocalDate DUE = LocalDate.parse("2022-07-05");

        @BeforeEach
        void repeatWeekly() {
            fixture = fixtureFollowedByTheClock(7);
        }

        @Test
        void aUnitStillLateAWeekAfterItsDueDateIsUrgedAgainAndTheNextRepeatIsSet() {
            lateUntil(scheduledQuarterly(), "2022-07-12", "第2次催办")
                    .expectScheduledDeadline(Duration.between(endOf("2022-07-12"), endOf("2022-07-19")), repeat(2));
        }

        @Test
        void eachRepeatIsAnUrgeOfItsOwn() {
            lateUntil(scheduledQuarterly(), "2022-07-19", "第2次催办", "第3次催办")
                    .expectScheduledDeadline(Duration.between(endOf("2022-07-19"), endOf("2022-07-26")), repeat(3));
        }

        @Test
        void aServiceAwakeAfterManyRoundsUrgesOnceAndGoesOnFromTheNextRoundToCome() {
            // the service was down: the deadlines of 07-05 and 07-12 fire on 2022-09-02, when eight rounds
            // (07-12 … 08-30) are over
            TestExecutor<TaskShare> asleep = scheduledQuarterly();
            fixture.registerDeadlineHandlerInterceptor((unitOfWork, chain) -> {
                clock.set(endOf("2022-09-01"));
                return chain.proceed();
            });
            lateUntil(asleep, "2022-09-01", "第2次催办")
                    .expectScheduledDeadline(Duration.between(endOf("2022-09-01"), endOf("2022-09-06")), repeat(9));
        }

        @Test
        void withoutRepeatDaysALateUnitIsUrgedOnce() {
            fixture = fixtureFollowedByTheClock(0);
            lateUntil(scheduledQuarterly(), "2022-07-26");
        }

        /** Advances to the end of {@code date}: reminded, found late, urged, then urged again with each repeat. */
        private org.axonframework.test.aggregate.ResultValidator<TaskShare> lateUntil(TestExecutor<TaskShare> given,
                                                                                        String date, String... repeats) {
            List<org.hamcrest.Matcher<Object>> expected = new ArrayList<>(List.of(
                    Matchers.predicate(p -> p instanceof ReportDueSoonEvent),
                    Matchers.predicate(p -> p instanceof ReportOverdueEvent),
                    automaticUrge("逾期未报送2022-Q2")));
            for (String repeat : repeats) {
                expected.add(automaticUrge(repeat));
            }
            @SuppressWarnings("unchecked")
            org.hamcrest.Matcher<Object>[] each = expected.toArray(new org.hamcrest.Matcher[0]);
            return given.whenTimeAdvancesTo(endOf(date)).expectEventsMatching(payloads(each));
        }

        private AggregateTestFixture<TaskShare> fixtureFollowedByTheClock(int repeatUrgeDays) {
            AggregateTestFixture<TaskShare> f = new AggregateTestFixture<>(TaskShare.class);
            f.registerInjectableResource(new ReportCalendar(new BusinessCalendar(clock, ZONE), 5, 3, repeatUrgeDays));
            f.registerDeadlineHandlerInterceptor((unitOfWork, chain) -> {
                clock.set(f.currentTime());
                return chain.proceed();
            });
            return f;
        }

        private TestExecutor<TaskShare> scheduledQuarterly() {
            return fixture.given(assigned())
                    .andGivenCurrentTime(START)
                    .andGivenCommands(new ScheduleTaskShareCommand(SHARE, TASK, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, 5));
        }

        private ReportDeadline repeat(int round) {
            return new ReportDeadline(ReportDeadline.Moment.REPEAT_URGE, "2022-Q2", DUE, 5, round);
        }

        private org.hamcrest.Matcher<Object> automaticUrge(String messageStart) {
            return Matchers.predicate(p -> p instanceof UrgeIssuedEvent u && u.automatic() && u.issuedBy() == null
                    && "2022-Q2".equals(u.period()) && u.unit().equals(MISHAN) && u.message().startsWith(messageStart));
        }
    }

    @SafeVarargs
    private static org.hamcrest.Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> payloads(
            org.hamcrest.Matcher<Object>... each) {
        java.util.List<org.hamcrest.Matcher<?>> all = new java.util.ArrayList<>(List.of(each));
        all.add(Matchers.andNoMore());
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(all.toArray(new org.hamcrest.Matcher[0])));
    }

    private Instant endOf(String date) {
        return LocalDate.parse(date).plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    private static TaskShareAssignedEvent assigned() {
        return new TaskShareAssignedEvent(SHARE, TASK, "plan1", 7, 4, "加强青少年法治教育和权益保护", "加强青少年法治教育",
                MISHAN, PROPAGANDA, false, true, 3);
    }

    private static TaskShareScheduledEvent scheduled(long version) {
        return new TaskShareScheduledEvent(SHARE, TASK, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, version,
                LocalDate.parse("2022-05-10"));
    }

    private static ProgressReportSubmittedEvent report(String period) {
        return new ProgressReportSubmittedEvent("r-1", SHARE, TASK, "plan1", 7, "加强青少年法治教育", MISHAN, PROPAGANDA,
                period, ReportStatus.ON_TRACK, "按期报送", List.of(), List.of(), null, 1);
    }
}
