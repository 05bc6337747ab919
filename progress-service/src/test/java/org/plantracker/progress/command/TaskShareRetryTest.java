package org.plantracker.progress.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.progress.api.ProgressReportAcceptedEvent;
import org.plantracker.progress.api.ProgressReportReturnedEvent;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.progress.api.TaskShareAssignedEvent;
import org.plantracker.progress.api.TaskShareClosedEvent;
import org.plantracker.progress.api.TaskSummaryAcceptedEvent;
import org.plantracker.progress.api.TaskSummaryReturnedEvent;
import org.plantracker.progress.api.TaskSummarySubmittedEvent;
import org.plantracker.progress.api.UrgeIssuedEvent;
import org.springframework.http.HttpStatus;

import java.math.BigDecimal;
import java.util.List;

import static org.plantracker.progress.command.TaskShareReviewTest.AS_MISHAN;
import static org.plantracker.progress.command.TaskShareReviewTest.COMMITTEE;
import static org.plantracker.progress.command.TaskShareReviewTest.LEAD;
import static org.plantracker.progress.command.TaskShareReviewTest.LEAD_SHARE;
import static org.plantracker.progress.command.TaskShareReviewTest.MISHAN;
import static org.plantracker.progress.command.TaskShareReviewTest.PROPAGANDA;
import static org.plantracker.progress.command.TaskShareReviewTest.SHARE;
import static org.plantracker.progress.command.TaskShareReviewTest.TASK;
import static org.plantracker.progress.command.TaskShareReviewTest.status;

/**
 * A request whose answer was lost (the service killed after storing) is sent again with its Idempotency-Key;
 * the retry takes the stale claim over and sends the same command, with the same id derived from the key.
 * The share answers it as the first time and stores nothing; another request that comes with an id already
 * used is refused (422, the Idempotency-Key named), never taken for the first.
 */
class TaskShareRetryTest {

    private static final TaskShareAssignedEvent ASSIGNED = new TaskShareAssignedEvent(SHARE, TASK, "plan1", 7, 4,
            "第4部分", "加强青少年法治教育", MISHAN, PROPAGANDA, false, true, 3);
    private static final TaskShareAssignedEvent LEAD_ASSIGNED = new TaskShareAssignedEvent(LEAD_SHARE, TASK, "plan1", 7,
            4, "第4部分", "加强青少年法治教育", PROPAGANDA, PROPAGANDA, true, false, 3);
    private static final ProgressReportSubmittedEvent REPORTED = new ProgressReportSubmittedEvent("r-1", SHARE, TASK,
            "plan1", 7, "加强青少年法治教育", MISHAN, PROPAGANDA, "2022-Q2", ReportStatus.ON_TRACK, "开展宣讲。",
            List.of(new ProgressReportSubmittedEvent.Figure("T1", new BigDecimal("90.5"))), List.of("经费不足"), null, 1);
    private static final UrgeIssuedEvent URGED = new UrgeIssuedEvent("u-1", SHARE, TASK, "plan1", 7, "加强青少年法治教育",
            MISHAN, "2022-Q2", "请尽快报送", false, PROPAGANDA);
    private static final TaskSummarySubmittedEvent SUMMARY = new TaskSummarySubmittedEvent("s-1", TASK, "plan1", 7,
            "加强青少年法治教育", "2022", PROPAGANDA, "全年开展宣讲120场");

