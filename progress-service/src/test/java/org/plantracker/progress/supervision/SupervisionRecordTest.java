package org.plantracker.progress.supervision;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.progress.api.SupervisionRecordedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class SupervisionRecordTest {

    private static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    private static final UnitRef COMMITTEE = new UnitRef("jixi-committee", "市关工委", UnitKind.CITY_COMMITTEE);

    private AggregateTestFixture<SupervisionRecord> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SupervisionRecord.class);
    }

    @Test
    void theCityCommitteeRecordsFindingsOnAUnitsShare() {
        fixture.givenNoPriorActivity()
                .when(command("rec-1", MISHAN, "部分学校未建立台账。", true))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload("rec-1")
                .expectEvents(new SupervisionRecordedEvent("rec-1", "plan1-07", "plan1", 7, "深化青少年法治教育", MISHAN,
                        COMMITTEE, "部分学校未建立台账。", "请于月底前补齐。"));
    }

    @Test
    void anyoneElseIsRefusedAndNothingIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(command("rec-1", null, "部分学校未建立台账。", false))
                .expectException(DomainException.class)
                .expectNoEvents();
    }

    @Test
    void findingsAreRequired() {
        fixture.givenNoPriorActivity()
                .when(command("rec-1", null, "  ", true))
                .expectExceptionMessage("A supervision record states its findings.")
                .expectNoEvents();
    }

    @Test
    void aRetriedRecordIsNotRecordedTwice() {
        fixture.given(new SupervisionRecordedEvent("rec-1", "plan1-07", "plan1", 7, "深化青少年法治教育", null, COMMITTEE,
                        "部分学校未建立台账。", "请于月底前补齐。"))
                .when(command("rec-1", null, "部分学校未建立台账。", true))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload("rec-1")
                .expectNoEvents();
    }

    /** The id derives from the caller's Idempotency-Key: another record with it is refused, not taken for the first. */
    @Test
    void anotherRecordWithTheIdOfAStoredOneIsRefused() {
        SupervisionRecordedEvent recorded = new SupervisionRecordedEvent("rec-1", "plan1-07", "plan1", 7, "深化青少年法治教育",
                null, COMMITTEE, "部分学校未建立台账。", "请于月底前补齐。");
        fixture.given(recorded)
                .when(command("rec-1", MISHAN, "部分学校未建立台账。", true))
                .expectException(Matchers.predicate(e -> e instanceof DomainException d
                        && d.status() == HttpStatus.UNPROCESSABLE_ENTITY))
                .expectNoEvents();
        fixture.given(recorded)
                .when(command("rec-1", null, "另有发现。", true))
                .expectException(Matchers.predicate(e -> e instanceof DomainException d
                        && d.status() == HttpStatus.UNPROCESSABLE_ENTITY))
                .expectNoEvents();
        fixture.given(recorded)
                .when(command("rec-1", null, "部分学校未建立台账。", false))
                .expectException(Matchers.predicate(e -> e instanceof DomainException d
                        && d.status() == HttpStatus.FORBIDDEN))
                .expectNoEvents();
    }

    /** The web layer answers with the refusal's status: 403, not 400 or 500. */
    @Test
    void theRefusalIsForbidden() {
        DomainException refusal = catchRefusal(() -> new SupervisionRecord().handle(command("rec-1", null, "x", false)));
        assertThat(refusal.status()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private static DomainException catchRefusal(Runnable action) {
        try {
            action.run();
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("no refusal");
    }

    private static RecordSupervisionCommand command(String id, UnitRef unit, String findings, boolean cityCommittee) {
        return new RecordSupervisionCommand(id, "plan1-07", "plan1", 7, "深化青少年法治教育", unit, COMMITTEE, findings,
                "请于月底前补齐。", cityCommittee);
    }
}
