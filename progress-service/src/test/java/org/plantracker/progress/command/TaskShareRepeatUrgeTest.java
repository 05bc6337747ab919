package org.plantracker.progress.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.deadline.BusinessCalendar;
import org.plantracker.platform.test.MutableClock;
import org.plantracker.progress.api.ReportDueSoonEvent;
import org.plantracker.progress.api.ReportOverdueEvent;
import org.plantracker.progress.api.TaskShareAssignedEvent;
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

/**
 * A unit still late is urged again every {@code repeat-urge-days} (7 here) days until it reports; each repeat
 * an automatic urge of its own. The platform's clock (a MutableClock) moves with the fixture's time.
 */
class TaskShareRepeatUrgeTest {

    private static final String TASK = "plan1-07";
    private static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    private static final UnitRef PROPAGANDA = new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT);
    private static final String SHARE = TaskShare.idOf(TASK, MISHAN.code());
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Mid Q2 2022: the Q2 report is due 2022-07-05; repeats when 07-12, 07-19, … are over. */
    private static final Instant START = LocalDate.parse("2022-05-10").atStartOfDay(ZONE).toInstant();
    private static final LocalDate DUE = LocalDate.parse("2022-07-05");

    private AggregateTestFixture<TaskShare> fixture;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        fixture = fixtureWithRepeatDays(7);
    }

    /**
     * The platform's clock follows the fixture's time deadline by deadline, as db-scheduler's clock and the
     * aggregate's "today" go together in the service.
     */
    private AggregateTestFixture<TaskShare> fixtureWithRepeatDays(int repeatUrgeDays) {
        AggregateTestFixture<TaskShare> f = new AggregateTestFixture<>(TaskShare.class);
        f.registerInjectableResource(new ReportCalendar(new BusinessCalendar(clock, ZONE), 5, 3, repeatUrgeDays));
        f.registerDeadlineHandlerInterceptor((unitOfWork, chain) -> {
            clock.set(f.currentTime());
            return chain.proceed();
        });
        return f;
    }

    @Test
    void aUnitStillLateAWeekAfterItsDueDateIsUrgedAgainAndTheNextRepeatIsSet() {
        scheduledQuarterly()
                .whenTimeAdvancesTo(endOf("2022-07-12"))
                .expectEventsMatching(payloads(
                        Matchers.predicate(p -> p instanceof ReportDueSoonEvent),
                        Matchers.predicate(p -> p instanceof ReportOverdueEvent),
                        automaticUrge("逾期未报送2022-Q2"),
                        automaticUrge("第2次催办")))
                .expectScheduledDeadline(Duration.between(endOf("2022-07-12"), endOf("2022-07-19")),
                        new ReportDeadline(ReportDeadline.Moment.REPEAT_URGE, "2022-Q2", DUE, 5, 2));
    }

    @Test
    void eachRepeatIsAnUrgeOfItsOwn() {
        scheduledQuarterly()
                .whenTimeAdvancesTo(endOf("2022-07-19"))
                .expectEventsMatching(payloads(
                        Matchers.predicate(p -> p instanceof ReportDueSoonEvent),
                        Matchers.predicate(p -> p instanceof ReportOverdueEvent),
                        automaticUrge("逾期未报送2022-Q2"),
                        automaticUrge("第2次催办"),
                        automaticUrge("第3次催办")))
                .expectScheduledDeadline(Duration.between(endOf("2022-07-19"), endOf("2022-07-26")),
                        new ReportDeadline(ReportDeadline.Moment.REPEAT_URGE, "2022-Q2", DUE, 5, 3));
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
        asleep
                .whenTimeAdvancesTo(endOf("2022-09-01"))
                .expectEventsMatching(payloads(
                        Matchers.predicate(p -> p instanceof ReportDueSoonEvent),
                        Matchers.predicate(p -> p instanceof ReportOverdueEvent),
                        automaticUrge("逾期未报送2022-Q2"),
                        automaticUrge("第2次催办")))
                .expectScheduledDeadline(Duration.between(endOf("2022-09-01"), endOf("2022-09-06")),
                        new ReportDeadline(ReportDeadline.Moment.REPEAT_URGE, "2022-Q2", DUE, 5, 9));
    }

    @Test
    void withoutRepeatDaysALateUnitIsUrgedOnce() {
        fixture = fixtureWithRepeatDays(0);
        scheduledQuarterly()
                .whenTimeAdvancesTo(endOf("2022-07-26"))
                .expectEventsMatching(payloads(
                        Matchers.predicate(p -> p instanceof ReportDueSoonEvent),
                        Matchers.predicate(p -> p instanceof ReportOverdueEvent),
                        automaticUrge("逾期未报送2022-Q2")));
    }

    /** Assigned and scheduled quarterly on START (the Q2 report due 2022-07-05). */
    private TestExecutor<TaskShare> scheduledQuarterly() {
        TestExecutor<TaskShare> executor = fixture.given(new TaskShareAssignedEvent(SHARE, TASK, "plan1", 7, 4,
                        "加强青少年法治教育和权益保护", "加强青少年法治教育", MISHAN, PROPAGANDA, false, true, 3))
                .andGivenCurrentTime(START)
                .andGivenCommands(new ScheduleTaskShareCommand(SHARE, TASK, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, 5));
        return executor;
    }

    private static org.hamcrest.Matcher<Object> automaticUrge(String messageStart) {
        return Matchers.predicate(p -> p instanceof UrgeIssuedEvent u && u.automatic() && u.issuedBy() == null
                && "2022-Q2".equals(u.period()) && u.unit().equals(MISHAN) && u.message().startsWith(messageStart));
    }

    @SafeVarargs
    private static org.hamcrest.Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> payloads(
            org.hamcrest.Matcher<Object>... each) {
        List<org.hamcrest.Matcher<?>> all = new ArrayList<>(List.of(each));
        all.add(Matchers.andNoMore());
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(all.toArray(new org.hamcrest.Matcher[0])));
    }

    private static Instant endOf(String date) {
        return LocalDate.parse(date).plusDays(1).atStartOfDay(ZONE).toInstant();
    }
}
