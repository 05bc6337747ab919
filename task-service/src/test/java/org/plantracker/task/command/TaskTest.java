package org.plantracker.task.command;

import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.deadline.BusinessCalendar;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.Roles;
import org.plantracker.task.api.AcknowledgementOverdueEvent;
import org.plantracker.task.api.AcknowledgementRequestedEvent;
import org.plantracker.task.api.AdjustmentDecidedEvent;
import org.plantracker.task.api.AdjustmentRequestedEvent;
import org.plantracker.task.api.AssignmentAcknowledgedEvent;
import org.plantracker.task.api.ExtensionDecidedEvent;
import org.plantracker.task.api.ExtensionRequestedEvent;
import org.plantracker.task.api.MilestoneRemovedEvent;
import org.plantracker.task.api.MilestoneSetEvent;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.Target;
import org.plantracker.task.api.TargetRemovedEvent;
import org.plantracker.task.api.TargetSetEvent;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskClosedEvent;
import org.plantracker.task.api.TaskCreatedEvent;
import org.plantracker.task.api.TaskKind;
import org.plantracker.task.api.TaskOverdueEvent;
import org.plantracker.task.api.TaskReopenedEvent;
import org.plantracker.task.api.TaskScheduledEvent;
import org.plantracker.task.api.TaskSummaryAcceptanceRecordedEvent;
import org.plantracker.task.api.UnitRef;
import org.plantracker.task.importing.RegionCatalogue;
import org.plantracker.task.importing.UnitDirectory;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Task aggregate, one rule at a time: who may do what (the city committee by role, the lead unit by
 * unit code, an assigned unit for itself), what a task's state allows, and the deadlines. "Today" is
 * 2 March 2026 in Jixi, from a fixed clock; a unit has 5 days to acknowledge.
 */
class TaskTest {

    private static final String TASK = "plan-0123456789ab-07";
    private static final String PLAN = "plan-0123456789ab";
    /** 10:00 on 2 March 2026 in Jixi. */
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final LocalDate ACKNOWLEDGE_BY = TODAY.plusDays(5);
    private static final ZoneId JIXI = ZoneId.of("Asia/Shanghai");
    private static final Actor SUPERVISOR = new Actor("jixi-committee", "jixi-committee", Set.of(Roles.SUPERVISOR));
    private static final Actor PROPAGANDA = actor("jixi-propaganda", Roles.UNIT);
    private static final Actor EDUCATION = actor("jixi-education", Roles.UNIT);
    private static final Actor MISHAN = actor("jixi-mishan", Roles.COUNTY_COMMITTEE);
    private static final Actor HULIN = actor("jixi-hulin", Roles.COUNTY_COMMITTEE);
    private static final Actor JUSTICE = actor("jixi-justice", Roles.UNIT);

    private static UnitDirectory jixi;
    private AggregateTestFixture<Task> fixture;

    @BeforeAll
    static void loadRegistry() throws IOException {
        try (InputStream in = TaskTest.class.getResourceAsStream("/regions/jixi.json")) {
            jixi = RegionCatalogue.read(in).directory();
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Task.class);
        UnitLookup lookup = jixi::byCode;
        fixture.registerInjectableResource(lookup);
        fixture.registerInjectableResource(new TaskCalendar(
                new BusinessCalendar(Clock.fixed(NOW, ZoneOffset.UTC), JIXI), 5));
    }

    private static Actor actor(String unit, String role) {
        return new Actor(unit, unit, Set.of(role));
    }

    private static UnitRef unit(String code) {
        return jixi.byCode(code).orElseThrow().ref();
    }

    private static List<UnitRef> units(String... codes) {
        return List.of(codes).stream().map(TaskTest::unit).toList();
    }

    private static List<String> counties() {
        return jixi.byCode("jixi-counties").orElseThrow().members();
    }

