package org.plantracker.progress.practice;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.progress.api.GoodPracticePublishedEvent;
import org.plantracker.progress.api.GoodPracticeSubmittedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.http.HttpStatus;

class GoodPracticeTest {

    private static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    private static final GoodPracticeSubmittedEvent SUBMITTED = new GoodPracticeSubmittedEvent("gp-1", "plan1-07", "plan1", 7,
            "深化青少年法治教育", MISHAN, "“五老”进校园", "组织“五老”每月进校园宣讲。");
    private static final GoodPracticePublishedEvent PUBLISHED = new GoodPracticePublishedEvent("gp-1", "plan1-07", "plan1", 7,
            "深化青少年法治教育", MISHAN, "“五老”进校园");

    private AggregateTestFixture<GoodPractice> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(GoodPractice.class);
    }

    @Test
    void aUnitSubmitsAGoodPractice() {
        fixture.givenNoPriorActivity()
                .when(submit("“五老”进校园", "组织“五老”每月进校园宣讲。"))
                .expectResultMessagePayload("gp-1")
                .expectEvents(SUBMITTED);
    }

    @Test
    void aPracticeHasATitleAndAText() {
        fixture.givenNoPriorActivity()
                .when(submit(" ", "组织“五老”每月进校园宣讲。"))
                .expectExceptionMessage("A good practice has a title.")
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(submit("“五老”进校园", ""))
                .expectExceptionMessage("A good practice says what was done.")
                .expectNoEvents();
    }

    @Test
    void aRetriedSubmissionIsNotSubmittedTwice() {
        fixture.given(SUBMITTED)
                .when(submit("“五老”进校园", "组织“五老”每月进校园宣讲。"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload("gp-1")
                .expectNoEvents();
    }

    /** The id derives from the caller's Idempotency-Key: another practice with it is not the stored one. */
    @Test
    void anotherPracticeWithTheIdOfASubmittedOneIsRefused() {
        fixture.given(SUBMITTED)
                .when(submit("“五老”进校园", "另一件事。"))
                .expectException(Matchers.predicate(e -> e instanceof DomainException d
                        && d.status() == HttpStatus.UNPROCESSABLE_ENTITY
                        && d.errors().get(0).field().equals("Idempotency-Key")))
                .expectNoEvents();
    }

    @Test
    void theCityCommitteePublishesIt() {
        fixture.given(SUBMITTED)
                .when(new PublishGoodPracticeCommand("gp-1", true))
                .expectEvents(PUBLISHED);
    }

    @Test
    void nobodyElsePublishes() {
        fixture.given(SUBMITTED)
                .when(new PublishGoodPracticeCommand("gp-1", false))
                .expectException(DomainException.class)
                .expectNoEvents();
    }

    @Test
    void publishingTwiceChangesNothing() {
        fixture.given(SUBMITTED, PUBLISHED)
                .when(new PublishGoodPracticeCommand("gp-1", true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    private static SubmitGoodPracticeCommand submit(String title, String text) {
        return new SubmitGoodPracticeCommand("gp-1", "plan1-07", "plan1", 7, "深化青少年法治教育", MISHAN, title, text);
    }
}
