package org.plantracker.task.command;

import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.Roles;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskCreatedEvent;
import org.plantracker.task.api.UnitRef;
import org.plantracker.task.importing.RegionCatalogue;
import org.plantracker.task.importing.UnitDirectory;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The Task aggregate: who may assign, how groups are expanded, what the events carry. */
class TaskTest {

    private static final String TASK = "plan-0123456789ab-07";
    private static final String PLAN = "plan-0123456789ab";
    private static final Actor SUPERVISOR = new Actor("jixi-committee", "jixi-committee", Set.of(Roles.SUPERVISOR));

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

    private static TaskCreatedEvent created() {
        return new TaskCreatedEvent(TASK, PLAN, 7, 3, "积极引导青少年培育和践行社会主义核心价值观",
                "深入开展“扣好人生第一粒扣子”、“大手拉小手”、“老少共铸中国梦”主题活动", "深入开展……打好全面发展的基础。");
    }

    private static TaskAssignedEvent imported() {
        return new TaskAssignedEvent(TASK, PLAN, 7, 3, created().sectionTitle(), created().title(),
                unit("jixi-committee"), units("jixi-propaganda", "jixi-education"), List.of(), null, List.of());
    }

    @Test
    void theCityCommitteeReassignsAndTheEventCarriesThePreviousValues() {
        List<UnitRef> responsible = new ArrayList<>(units("jixi-education"));
        counties().forEach(c -> responsible.add(unit(c)));

        fixture.given(created(), imported())
                .when(new AssignTaskCommand(TASK, 1L, "jixi-propaganda", List.of("jixi-education", "jixi-counties"),
                        SUPERVISOR))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TaskAssignedEvent(TASK, PLAN, 7, 3, created().sectionTitle(), created().title(),
                        unit("jixi-propaganda"), responsible,
                        List.of(new TaskAssignedEvent.GroupExpansion("县(市)区关工委", counties())),
                        unit("jixi-committee"), units("jixi-propaganda", "jixi-education")))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aSecondReassignmentCarriesTheFirstReassignmentAsPrevious() {
        TaskAssignedEvent reassigned = new TaskAssignedEvent(TASK, PLAN, 7, 3, created().sectionTitle(),
                created().title(), unit("jixi-propaganda"), units("jixi-education"), List.of(),
                unit("jixi-committee"), units("jixi-propaganda", "jixi-education"));

        fixture.given(created(), imported(), reassigned)
                .when(new AssignTaskCommand(TASK, 2L, "jixi-trade-union", List.of("jixi-committee", "jixi-city-organs"),
                        SUPERVISOR))
                .expectEvents(new TaskAssignedEvent(TASK, PLAN, 7, 3, created().sectionTitle(), created().title(),
                        unit("jixi-trade-union"), units("jixi-committee", "jixi-city-organs"), List.of(),
                        unit("jixi-propaganda"), units("jixi-education")))
                .expectResultMessagePayload(3L);
    }

    @Test
    void aUnitThatIsNotTheCityCommitteeMayNotAssign() {
        Actor unit = new Actor("jixi-propaganda", "jixi-propaganda", Set.of(Roles.UNIT));
        Actor county = new Actor("jixi-mishan", "jixi-mishan", Set.of(Roles.COUNTY_COMMITTEE));

        for (Actor actor : List.of(unit, county)) {
            fixture.given(created(), imported())
                    .when(new AssignTaskCommand(TASK, 1L, "jixi-propaganda", List.of("jixi-education"), actor))
                    .expectNoEvents()
                    .expectException(DomainException.class)
                    .expectExceptionMessage("Only the city committee (市关工委) assigns tasks.")
                    .expectException(Matchers.<Object>predicate(e -> e instanceof DomainException d
                            && d.status() == HttpStatus.FORBIDDEN));
        }
    }

    @Test
    void unknownUnitsAndAGroupAsLeadAreRefusedNamingTheFields() {
        fixture.given(created(), imported())
                .when(new AssignTaskCommand(TASK, 1L, "jixi-counties", List.of("jixi-education", "jixi-nowhere"),
                        SUPERVISOR))
                .expectNoEvents()
                .expectException(Matchers.<Object>predicate(e -> e instanceof DomainException d
                        && d.status() == HttpStatus.BAD_REQUEST
                        && d.errors().stream().map(FieldProblem::field).toList()
                        .equals(List.of("leadUnit", "responsibleUnits[1]"))));
    }

    @Test
    void theSameAssignmentAgainChangesNothing() {
        fixture.given(created(), imported())
                .when(new AssignTaskCommand(TASK, 1L, "jixi-committee", List.of("jixi-propaganda", "jixi-education"),
                        SUPERVISOR))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void aStaleVersionIsAConflict() {
        fixture.given(created(), imported())
                .when(new AssignTaskCommand(TASK, 0L, "jixi-propaganda", List.of("jixi-education"), SUPERVISOR))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
    }
}