    /** The first instant after {@code date} is over in Jixi. */
    private static Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(JIXI).toInstant();
    }

    private static TaskCreatedEvent created() {
        return new TaskCreatedEvent(TASK, PLAN, 7, 3, "积极引导青少年培育和践行社会主义核心价值观",
                "深入开展“扣好人生第一粒扣子”、“大手拉小手”、“老少共铸中国梦”主题活动", "深入开展……打好全面发展的基础。");
    }

    /** Led by the city committee, with 市委宣传部 and 市教育局 responsible. */
    private static TaskAssignedEvent imported() {
        return new TaskAssignedEvent(TASK, PLAN, 7, 3, created().sectionTitle(), created().title(),
                unit("jixi-committee"), units("jixi-propaganda", "jixi-education"), List.of(), null, List.of());
    }

    private static AcknowledgementRequestedEvent askedToAcknowledge(LocalDate by, String... codes) {
        return new AcknowledgementRequestedEvent(TASK, PLAN, 7, created().title(), units(codes), by);
    }

    /** Led by 市委宣传部 from here on, with 市教育局, 密山市关工委 and 虎林市关工委 responsible. */
    private static AssignTaskCommand reassignToPropagandaWithTwoCounties() {
        return new AssignTaskCommand(TASK, null, "jixi-propaganda",
                List.of("jixi-education", "jixi-mishan", "jixi-hulin"), "宣传部牵头更合适，并请两县市参与", SUPERVISOR);
    }

    private static TaskAssignedEvent reassignedToPropagandaWithTwoCounties() {
        return new TaskAssignedEvent(TASK, PLAN, 7, 3, created().sectionTitle(), created().title(),
                unit("jixi-propaganda"), units("jixi-education", "jixi-mishan", "jixi-hulin"), List.of(),
                unit("jixi-committee"), units("jixi-propaganda", "jixi-education"), "宣传部牵头更合适，并请两县市参与");
    }

    /** The task as it stands after the import: every non-committee unit asked to acknowledge. */
    private Object[] importedTask() {
        return new Object[]{created(), imported(), askedToAcknowledge(ACKNOWLEDGE_BY, "jixi-propaganda", "jixi-education")};
    }

    /** After the reassignment: 市委宣传部 leads, so it refines the task. */
    private Object[] propagandaLeads() {
        return new Object[]{created(), imported(), askedToAcknowledge(ACKNOWLEDGE_BY, "jixi-propaganda", "jixi-education"),
                reassignedToPropagandaWithTwoCounties(), askedToAcknowledge(ACKNOWLEDGE_BY, "jixi-mishan", "jixi-hulin")};
    }

    private static TaskScheduledEvent nearTerm(LocalDate due) {
        return new TaskScheduledEvent(TASK, PLAN, 7, TaskKind.NEAR_TERM, due, null, null);
    }

    private static Matcher<Object> refused(HttpStatus status, String... fields) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.status() == status
                && d.errors().stream().map(FieldProblem::field).toList().equals(List.of(fields)));
    }

    @Nested
    class Assignment {

        @Test
        void theCityCommitteeReassignsAndTheEventCarriesThePreviousValuesAndTheReason() {
            List<UnitRef> responsible = new ArrayList<>(units("jixi-education"));
            counties().forEach(c -> responsible.add(unit(c)));

            fixture.given(importedTask())
                    .when(new AssignTaskCommand(TASK, 2L, "jixi-propaganda", List.of("jixi-education", "jixi-counties"),
                            "由宣传部牵头", SUPERVISOR))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new TaskAssignedEvent(TASK, PLAN, 7, 3, created().sectionTitle(), created().title(),
                                    unit("jixi-propaganda"), responsible,
                                    List.of(new TaskAssignedEvent.GroupExpansion("县(市)区关工委", counties())),
                                    unit("jixi-committee"), units("jixi-propaganda", "jixi-education"), "由宣传部牵头"),
                            new AcknowledgementRequestedEvent(TASK, PLAN, 7, created().title(),
                                    counties().stream().map(TaskTest::unit).toList(), ACKNOWLEDGE_BY))
                    .expectScheduledDeadline(endOf(ACKNOWLEDGE_BY), new AcknowledgementDeadline(ACKNOWLEDGE_BY))
                    .expectResultMessagePayload(4L);
        }

        @Test
        void theCityCommitteeNeverAcknowledgesAndAUnitAlreadyOnTheTaskIsNotAskedAgain() {
            fixture.given(propagandaLeads())
                    .when(new AssignTaskCommand(TASK, 4L, "jixi-trade-union", List.of("jixi-committee", "jixi-mishan"),
                            "改由市总工会牵头", SUPERVISOR))
                    .expectEvents(new TaskAssignedEvent(TASK, PLAN, 7, 3, created().sectionTitle(), created().title(),
                                    unit("jixi-trade-union"), units("jixi-committee", "jixi-mishan"), List.of(),
                                    unit("jixi-propaganda"), units("jixi-education", "jixi-mishan", "jixi-hulin"),
                                    "改由市总工会牵头"),
                            askedToAcknowledge(ACKNOWLEDGE_BY, "jixi-trade-union"))
                    .expectResultMessagePayload(6L);
        }

        @Test
        void aReassignmentWithoutAReasonIsRefused() {
            fixture.given(importedTask())
                    .when(new AssignTaskCommand(TASK, 2L, "jixi-propaganda", List.of("jixi-education"), " ", SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "reason"));
        }

        @Test
        void aUnitThatIsNotTheCityCommitteeMayNotAssign() {
            Actor county = new Actor("jixi-mishan", "jixi-mishan", Set.of(Roles.COUNTY_COMMITTEE));
            for (Actor actor : List.of(PROPAGANDA, county)) {
                fixture.given(importedTask())
                        .when(new AssignTaskCommand(TASK, 2L, "jixi-propaganda", List.of("jixi-education"), "理由", actor))
                        .expectNoEvents()
                        .expectException(DomainException.class)
                        .expectExceptionMessage("Only the city committee (市关工委) assigns tasks.")
                        .expectException(refused(HttpStatus.FORBIDDEN));
            }
        }

        @Test
        void unknownUnitsAndAGroupAsLeadAreRefusedNamingTheFields() {
            fixture.given(importedTask())
                    .when(new AssignTaskCommand(TASK, 2L, "jixi-counties", List.of("jixi-education", "jixi-nowhere"),
                            "理由", SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "leadUnit", "responsibleUnits[1]"));
        }

        @Test
        void theSameAssignmentAgainChangesNothing() {
            fixture.given(importedTask())
                    .when(new AssignTaskCommand(TASK, 2L, "jixi-committee", List.of("jixi-propaganda", "jixi-education"),
                            "理由", SUPERVISOR))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void aStaleVersionIsAConflict() {
            fixture.given(importedTask())
                    .when(new AssignTaskCommand(TASK, 1L, "jixi-propaganda", List.of("jixi-education"), "理由", SUPERVISOR))
                    .expectNoEvents()
                    .expectException(ConflictingAggregateVersionException.class);
        }
    }

    @Nested
    class Acknowledgement {

        @Test
        void anAssignedUnitAcknowledgesItsOwnAssignmentOnce() {
            fixture.given(importedTask())
                    .when(new AcknowledgeAssignmentCommand(TASK, 2L, EDUCATION))
                    .expectEvents(new AssignmentAcknowledgedEvent(TASK, PLAN, 7, unit("jixi-education")))
                    .expectResultMessagePayload(3L);

            fixture.given(importedTask())
                    .andGiven(new AssignmentAcknowledgedEvent(TASK, PLAN, 7, unit("jixi-education")))
                    .when(new AcknowledgeAssignmentCommand(TASK, null, EDUCATION))
                    .expectNoEvents()
                    .expectResultMessagePayload(3L);
        }

        @Test
        void aUnitNotOnTheTaskMayNotAcknowledge() {
            fixture.given(importedTask())
                    .when(new AcknowledgeAssignmentCommand(TASK, null, JUSTICE))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.FORBIDDEN));
        }

        @Test
        void theCityCommitteeHasNothingToAcknowledge() {
            fixture.given(importedTask())
                    .when(new AcknowledgeAssignmentCommand(TASK, null, SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
        }

        @Test
        void whenTheLastDayIsOverEveryUnitStillPendingIsOverdueAndOnlyThose() {
            fixture.given(importedTask())
                    .andGivenCommands(reassignToPropagandaWithTwoCounties(), new AcknowledgeAssignmentCommand(TASK, null, MISHAN))
                    .whenTimeAdvancesTo(endOf(ACKNOWLEDGE_BY).plusSeconds(1))
                    .expectEvents(
                            new AcknowledgementOverdueEvent(TASK, PLAN, 7, created().title(), unit("jixi-propaganda"),
                                    ACKNOWLEDGE_BY),
                            new AcknowledgementOverdueEvent(TASK, PLAN, 7, created().title(), unit("jixi-education"),
                                    ACKNOWLEDGE_BY),
                            new AcknowledgementOverdueEvent(TASK, PLAN, 7, created().title(), unit("jixi-hulin"),
                                    ACKNOWLEDGE_BY));
        }

        @Test
        void nothingIsOverdueBeforeTheLastDayIsOver() {
            fixture.given(importedTask())
                    .andGivenCommands(reassignToPropagandaWithTwoCounties())
                    .whenTimeAdvancesTo(endOf(ACKNOWLEDGE_BY).minusSeconds(1))
                    .expectNoEvents();
        }

        @Test
        void aDeadlineThatFiresAgainRecordsNothingTwice() {
            fixture.given(importedTask())
                    .andGivenCommands(reassignToPropagandaWithTwoCounties())
                    .andGiven(List.of("jixi-propaganda", "jixi-education", "jixi-mishan", "jixi-hulin").stream()
                            .map(code -> (Object) new AcknowledgementOverdueEvent(TASK, PLAN, 7, created().title(),
                                    unit(code), ACKNOWLEDGE_BY)).toList())
                    .whenTimeAdvancesTo(endOf(ACKNOWLEDGE_BY).plusSeconds(1))
                    .expectTriggeredDeadlines(new AcknowledgementDeadline(ACKNOWLEDGE_BY))
                    .expectNoEvents();
        }

        @Test
        void aUnitTakenOffTheTaskIsNotOverdue() {
            fixture.given(importedTask())
                    .andGivenCommands(reassignToPropagandaWithTwoCounties(),
                            new AssignTaskCommand(TASK, null, "jixi-propaganda", List.of("jixi-education", "jixi-mishan"),
                                    "虎林市不再参与", SUPERVISOR),
                            new AcknowledgeAssignmentCommand(TASK, null, PROPAGANDA),
                            new AcknowledgeAssignmentCommand(TASK, null, EDUCATION))
                    .whenTimeAdvancesTo(endOf(ACKNOWLEDGE_BY).plusSeconds(1))
                    .expectEvents(new AcknowledgementOverdueEvent(TASK, PLAN, 7, created().title(), unit("jixi-mishan"),
                            ACKNOWLEDGE_BY));
        }

        @Test
        void aLateUnitMayStillAcknowledge() {
            fixture.given(importedTask())
                    .andGiven(new AcknowledgementOverdueEvent(TASK, PLAN, 7, created().title(), unit("jixi-education"),
                            ACKNOWLEDGE_BY))
                    .when(new AcknowledgeAssignmentCommand(TASK, null, EDUCATION))
                    .expectEvents(new AssignmentAcknowledgedEvent(TASK, PLAN, 7, unit("jixi-education")));
        }

        @Test
        void aClosedTaskHasNoOverdueAcknowledgements() {
            fixture.given(importedTask())
                    .andGivenCommands(reassignToPropagandaWithTwoCounties())
                    .andGiven(new TaskSummaryAcceptanceRecordedEvent(TASK, PLAN, 7, "summary-1", "2026"),
                            new TaskClosedEvent(TASK, PLAN, 7, created().title(), "summary-1", null))
                    .whenTimeAdvancesTo(endOf(ACKNOWLEDGE_BY).plusSeconds(1))
                    .expectTriggeredDeadlines(new AcknowledgementDeadline(ACKNOWLEDGE_BY))
                    .expectNoEvents();
        }
    }

    @Nested
    class Adjustment {

        private final String request = TASK + "-adjustment-1";

        @Test
        void aUnitAsksInsteadOfAcknowledgingWithAReason() {
            fixture.given(importedTask())
                    .when(new RequestAdjustmentCommand(TASK, 2L, " 本局不承担此项职能 ", EDUCATION))
                    .expectEvents(new AdjustmentRequestedEvent(TASK, PLAN, 7, request, unit("jixi-education"),
                            "本局不承担此项职能"))
                    .expectResultMessagePayload(new TaskChange(3L, request));
        }

        @Test
        void aRequestNeedsAReasonAUnitOnTheTaskAndNoEarlierAcknowledgement() {
            fixture.given(importedTask())
                    .when(new RequestAdjustmentCommand(TASK, null, "", EDUCATION))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "reason"));
            fixture.given(importedTask())
                    .when(new RequestAdjustmentCommand(TASK, null, "理由", JUSTICE))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.FORBIDDEN));
            fixture.given(importedTask())
                    .andGiven(new AssignmentAcknowledgedEvent(TASK, PLAN, 7, unit("jixi-education")))
                    .when(new RequestAdjustmentCommand(TASK, null, "理由", EDUCATION))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
        }

        @Test
        void oneOpenRequestPerUnitAndNoAcknowledgementWhileItIsOpen() {
            AdjustmentRequestedEvent open = new AdjustmentRequestedEvent(TASK, PLAN, 7, request, unit("jixi-education"), "理由");
            fixture.given(importedTask())
                    .andGiven(open)
                    .when(new RequestAdjustmentCommand(TASK, null, "再次申请", EDUCATION))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
            fixture.given(importedTask())
                    .andGiven(open)
                    .when(new AcknowledgeAssignmentCommand(TASK, null, EDUCATION))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
        }

        @Test
        void theCityCommitteeApprovesOrRejectsWithAComment() {
            AdjustmentRequestedEvent open = new AdjustmentRequestedEvent(TASK, PLAN, 7, request, unit("jixi-education"), "理由");
            fixture.given(importedTask())
                    .andGiven(open)
                    .when(new DecideAdjustmentCommand(TASK, 3L, request, true, null, SUPERVISOR))
                    .expectEvents(new AdjustmentDecidedEvent(TASK, PLAN, 7, request, unit("jixi-education"), true, null));
            fixture.given(importedTask())
                    .andGiven(open)
                    .when(new DecideAdjustmentCommand(TASK, 3L, request, false, "该项工作涉及教育系统，请承担", SUPERVISOR))
                    .expectEvents(new AdjustmentDecidedEvent(TASK, PLAN, 7, request, unit("jixi-education"), false,
                            "该项工作涉及教育系统，请承担"));
            fixture.given(importedTask())
                    .andGiven(open)
                    .when(new DecideAdjustmentCommand(TASK, 3L, request, false, " ", SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "comment"));
        }

        @Test
        void onlyTheCityCommitteeDecidesAnOpenRequestOnce() {
            AdjustmentRequestedEvent open = new AdjustmentRequestedEvent(TASK, PLAN, 7, request, unit("jixi-education"), "理由");
            fixture.given(importedTask())
                    .andGiven(open)
                    .when(new DecideAdjustmentCommand(TASK, null, request, true, null, EDUCATION))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.FORBIDDEN));
            fixture.given(importedTask())
                    .andGiven(open, new AdjustmentDecidedEvent(TASK, PLAN, 7, request, unit("jixi-education"), true, null))
                    .when(new DecideAdjustmentCommand(TASK, null, request, false, "改变主意", SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
            fixture.given(importedTask())
                    .when(new DecideAdjustmentCommand(TASK, null, TASK + "-adjustment-9", true, null, SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.NOT_FOUND));
        }
    }

    @Nested
    class Schedule {

        private final LocalDate due = LocalDate.of(2026, 6, 30);

        @Test
        void aLongTermTaskIsReportedEveryCycleAndHasNoDeadline() {
            fixture.given(importedTask())
                    .when(new ScheduleTaskCommand(TASK, 2L, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, null,
                            SUPERVISOR))
                    .expectEvents(new TaskScheduledEvent(TASK, PLAN, 7, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY,
                            null))
                    .expectNoScheduledDeadlineWithName(endOf(due), DueDateDeadline.NAME)
                    .expectResultMessagePayload(3L);
        }

        @Test
        void aNearTermTaskIsDueOnADateAndMayReportOnTheWay() {
            fixture.given(importedTask())
                    .when(new ScheduleTaskCommand(TASK, 2L, TaskKind.NEAR_TERM, due, ReportingCycle.MONTHLY, null,
                            SUPERVISOR))
                    .expectEvents(new TaskScheduledEvent(TASK, PLAN, 7, TaskKind.NEAR_TERM, due, ReportingCycle.MONTHLY,
                            null))
                    .expectScheduledDeadline(endOf(due), new DueDateDeadline(due));
        }

        @Test
        void aScheduleOfTheWrongShapeIsRefusedNamingTheFields() {
            fixture.given(importedTask())
                    .when(new ScheduleTaskCommand(TASK, null, TaskKind.LONG_TERM, due, null, null, SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "reportingCycle", "dueDate"));
            fixture.given(importedTask())
                    .when(new ScheduleTaskCommand(TASK, null, TaskKind.NEAR_TERM, null, ReportingCycle.MONTHLY, null,
                            SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "dueDate"));
            fixture.given(importedTask())
                    .when(new ScheduleTaskCommand(TASK, null, null, null, null, null, SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "kind"));
            fixture.given(importedTask())
                    .when(new ScheduleTaskCommand(TASK, null, TaskKind.NEAR_TERM, LocalDate.of(2207, 1, 1), null, null,
                            SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "dueDate"));
        }

        @Test
        void aDueDateIsTodayOrLater() {
            fixture.given(importedTask())
                    .when(new ScheduleTaskCommand(TASK, null, TaskKind.NEAR_TERM, TODAY.minusDays(1), null, null,
                            SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "dueDate"));
            fixture.given(importedTask())
                    .when(new ScheduleTaskCommand(TASK, null, TaskKind.NEAR_TERM, TODAY, null, null, SUPERVISOR))
                    .expectEvents(nearTerm(TODAY));
        }

        @Test
        void aChangedScheduleSaysWhyAndTheSameScheduleAgainChangesNothing() {
            fixture.given(importedTask())
                    .andGiven(nearTerm(due))
                    .when(new ScheduleTaskCommand(TASK, 3L, TaskKind.LONG_TERM, null, ReportingCycle.HALF_YEARLY, null,
                            SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "reason"));
            fixture.given(importedTask())
                    .andGiven(nearTerm(due))
                    .when(new ScheduleTaskCommand(TASK, 3L, TaskKind.LONG_TERM, null, ReportingCycle.HALF_YEARLY,
                            "转为常态化工作", SUPERVISOR))
                    .expectEvents(new TaskScheduledEvent(TASK, PLAN, 7, TaskKind.LONG_TERM, null,
                            ReportingCycle.HALF_YEARLY, "转为常态化工作"));
            fixture.given(importedTask())
                    .andGiven(nearTerm(due))
                    .when(new ScheduleTaskCommand(TASK, 3L, TaskKind.NEAR_TERM, due, null, null, SUPERVISOR))
                    .expectNoEvents()
                    .expectResultMessagePayload(3L);
        }

        @Test
        void onlyTheCityCommitteeSchedules() {
            fixture.given(importedTask())
                    .when(new ScheduleTaskCommand(TASK, null, TaskKind.NEAR_TERM, due, null, null, PROPAGANDA))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.FORBIDDEN));
        }

        @Test
        void anOpenNearTermTaskWhoseDueDateIsOverIsOverdueOnce() {
            fixture.given(importedTask())
                    .andGivenCommands(new ScheduleTaskCommand(TASK, null, TaskKind.NEAR_TERM, due, null, null, SUPERVISOR))
                    .whenTimeAdvancesTo(endOf(due).plusSeconds(1))
                    .expectEvents(new TaskOverdueEvent(TASK, PLAN, 7, created().title(), unit("jixi-committee"), due));
            setUp(); // a fresh deadline manager: the last scenario's deadlines must not fire here
            fixture.given(importedTask())
                    .andGivenCommands(new ScheduleTaskCommand(TASK, null, TaskKind.NEAR_TERM, due, null, null, SUPERVISOR))
                    .andGiven(new TaskOverdueEvent(TASK, PLAN, 7, created().title(), unit("jixi-committee"), due))
                    .whenTimeAdvancesTo(endOf(due).plusSeconds(1))
                    .expectTriggeredDeadlines(new DueDateDeadline(due))
                    .expectNoEvents();
        }

        @Test
        void aDueDateThatChangedLeavesItsOldDeadlineWithoutEffect() {
            LocalDate later = due.plusMonths(1);
            fixture.given(importedTask())
                    .andGivenCommands(new ScheduleTaskCommand(TASK, null, TaskKind.NEAR_TERM, due, null, null, SUPERVISOR),
                            new ScheduleTaskCommand(TASK, null, TaskKind.NEAR_TERM, later, null, "活动推迟", SUPERVISOR))
                    .whenTimeAdvancesTo(endOf(due).plusSeconds(1))
                    .expectTriggeredDeadlines(new DueDateDeadline(due))
                    .expectNoEvents();
            setUp(); // a fresh deadline manager: the last scenario's deadlines must not fire here
            fixture.given(importedTask())
                    .andGivenCommands(new ScheduleTaskCommand(TASK, null, TaskKind.NEAR_TERM, due, null, null, SUPERVISOR),
                            new ScheduleTaskCommand(TASK, null, TaskKind.NEAR_TERM, later, null, "活动推迟", SUPERVISOR))
                    .whenTimeAdvancesTo(endOf(later).plusSeconds(1))
                    .expectEvents(new TaskOverdueEvent(TASK, PLAN, 7, created().title(), unit("jixi-committee"), later));
        }

        @Test
        void aClosedTaskIsNotRescheduledNorOverdue() {
            fixture.given(importedTask())
                    .andGiven(new TaskSummaryAcceptanceRecordedEvent(TASK, PLAN, 7, "summary-1", "2026"),
                            new TaskClosedEvent(TASK, PLAN, 7, created().title(), "summary-1", null))
                    .when(new ScheduleTaskCommand(TASK, null, TaskKind.NEAR_TERM, due, null, null, SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
            setUp(); // a fresh deadline manager: the last scenario's deadlines must not fire here
            fixture.given(importedTask())
                    .andGivenCommands(new ScheduleTaskCommand(TASK, null, TaskKind.NEAR_TERM, due, null, null, SUPERVISOR))
                    .andGiven(new TaskSummaryAcceptanceRecordedEvent(TASK, PLAN, 7, "summary-1", "2026"),
                            new TaskClosedEvent(TASK, PLAN, 7, created().title(), "summary-1", null))
                    .whenTimeAdvancesTo(endOf(due).plusSeconds(1))
                    .expectTriggeredDeadlines(new DueDateDeadline(due))
                    .expectNoEvents();
        }
    }

    @Nested
    class Extension {

        private final LocalDate due = LocalDate.of(2026, 6, 30);
        private final LocalDate asked = LocalDate.of(2026, 8, 31);
        private final String request = TASK + "-extension-1";

        private ExtensionRequestedEvent requested() {
            return new ExtensionRequestedEvent(TASK, PLAN, 7, request, unit("jixi-education"), asked, "暑期无法组织学生");
        }

        @Test
        void anAssignedUnitAsksForALaterDueDateWithAReason() {
            fixture.given(importedTask())
                    .andGiven(nearTerm(due))
                    .when(new RequestExtensionCommand(TASK, 3L, asked, "暑期无法组织学生", EDUCATION))
                    .expectEvents(requested())
                    .expectResultMessagePayload(new TaskChange(4L, request));
        }

        @Test
        void aLongTermTaskHasNoDueDateToExtend() {
            fixture.given(importedTask())
                    .andGiven(new TaskScheduledEvent(TASK, PLAN, 7, TaskKind.LONG_TERM, null, ReportingCycle.YEARLY, null))
                    .when(new RequestExtensionCommand(TASK, null, asked, "理由", EDUCATION))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
        }

        @Test
        void theRequestedDateIsLaterThanTheDueDateAndTheRequestSaysWhy() {
            fixture.given(importedTask())
                    .andGiven(nearTerm(due))
                    .when(new RequestExtensionCommand(TASK, null, due, " ", EDUCATION))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "requestedDueDate", "reason"));
            fixture.given(importedTask())
                    .andGiven(nearTerm(due))
                    .when(new RequestExtensionCommand(TASK, null, asked, "理由", JUSTICE))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.FORBIDDEN));
            fixture.given(importedTask())
                    .andGiven(nearTerm(due), requested())
                    .when(new RequestExtensionCommand(TASK, null, asked.plusDays(1), "再申请", EDUCATION))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
        }

        @Test
        void aGrantedExtensionMovesTheDueDateCountsAndSetsTheNewDeadline() {
            fixture.given(importedTask())
                    .andGiven(nearTerm(due), requested())
                    .when(new DecideExtensionCommand(TASK, 4L, request, true, "同意", SUPERVISOR))
                    .expectEvents(new ExtensionDecidedEvent(TASK, PLAN, 7, request, unit("jixi-education"), true, asked,
                            1, "同意"))
                    .expectScheduledDeadline(endOf(asked), new DueDateDeadline(asked));
        }

        @Test
        void aRefusalSaysWhyAndCountsNothing() {
            fixture.given(importedTask())
                    .andGiven(nearTerm(due), requested())
                    .when(new DecideExtensionCommand(TASK, 4L, request, false, null, SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "comment"));
            fixture.given(importedTask())
                    .andGiven(nearTerm(due), requested())
                    .when(new DecideExtensionCommand(TASK, 4L, request, false, "请按期完成", SUPERVISOR))
                    .expectEvents(new ExtensionDecidedEvent(TASK, PLAN, 7, request, unit("jixi-education"), false, null,
                            0, "请按期完成"))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void onlyTheCityCommitteeDecides() {
            fixture.given(importedTask())
                    .andGiven(nearTerm(due), requested())
                    .when(new DecideExtensionCommand(TASK, null, request, true, null, EDUCATION))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.FORBIDDEN));
        }

        @Test
        void afterAGrantedExtensionOnlyTheNewDueDateMakesTheTaskOverdue() {
            fixture.given(importedTask())
                    .andGivenCommands(new ScheduleTaskCommand(TASK, null, TaskKind.NEAR_TERM, due, null, null, SUPERVISOR),
                            new RequestExtensionCommand(TASK, null, asked, "暑期无法组织学生", EDUCATION),
                            new DecideExtensionCommand(TASK, null, request, true, null, SUPERVISOR))
                    .whenTimeAdvancesTo(endOf(due).plusSeconds(1))
                    .expectTriggeredDeadlines(new DueDateDeadline(due))
                    .expectNoEvents();
            setUp(); // a fresh deadline manager: the last scenario's deadlines must not fire here
            fixture.given(importedTask())
                    .andGivenCommands(new ScheduleTaskCommand(TASK, null, TaskKind.NEAR_TERM, due, null, null, SUPERVISOR),
                            new RequestExtensionCommand(TASK, null, asked, "暑期无法组织学生", EDUCATION),
                            new DecideExtensionCommand(TASK, null, request, true, null, SUPERVISOR))
                    .whenTimeAdvancesTo(endOf(asked).plusSeconds(1))
                    .expectEvents(new TaskOverdueEvent(TASK, PLAN, 7, created().title(), unit("jixi-committee"), asked));
        }

        @Test
        void aRequestOvertakenByANewDueDateIsNotGranted() {
            fixture.given(importedTask())
                    .andGiven(nearTerm(due), requested(),
                            new TaskScheduledEvent(TASK, PLAN, 7, TaskKind.NEAR_TERM, asked.plusMonths(1), null, "整体推迟"))
                    .when(new DecideExtensionCommand(TASK, null, request, true, null, SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
        }
    }

    @Nested
    class Refinement {

        private final TargetDraft fiveGood = new TargetDraft("五好关工委达标率保持在90%左右", "五好关工委达标率", "%",
                new BigDecimal("90.0"), Target.Direction.AT_LEAST, null, null);
        private final Target t1 = new Target("T1", Target.TargetType.MEASURABLE, "五好关工委达标率保持在90%左右",
                "五好关工委达标率", "%", new BigDecimal("90"), Target.Direction.AT_LEAST, null, null);

        @Test
        void theLeadUnitAddsAMeasurableTarget() {
            fixture.given(propagandaLeads())
                    .when(new AddTargetCommand(TASK, 4L, fiveGood, PROPAGANDA))
                    .expectEvents(new TargetSetEvent(TASK, PLAN, 7, t1, false))
                    .expectResultMessagePayload(new TaskChange(5L, "T1"));
        }

        @Test
        void datedAndQualitativeTargetsTakeTheirTypeFromTheirFields() {
            LocalDate from = LocalDate.of(2021, 9, 1);
            LocalDate to = LocalDate.of(2023, 9, 1);
            fixture.given(propagandaLeads())
                    .when(new AddTargetCommand(TASK, null, new TargetDraft("“明亮眼睛”近视防控行动", null, null, null, null,
                            from, to), PROPAGANDA))
                    .expectEvents(new TargetSetEvent(TASK, PLAN, 7, new Target("T1", Target.TargetType.DATED,
                            "“明亮眼睛”近视防控行动", null, null, null, null, from, to), false));
            fixture.given(propagandaLeads())
                    .when(new AddTargetCommand(TASK, null, new TargetDraft("未成年人零犯罪创建常态化、规范化", null, null, null,
                            null, null, null), PROPAGANDA))
                    .expectEvents(new TargetSetEvent(TASK, PLAN, 7, new Target("T1", Target.TargetType.QUALITATIVE,
                            "未成年人零犯罪创建常态化、规范化", null, null, null, null, null, null), false));
        }

        @Test
        void aTargetOfTheWrongShapeIsRefusedNamingTheFields() {
            fixture.given(propagandaLeads())
                    .when(new AddTargetCommand(TASK, null, new TargetDraft("混合", "达标率", null, new BigDecimal(90),
                            Target.Direction.AT_LEAST, LocalDate.of(2021, 9, 1), null), PROPAGANDA))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "from"));
            fixture.given(propagandaLeads())
                    .when(new AddTargetCommand(TASK, null, new TargetDraft(" ", null, "%", null, null, null, null),
                            PROPAGANDA))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "description", "metric", "targetValue", "direction"));
            fixture.given(propagandaLeads())
                    .when(new AddTargetCommand(TASK, null, new TargetDraft("倒序", null, null, null, null,
                            LocalDate.of(2023, 9, 1), LocalDate.of(2021, 9, 1)), PROPAGANDA))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "to"));
        }

        @Test
        void onlyTheLeadUnitRefinesEvenTheCityCommitteeWhenItDoesNotLead() {
            for (Actor actor : List.of(SUPERVISOR, EDUCATION, MISHAN)) {
                fixture.given(propagandaLeads())
                        .when(new AddTargetCommand(TASK, null, fiveGood, actor))
                        .expectNoEvents()
                        .expectException(refused(HttpStatus.FORBIDDEN));
            }
            fixture.given(importedTask())
                    .when(new AddTargetCommand(TASK, null, fiveGood, SUPERVISOR))
                    .expectEvents(new TargetSetEvent(TASK, PLAN, 7, t1, false));
        }

        @Test
        void aRevisedTargetKeepsItsIdAndAnUnchangedOneChangesNothing() {
            TargetDraft ninetyFive = new TargetDraft(fiveGood.description(), fiveGood.metric(), fiveGood.unit(),
                    new BigDecimal(95), Target.Direction.AT_LEAST, null, null);
            fixture.given(propagandaLeads())
                    .andGiven(new TargetSetEvent(TASK, PLAN, 7, t1, false))
                    .when(new ReviseTargetCommand(TASK, 5L, "T1", ninetyFive, PROPAGANDA))
                    .expectEvents(new TargetSetEvent(TASK, PLAN, 7, new Target("T1", Target.TargetType.MEASURABLE,
                            t1.description(), t1.metric(), "%", new BigDecimal(95), Target.Direction.AT_LEAST, null,
                            null), true));
            fixture.given(propagandaLeads())
                    .andGiven(new TargetSetEvent(TASK, PLAN, 7, t1, false))
                    .when(new ReviseTargetCommand(TASK, 5L, "T1", fiveGood, PROPAGANDA))
                    .expectNoEvents()
                    .expectResultMessagePayload(5L);
            fixture.given(propagandaLeads())
                    .when(new ReviseTargetCommand(TASK, null, "T7", fiveGood, PROPAGANDA))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.NOT_FOUND));
        }

        @Test
        void aRemovedTargetSaysWhyAndItsIdIsNeverGivenAgain() {
            fixture.given(propagandaLeads())
                    .andGiven(new TargetSetEvent(TASK, PLAN, 7, t1, false))
                    .when(new RemoveTargetCommand(TASK, null, "T1", null, PROPAGANDA))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "reason"));
            fixture.given(propagandaLeads())
                    .andGiven(new TargetSetEvent(TASK, PLAN, 7, t1, false))
                    .when(new RemoveTargetCommand(TASK, null, "T1", "指标已并入T2", PROPAGANDA))
                    .expectEvents(new TargetRemovedEvent(TASK, PLAN, 7, "T1", "指标已并入T2"));
            fixture.given(propagandaLeads())
                    .andGiven(new TargetSetEvent(TASK, PLAN, 7, t1, false), new TargetRemovedEvent(TASK, PLAN, 7, "T1", "x"))
                    .when(new AddTargetCommand(TASK, null, fiveGood, PROPAGANDA))
                    .expectResultMessagePayload(new TaskChange(7L, "T2"));
        }

        @Test
        void aTaskHasAtMostFiftyTargets() {
            List<Object> fifty = new ArrayList<>(List.of(propagandaLeads()));
            for (int i = 1; i <= TaskPolicies.MAX_TARGETS; i++) {
                fifty.add(new TargetSetEvent(TASK, PLAN, 7, new Target("T" + i, Target.TargetType.QUALITATIVE, "目标" + i,
                        null, null, null, null, null, null), false));
            }
            fixture.given(fifty)
                    .when(new AddTargetCommand(TASK, null, fiveGood, PROPAGANDA))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
        }

        @Test
        void theLeadUnitSetsRevisesAndRemovesMilestones() {
            LocalDate june = LocalDate.of(2026, 6, 1);
            fixture.given(propagandaLeads())
                    .when(new AddMilestoneCommand(TASK, null, " 完成宣讲团组建 ", june, PROPAGANDA))
                    .expectEvents(new MilestoneSetEvent(TASK, PLAN, 7, "M1", "完成宣讲团组建", june, false))
                    .expectResultMessagePayload(new TaskChange(5L, "M1"));
            fixture.given(propagandaLeads())
                    .andGiven(new MilestoneSetEvent(TASK, PLAN, 7, "M1", "完成宣讲团组建", june, false))
                    .when(new ReviseMilestoneCommand(TASK, null, "M1", "完成宣讲团组建", june.plusDays(14), PROPAGANDA))
                    .expectEvents(new MilestoneSetEvent(TASK, PLAN, 7, "M1", "完成宣讲团组建", june.plusDays(14), true));
            fixture.given(propagandaLeads())
                    .andGiven(new MilestoneSetEvent(TASK, PLAN, 7, "M1", "完成宣讲团组建", june, false))
                    .when(new RemoveMilestoneCommand(TASK, null, "M1", "与目标T1重复", PROPAGANDA))
                    .expectEvents(new MilestoneRemovedEvent(TASK, PLAN, 7, "M1", "与目标T1重复"));
            fixture.given(propagandaLeads())
                    .when(new AddMilestoneCommand(TASK, null, "", null, PROPAGANDA))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "title", "dueDate"));
            fixture.given(propagandaLeads())
                    .when(new AddMilestoneCommand(TASK, null, "节点", june, EDUCATION))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.FORBIDDEN));
        }
    }

    @Nested
    class ClosingAndReopening {

        private final TaskSummaryAcceptanceRecordedEvent summaryAccepted =
                new TaskSummaryAcceptanceRecordedEvent(TASK, PLAN, 7, "summary-1", "2026");

        @Test
        void theLeadUnitsAcceptedSummaryIsRecordedOnce() {
            fixture.given(importedTask())
                    .when(new RecordTaskSummaryAcceptanceCommand(TASK, "summary-1", "2026", "jixi-committee"))
                    .expectEvents(summaryAccepted);
            fixture.given(importedTask())
                    .andGiven(summaryAccepted)
                    .when(new RecordTaskSummaryAcceptanceCommand(TASK, "summary-1", "2026", "jixi-committee"))
                    .expectNoEvents();
        }

        @Test
        void aSummaryOfAFormerLeadUnitDoesNotCount() {
            fixture.given(propagandaLeads())
                    .when(new RecordTaskSummaryAcceptanceCommand(TASK, "summary-1", "2026", "jixi-committee"))
                    .expectNoEvents();
        }

        @Test
        void theCityCommitteeClosesOnceTheSummaryWasAccepted() {
            fixture.given(importedTask())
                    .when(new CloseTaskCommand(TASK, null, "圆满完成", SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
            fixture.given(importedTask())
                    .andGiven(summaryAccepted)
                    .when(new CloseTaskCommand(TASK, 3L, "圆满完成", SUPERVISOR))
                    .expectEvents(new TaskClosedEvent(TASK, PLAN, 7, created().title(), "summary-1", "圆满完成"));
            fixture.given(importedTask())
                    .andGiven(summaryAccepted)
                    .when(new CloseTaskCommand(TASK, null, null, PROPAGANDA))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.FORBIDDEN));
            fixture.given(importedTask())
                    .andGiven(summaryAccepted, new TaskClosedEvent(TASK, PLAN, 7, created().title(), "summary-1", null))
                    .when(new CloseTaskCommand(TASK, null, null, SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
        }

        @Test
        void aClosedTaskChangesOnlyByBeingReopenedWithAReason() {
            Object[] closed = {created(), imported(), askedToAcknowledge(ACKNOWLEDGE_BY, "jixi-propaganda", "jixi-education"),
                    summaryAccepted, new TaskClosedEvent(TASK, PLAN, 7, created().title(), "summary-1", null)};
            fixture.given(closed)
                    .when(new AddTargetCommand(TASK, null, new TargetDraft("目标", null, null, null, null, null, null),
                            SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
            fixture.given(closed)
                    .when(new AcknowledgeAssignmentCommand(TASK, null, EDUCATION))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
            fixture.given(closed)
                    .when(new ReopenTaskCommand(TASK, null, "", SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.BAD_REQUEST, "reason"));
            fixture.given(closed)
                    .when(new ReopenTaskCommand(TASK, null, "督导发现问题需整改", EDUCATION))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.FORBIDDEN));
            fixture.given(closed)
                    .when(new ReopenTaskCommand(TASK, 4L, "督导发现问题需整改", SUPERVISOR))
                    .expectEvents(new TaskReopenedEvent(TASK, PLAN, 7, created().title(), "督导发现问题需整改"));
            fixture.given(importedTask())
                    .when(new ReopenTaskCommand(TASK, null, "理由", SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
        }

        @Test
        void aReopenedTaskNeedsANewlyAcceptedSummaryToCloseAgain() {
            fixture.given(importedTask())
                    .andGiven(summaryAccepted, new TaskClosedEvent(TASK, PLAN, 7, created().title(), "summary-1", null),
                            new TaskReopenedEvent(TASK, PLAN, 7, created().title(), "整改"))
                    .when(new CloseTaskCommand(TASK, null, null, SUPERVISOR))
                    .expectNoEvents()
                    .expectException(refused(HttpStatus.CONFLICT));
        }

        @Test
        void aReopenedNearTermTaskPastItsDueDateBecomesOverdue() {
            LocalDate due = LocalDate.of(2026, 6, 30);
            fixture.given(importedTask())
                    .andGiven(nearTerm(due), summaryAccepted,
                            new TaskClosedEvent(TASK, PLAN, 7, created().title(), "summary-1", null))
                    .when(new ReopenTaskCommand(TASK, null, "督导发现问题需整改", SUPERVISOR))
                    .expectScheduledDeadline(endOf(due), new DueDateDeadline(due));
        }
    }
}