    private AggregateTestFixture<TaskShare> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TaskShare.class);
    }

    // --- reports ---------------------------------------------------------------------------------------

    /** The figures as the store gives them back may be written otherwise (90.50 for 90.5): the same report. */
    @Test
    void theSameReportAgainIsRecognisedWhateverTheScaleOfItsFigures() {
        fixture.given(ASSIGNED, REPORTED)
                .when(new SubmitProgressReportCommand(SHARE, "r-1", "2022-Q2", ReportStatus.ON_TRACK, "开展宣讲。",
                        List.of(new ProgressReportSubmittedEvent.Figure("T1", new BigDecimal("90.50"))),
                        List.of("经费不足"), null), AS_MISHAN)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload("r-1")
                .expectNoEvents();
    }

    @Test
    void anotherReportWithTheIdOfAStoredOneIsRefusedNotTakenForIt() {
        fixture.given(ASSIGNED, REPORTED)
                .when(new SubmitProgressReportCommand(SHARE, "r-1", "2022-Q2", ReportStatus.AT_RISK, "进度滞后。",
                        List.of(), List.of(), null), AS_MISHAN)
                .expectException(clash())
                .expectNoEvents();
    }

    // --- urges -----------------------------------------------------------------------------------------

    @Test
    void theSameUrgeAgainIsAnsweredWithItsIdAndIssuedOnce() {
        fixture.given(ASSIGNED, URGED)
                .when(new IssueUrgeCommand(SHARE, "u-1", "2022-Q2", "请尽快报送", LEAD))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload("u-1")
                .expectNoEvents();
    }

    @Test
    void theSameUrgeAgainAfterTheTaskWasClosedIsStillAnsweredAsTheFirstTime() {
        fixture.given(ASSIGNED, URGED, new TaskShareClosedEvent(SHARE, TASK, true, 9))
                .when(new IssueUrgeCommand(SHARE, "u-1", "2022-Q2", "请尽快报送", LEAD))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload("u-1")
                .expectNoEvents();
    }

    @Test
    void anotherUrgeWithTheIdOfAnIssuedOneIsRefused() {
        fixture.given(ASSIGNED, URGED)
                .when(new IssueUrgeCommand(SHARE, "u-1", "2022-Q2", "今天必须报送", LEAD))
                .expectException(clash())
                .expectNoEvents();
        fixture.given(ASSIGNED, URGED)
                .when(new IssueUrgeCommand(SHARE, "u-1", "2022-Q2", "请尽快报送", COMMITTEE))
                .expectException(clash())
                .expectNoEvents();
    }

    @Test
    void aRetryIsStillAuthorisedFirst() {
        fixture.given(ASSIGNED, URGED)
                .when(new IssueUrgeCommand(SHARE, "u-1", "2022-Q2", "请尽快报送", TaskShareReviewTest.HULIN))
                .expectException(status(HttpStatus.FORBIDDEN))
                .expectNoEvents();
    }

    // --- summaries -------------------------------------------------------------------------------------

    /** The issue's case: the summary is waiting for review, and its own retry must not be a 409. */
    @Test
    void theSameSummaryAgainIsAnsweredWithItsIdNotAConflict() {
        fixture.given(LEAD_ASSIGNED, SUMMARY)
                .when(new SubmitTaskSummaryCommand(LEAD_SHARE, "s-1", "2022", "全年开展宣讲120场", LEAD))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload("s-1")
                .expectNoEvents();
        fixture.given(LEAD_ASSIGNED, SUMMARY, new TaskSummaryAcceptedEvent("s-1", TASK, "plan1", 7, "2022", PROPAGANDA))
                .when(new SubmitTaskSummaryCommand(LEAD_SHARE, "s-1", "2022", "全年开展宣讲120场", LEAD))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload("s-1")
                .expectNoEvents();
    }

    @Test
    void anotherSummaryWithTheIdOfAStoredOneIsRefused() {
        fixture.given(LEAD_ASSIGNED, SUMMARY)
                .when(new SubmitTaskSummaryCommand(LEAD_SHARE, "s-1", "2022", "另一份总结", LEAD))
                .expectException(clash())
                .expectNoEvents();
    }

    // --- reviews ---------------------------------------------------------------------------------------

    @Test
    void theSameReviewOfAReportAgainChangesNothing() {
        fixture.given(ASSIGNED, REPORTED, new ProgressReportAcceptedEvent("r-1", SHARE, TASK, "plan1", 7,
                        "加强青少年法治教育", MISHAN, "2022-Q2", 1, PROPAGANDA, "很好"))
                .when(new ReviewProgressReportCommand(SHARE, "r-1", ReviewDecision.ACCEPT, " 很好 ", LEAD))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(ASSIGNED, REPORTED, new ProgressReportReturnedEvent("r-1", SHARE, TASK, "plan1", 7,
                        "加强青少年法治教育", MISHAN, "2022-Q2", 1, PROPAGANDA, "数据与台账不符"))
                .when(new ReviewProgressReportCommand(SHARE, "r-1", ReviewDecision.RETURN, "数据与台账不符", LEAD))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anotherReviewOfAReviewedReportStaysAConflict() {
        fixture.given(ASSIGNED, REPORTED, new ProgressReportAcceptedEvent("r-1", SHARE, TASK, "plan1", 7,
                        "加强青少年法治教育", MISHAN, "2022-Q2", 1, PROPAGANDA, null))
                .when(new ReviewProgressReportCommand(SHARE, "r-1", ReviewDecision.ACCEPT, "另一条意见", LEAD))
                .expectException(status(HttpStatus.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void theSameReviewOfASummaryAgainChangesNothing() {
        fixture.given(LEAD_ASSIGNED, SUMMARY, new TaskSummaryAcceptedEvent("s-1", TASK, "plan1", 7, "2022", PROPAGANDA))
                .when(new ReviewTaskSummaryCommand(LEAD_SHARE, "s-1", ReviewDecision.ACCEPT, null, COMMITTEE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(LEAD_ASSIGNED, SUMMARY,
                        new TaskSummaryReturnedEvent("s-1", TASK, "plan1", 7, "2022", PROPAGANDA, "缺少数据"))
                .when(new ReviewTaskSummaryCommand(LEAD_SHARE, "s-1", ReviewDecision.RETURN, "缺少数据", COMMITTEE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(LEAD_ASSIGNED, SUMMARY,
                        new TaskSummaryReturnedEvent("s-1", TASK, "plan1", 7, "2022", PROPAGANDA, "缺少数据"))
                .when(new ReviewTaskSummaryCommand(LEAD_SHARE, "s-1", ReviewDecision.ACCEPT, null, COMMITTEE))
                .expectException(status(HttpStatus.CONFLICT))
                .expectNoEvents();
    }

    /** 422 naming the Idempotency-Key, as the filter answers a key used for another request. */
    static Matcher<Object> clash() {
        return Matchers.predicate(e -> e instanceof DomainException d && d.status() == HttpStatus.UNPROCESSABLE_ENTITY
                && d.errors().size() == 1 && d.errors().get(0).field().equals("Idempotency-Key"));
    }
}
