package org.plantracker.progress.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.axon.EventMetadata;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.progress.api.TaskShareAssignedEvent;
import org.plantracker.progress.api.TaskShareWithdrawnEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.http.HttpStatus;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

class TaskShareTest {

    private static final String TASK = "plan1-07";
    private static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    private static final UnitRef COMMITTEE = new UnitRef("jixi-committee", "市关工委", UnitKind.CITY_COMMITTEE);
    private static final UnitRef PROPAGANDA = new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT);
    private static final String SHARE = TaskShare.idOf(TASK, MISHAN.code());
    private static final Map<String, Object> AS_MISHAN = Map.of(EventMetadata.ACTOR_UNIT, MISHAN.code());

    private AggregateTestFixture<TaskShare> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TaskShare.class);
        fixture.registerInjectableResource(new ReportCalendar(new org.plantracker.platform.deadline.BusinessCalendar(
                java.time.Clock.systemUTC(), java.time.ZoneId.of("Asia/Shanghai")), 5, 3));
    }

    @Test
    void theFirstAssignmentCreatesTheShare() {
        fixture.givenNoPriorActivity()
                .when(assign(MISHAN, COMMITTEE, 3))
                .expectSuccessfulHandlerExecution()
                .expectEvents(assigned(MISHAN, COMMITTEE, 3));
    }

    @Test
    void aNewerAssignmentUpdatesTheShare() {
        fixture.given(assigned(MISHAN, COMMITTEE, 3))
                .when(assign(MISHAN, PROPAGANDA, 5))
                .expectEvents(assigned(MISHAN, PROPAGANDA, 5));
    }

    @Test
    void theSameOrAnOlderAssignmentChangesNothing() {
        fixture.given(assigned(MISHAN, COMMITTEE, 5))
                .when(assign(MISHAN, COMMITTEE, 5))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(assigned(MISHAN, COMMITTEE, 5))
                .when(assign(MISHAN, PROPAGANDA, 4))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aNewerAssignmentWithoutTheUnitWithdrawsTheShare() {
        fixture.given(assigned(MISHAN, COMMITTEE, 3))
                .when(new WithdrawTaskShareCommand(SHARE, TASK, MISHAN.code(), 6))
                .expectEvents(new TaskShareWithdrawnEvent(SHARE, TASK, MISHAN.code(), 6));
    }

    @Test
    void withdrawingIsIdempotentAndIgnoresStaleOrUnknownShares() {
        fixture.given(assigned(MISHAN, COMMITTEE, 3), new TaskShareWithdrawnEvent(SHARE, TASK, MISHAN.code(), 6))
                .when(new WithdrawTaskShareCommand(SHARE, TASK, MISHAN.code(), 6))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(assigned(MISHAN, COMMITTEE, 7))
                .when(new WithdrawTaskShareCommand(SHARE, TASK, MISHAN.code(), 6))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new WithdrawTaskShareCommand(SHARE, TASK, MISHAN.code(), 6))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aWithdrawnUnitReassignedLaterHasItsShareBack() {
        fixture.given(assigned(MISHAN, COMMITTEE, 3), new TaskShareWithdrawnEvent(SHARE, TASK, MISHAN.code(), 6))
                .when(assign(MISHAN, COMMITTEE, 9))
                .expectEvents(assigned(MISHAN, COMMITTEE, 9));
    }

    @Test
    void aUnitReportsOnItsOwnShare() {
        fixture.given(assigned(MISHAN, COMMITTEE, 3))
                .when(report("r-1"), AS_MISHAN)
                .expectResultMessagePayload("r-1")
                .expectEvents(new ProgressReportSubmittedEvent("r-1", SHARE, TASK, "plan1", 7, "加强青少年法治教育",
                        MISHAN, COMMITTEE, "2022-Q2", ReportStatus.ON_TRACK, "密山市组织“五老”开展宣讲。",
                        List.of(new ProgressReportSubmittedEvent.Figure("t-1", new BigDecimal("90.5"))),
                        List.of("农村学校覆盖不足"), null));
    }

    /**
     * A retry that takes over the Idempotency-Key claim of a request killed after its report was stored
     * (the answer never recorded) comes with the same report id (IdempotencyKeys): the report is
     * recognised, not stored a second time as the period's next version. The fault suite found it.
     */
    @Test
    void theSameReportIdAgainIsRecognisedAndStoresNothing() {
        fixture.given(assigned(MISHAN, COMMITTEE, 3), new ProgressReportSubmittedEvent("r-1", SHARE, TASK, "plan1", 7,
                        "加强青少年法治教育", MISHAN, COMMITTEE, "2022-Q2", ReportStatus.ON_TRACK, "密山市组织“五老”开展宣讲。",
                        List.of(new ProgressReportSubmittedEvent.Figure("t-1", new BigDecimal("90.5"))),
                        List.of("农村学校覆盖不足"), null))
                .when(report("r-1"), AS_MISHAN)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload("r-1")
                .expectNoEvents();
    }

    @Test
    void anotherUnitMayNotReportOnTheShare() {
        fixture.given(assigned(MISHAN, COMMITTEE, 3))
                .when(report("r-1"), Map.of(EventMetadata.ACTOR_UNIT, "jixi-hulin"))
                .expectException(forbidden())
                .expectNoEvents();
        fixture.given(assigned(MISHAN, COMMITTEE, 3))
                .when(report("r-1"))
                .expectException(forbidden())
                .expectNoEvents();
    }

    @Test
    void aWithdrawnUnitMayNoLongerReport() {
        fixture.given(assigned(MISHAN, COMMITTEE, 3), new TaskShareWithdrawnEvent(SHARE, TASK, MISHAN.code(), 6))
                .when(report("r-1"), AS_MISHAN)
                .expectException(forbidden())
                .expectNoEvents();
    }

    private static org.hamcrest.Matcher<Object> forbidden() {
        return Matchers.predicate(e -> e instanceof DomainException d && d.status() == HttpStatus.FORBIDDEN);
    }

    private static AssignTaskShareCommand assign(UnitRef unit, UnitRef lead, long version) {
        return new AssignTaskShareCommand(TaskShare.idOf(TASK, unit.code()), TASK, "plan1", 7, 4,
                "加强青少年法治教育和权益保护", "加强青少年法治教育", unit, lead, unit.equals(lead), !unit.equals(lead), version);
    }

    private static TaskShareAssignedEvent assigned(UnitRef unit, UnitRef lead, long version) {
        return new TaskShareAssignedEvent(TaskShare.idOf(TASK, unit.code()), TASK, "plan1", 7, 4,
                "加强青少年法治教育和权益保护", "加强青少年法治教育", unit, lead, unit.equals(lead), !unit.equals(lead), version);
    }

    private static SubmitProgressReportCommand report(String reportId) {
        return new SubmitProgressReportCommand(SHARE, reportId, "2022-Q2", ReportStatus.ON_TRACK, "密山市组织“五老”开展宣讲。",
                List.of(new ProgressReportSubmittedEvent.Figure("t-1", new BigDecimal("90.5"))),
                List.of("农村学校覆盖不足"), null);
    }
}
