package org.plantracker.progress.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.axon.EventMetadata;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.Roles;
import org.plantracker.progress.api.ProgressReportAcceptedEvent;
import org.plantracker.progress.api.ProgressReportReturnedEvent;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.progress.api.TaskShareAssignedEvent;
import org.plantracker.progress.api.TaskSummaryAcceptedEvent;
import org.plantracker.progress.api.TaskSummaryReturnedEvent;
import org.plantracker.progress.api.TaskSummarySubmittedEvent;
import org.plantracker.progress.api.UrgeIssuedEvent;
import org.plantracker.progress.api.UrgeReadEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Versions of a period's report, their review by the task's lead unit, and urges with their read receipts. */
class TaskShareReviewTest {

    // shared with TaskShareRetryTest
    static final String TASK = "plan1-07";
    static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    static final UnitRef PROPAGANDA = new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT);
    static final String SHARE = TaskShare.idOf(TASK, MISHAN.code());
    static final String LEAD_SHARE = TaskShare.idOf(TASK, PROPAGANDA.code());
    static final Map<String, Object> AS_MISHAN = Map.of(EventMetadata.ACTOR_UNIT, MISHAN.code());

    static final Actor LEAD = new Actor("propaganda-staff", PROPAGANDA.code(), Set.of(Roles.UNIT));
    static final Actor COMMITTEE = new Actor("committee-staff", "jixi-committee", Set.of(Roles.SUPERVISOR));
    static final Actor HULIN = new Actor("hulin-staff", "jixi-hulin", Set.of(Roles.COUNTY_COMMITTEE));
    private static final Actor MISHAN_ACTOR = new Actor("mishan-staff", MISHAN.code(), Set.of(Roles.COUNTY_COMMITTEE));

    private AggregateTestFixture<TaskShare> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TaskShare.class);
    }

    @Test
    void aSecondReportForThePeriodIsItsNextVersion() {
        fixture.given(assigned(MISHAN), submitted("r-1", "2022-Q2", 1))
                .when(report("r-2", "2022-Q2"), AS_MISHAN)
                .expectEvents(submitted("r-2", "2022-Q2", 2));
        fixture.given(assigned(MISHAN), submitted("r-1", "2022-Q2", 1))
                .when(report("r-2", "2022-Q3"), AS_MISHAN)
                .expectEvents(submitted("r-2", "2022-Q3", 1));
    }

    @Test
    void theLeadUnitAcceptsTheCurrentVersion() {
        fixture.given(assigned(MISHAN), submitted("r-1", "2022-Q2", 1))
                .when(review("r-1", ReviewDecision.ACCEPT, "很好", LEAD))
                .expectEvents(new ProgressReportAcceptedEvent("r-1", SHARE, TASK, "plan1", 7, "加强青少年法治教育",
                        MISHAN, "2022-Q2", 1, PROPAGANDA, "很好"));
    }

    @Test
    void aReturnedReportIsResubmittedAsANewVersionAndReviewedAgain() {
        fixture.given(assigned(MISHAN), submitted("r-1", "2022-Q2", 1), returned("r-1", 1))
                .when(report("r-2", "2022-Q2"), AS_MISHAN)
                .expectEvents(submitted("r-2", "2022-Q2", 2));
        fixture.given(assigned(MISHAN), submitted("r-1", "2022-Q2", 1), returned("r-1", 1), submitted("r-2", "2022-Q2", 2))
                .when(review("r-2", ReviewDecision.ACCEPT, null, LEAD))
                .expectEvents(new ProgressReportAcceptedEvent("r-2", SHARE, TASK, "plan1", 7, "加强青少年法治教育",
                        MISHAN, "2022-Q2", 2, PROPAGANDA, null));
    }

    @Test
    void returningNeedsAReasonNamedAsTheCommentField() {
        fixture.given(assigned(MISHAN), submitted("r-1", "2022-Q2", 1))
                .when(review("r-1", ReviewDecision.RETURN, "  ", LEAD))
                .expectException(Matchers.predicate(e -> e instanceof DomainException d
                        && d.status() == HttpStatus.BAD_REQUEST && d.errors().get(0).field().equals("comment")))
                .expectNoEvents();
        fixture.given(assigned(MISHAN), submitted("r-1", "2022-Q2", 1))
                .when(review("r-1", ReviewDecision.RETURN, "数据与台账不符", LEAD))
                .expectEvents(returned("r-1", 1));
    }

    @Test
    void onlyTheLeadUnitReviews() {
        for (Actor other : List.of(COMMITTEE, HULIN, MISHAN_ACTOR)) {
            fixture.given(assigned(MISHAN), submitted("r-1", "2022-Q2", 1))
                    .when(review("r-1", ReviewDecision.ACCEPT, null, other))
                    .expectException(status(HttpStatus.FORBIDDEN))
                    .expectNoEvents();
        }
    }

    @Test
    void theLeadUnitsOwnReportIsReviewedByTheCityCommitteeNotByItself() {
        TaskShareAssignedEvent leadShare = new TaskShareAssignedEvent(LEAD_SHARE, TASK, "plan1", 7, 4, "第4部分",
                "加强青少年法治教育", PROPAGANDA, PROPAGANDA, true, false, 3);
        ProgressReportSubmittedEvent leadReport = new ProgressReportSubmittedEvent("r-9", LEAD_SHARE, TASK, "plan1", 7,
                "加强青少年法治教育", PROPAGANDA, PROPAGANDA, "2022-Q2", ReportStatus.ON_TRACK, "宣讲", List.of(), List.of(),
                null, 1);
        fixture.given(leadShare, leadReport)
                .when(new ReviewProgressReportCommand(LEAD_SHARE, "r-9", ReviewDecision.ACCEPT, null, LEAD))
                .expectException(status(HttpStatus.FORBIDDEN))
                .expectNoEvents();
        fixture.given(leadShare, leadReport)
                .when(new ReviewProgressReportCommand(LEAD_SHARE, "r-9", ReviewDecision.ACCEPT, null, COMMITTEE))
                .expectEvents(new ProgressReportAcceptedEvent("r-9", LEAD_SHARE, TASK, "plan1", 7, "加强青少年法治教育",
                        PROPAGANDA, "2022-Q2", 1, new UnitRef("jixi-committee", null, UnitKind.CITY_COMMITTEE), null));
    }

    @Test
    void aSupersededVersionIsNotReviewed() {
        fixture.given(assigned(MISHAN), submitted("r-1", "2022-Q2", 1), submitted("r-2", "2022-Q2", 2))
                .when(review("r-1", ReviewDecision.ACCEPT, null, LEAD))
                .expectException(status(HttpStatus.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aReportIsReviewedOnceAndAnAcceptedPeriodTakesNoNewVersion() {
        fixture.given(assigned(MISHAN), submitted("r-1", "2022-Q2", 1), accepted("r-1", 1))
                .when(review("r-1", ReviewDecision.RETURN, "再看看", LEAD))
                .expectException(status(HttpStatus.CONFLICT))
                .expectNoEvents();
        fixture.given(assigned(MISHAN), submitted("r-1", "2022-Q2", 1), returned("r-1", 1))
                .when(review("r-1", ReviewDecision.ACCEPT, null, LEAD))
                .expectException(status(HttpStatus.CONFLICT))
                .expectNoEvents();
        fixture.given(assigned(MISHAN), submitted("r-1", "2022-Q2", 1), accepted("r-1", 1))
                .when(report("r-2", "2022-Q2"), AS_MISHAN)
                .expectException(status(HttpStatus.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anUnknownReportIsNotFound() {
        fixture.given(assigned(MISHAN), submitted("r-1", "2022-Q2", 1))
                .when(review("r-404", ReviewDecision.ACCEPT, null, LEAD))
                .expectException(status(HttpStatus.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void theCityCommitteeAndTheLeadUnitUrgeOthersDoNot() {
        fixture.given(assigned(MISHAN))
                .when(new IssueUrgeCommand(SHARE, "u-1", "2022-Q2", "请尽快报送", LEAD))
                .expectResultMessagePayload("u-1")
                .expectEvents(new UrgeIssuedEvent("u-1", SHARE, TASK, "plan1", 7, "加强青少年法治教育", MISHAN, "2022-Q2",
                        "请尽快报送", false, PROPAGANDA));
        fixture.given(assigned(MISHAN))
                .when(new IssueUrgeCommand(SHARE, "u-1", null, "请尽快报送", COMMITTEE))
                .expectEvents(new UrgeIssuedEvent("u-1", SHARE, TASK, "plan1", 7, "加强青少年法治教育", MISHAN, null,
                        "请尽快报送", false, new UnitRef("jixi-committee", null, UnitKind.CITY_COMMITTEE)));
        for (Actor other : List.of(HULIN, MISHAN_ACTOR)) {
            fixture.given(assigned(MISHAN))
                    .when(new IssueUrgeCommand(SHARE, "u-1", null, "请尽快报送", other))
                    .expectException(status(HttpStatus.FORBIDDEN))
                    .expectNoEvents();
        }
    }

    @Test
    void onlyTheUrgedUnitReadsTheUrgeAndOnce() {
        UrgeIssuedEvent urge = new UrgeIssuedEvent("u-1", SHARE, TASK, "plan1", 7, "加强青少年法治教育", MISHAN, null,
                "请尽快报送", false, PROPAGANDA);
        fixture.given(assigned(MISHAN), urge)
                .when(new ReadUrgeCommand(SHARE, "u-1", MISHAN_ACTOR))
                .expectEvents(new UrgeReadEvent("u-1", SHARE, TASK, MISHAN.code()));
        fixture.given(assigned(MISHAN), urge, new UrgeReadEvent("u-1", SHARE, TASK, MISHAN.code()))
                .when(new ReadUrgeCommand(SHARE, "u-1", MISHAN_ACTOR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(assigned(MISHAN), urge)
                .when(new ReadUrgeCommand(SHARE, "u-1", LEAD))
                .expectException(status(HttpStatus.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void onlyTheLeadUnitWritesTheSummaryAndOnlyTheCityCommitteeReviewsIt() {
        TaskShareAssignedEvent leadShare = new TaskShareAssignedEvent(LEAD_SHARE, TASK, "plan1", 7, 4, "第4部分",
                "加强青少年法治教育", PROPAGANDA, PROPAGANDA, true, false, 3);
        fixture.given(leadShare)
                .when(new SubmitTaskSummaryCommand(LEAD_SHARE, "s-1", "2022", "全年开展宣讲120场", LEAD))
                .expectResultMessagePayload("s-1")
                .expectEvents(new TaskSummarySubmittedEvent("s-1", TASK, "plan1", 7, "加强青少年法治教育", "2022",
                        PROPAGANDA, "全年开展宣讲120场"));
        TaskSummarySubmittedEvent submitted = new TaskSummarySubmittedEvent("s-1", TASK, "plan1", 7, "加强青少年法治教育",
                "2022", PROPAGANDA, "全年开展宣讲120场");
        fixture.given(leadShare, submitted)
                .when(new ReviewTaskSummaryCommand(LEAD_SHARE, "s-1", ReviewDecision.ACCEPT, null, LEAD))
                .expectException(status(HttpStatus.FORBIDDEN))
                .expectNoEvents();
        fixture.given(leadShare, submitted)
                .when(new ReviewTaskSummaryCommand(LEAD_SHARE, "s-1", ReviewDecision.RETURN, null, COMMITTEE))
                .expectException(status(HttpStatus.BAD_REQUEST))
                .expectNoEvents();
        fixture.given(leadShare, submitted)
                .when(new ReviewTaskSummaryCommand(LEAD_SHARE, "s-1", ReviewDecision.ACCEPT, null, COMMITTEE))
                .expectEvents(new TaskSummaryAcceptedEvent("s-1", TASK, "plan1", 7, "2022", PROPAGANDA));
    }

    @Test
    void aResponsibleUnitWritesNoSummary() {
        fixture.given(assigned(MISHAN))
                .when(new SubmitTaskSummaryCommand(SHARE, "s-1", "2022", "总结", MISHAN_ACTOR))
                .expectException(status(HttpStatus.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void aReturnedSummaryIsWrittenAgainAnAcceptedOneClosesItsPeriod() {
        TaskShareAssignedEvent leadShare = new TaskShareAssignedEvent(LEAD_SHARE, TASK, "plan1", 7, 4, "第4部分",
                "加强青少年法治教育", PROPAGANDA, PROPAGANDA, true, false, 3);
        TaskSummarySubmittedEvent submitted = new TaskSummarySubmittedEvent("s-1", TASK, "plan1", 7, "加强青少年法治教育",
                "2022", PROPAGANDA, "全年开展宣讲120场");
        fixture.given(leadShare, submitted)
                .when(new SubmitTaskSummaryCommand(LEAD_SHARE, "s-2", "2022", "改", LEAD))
                .expectException(status(HttpStatus.CONFLICT))
                .expectNoEvents();
        fixture.given(leadShare, submitted,
                        new TaskSummaryReturnedEvent("s-1", TASK, "plan1", 7, "2022", PROPAGANDA, "缺少数据"))
                .when(new SubmitTaskSummaryCommand(LEAD_SHARE, "s-2", "2022", "补充数据后的总结", LEAD))
                .expectEvents(new TaskSummarySubmittedEvent("s-2", TASK, "plan1", 7, "加强青少年法治教育", "2022",
                        PROPAGANDA, "补充数据后的总结"));
        fixture.given(leadShare, submitted,
                        new TaskSummaryReturnedEvent("s-1", TASK, "plan1", 7, "2022", PROPAGANDA, "缺少数据"),
                        new TaskSummarySubmittedEvent("s-2", TASK, "plan1", 7, "加强青少年法治教育", "2022", PROPAGANDA, "补"))
                .when(new ReviewTaskSummaryCommand(LEAD_SHARE, "s-1", ReviewDecision.ACCEPT, null, COMMITTEE))
                .expectException(status(HttpStatus.CONFLICT))
                .expectNoEvents();
        fixture.given(leadShare, submitted, new TaskSummaryAcceptedEvent("s-1", TASK, "plan1", 7, "2022", PROPAGANDA))
                .when(new SubmitTaskSummaryCommand(LEAD_SHARE, "s-2", "2022", "再写", LEAD))
                .expectException(status(HttpStatus.CONFLICT))
                .expectNoEvents();
    }

    static org.hamcrest.Matcher<Object> status(HttpStatus status) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.status() == status);
    }

    private static TaskShareAssignedEvent assigned(UnitRef unit) {
        return new TaskShareAssignedEvent(TaskShare.idOf(TASK, unit.code()), TASK, "plan1", 7, 4,
                "加强青少年法治教育和权益保护", "加强青少年法治教育", unit, PROPAGANDA, false, true, 3);
    }

    private static ProgressReportSubmittedEvent submitted(String reportId, String period, int version) {
        return new ProgressReportSubmittedEvent(reportId, SHARE, TASK, "plan1", 7, "加强青少年法治教育", MISHAN, PROPAGANDA,
                period, ReportStatus.ON_TRACK, "密山市组织“五老”开展宣讲。", List.of(), List.of(), null, version);
    }

    private static ProgressReportReturnedEvent returned(String reportId, int version) {
        return new ProgressReportReturnedEvent(reportId, SHARE, TASK, "plan1", 7, "加强青少年法治教育", MISHAN, "2022-Q2",
                version, PROPAGANDA, "数据与台账不符");
    }

    private static ProgressReportAcceptedEvent accepted(String reportId, int version) {
        return new ProgressReportAcceptedEvent(reportId, SHARE, TASK, "plan1", 7, "加强青少年法治教育", MISHAN, "2022-Q2",
                version, PROPAGANDA, null);
    }

    private static SubmitProgressReportCommand report(String reportId, String period) {
        return new SubmitProgressReportCommand(SHARE, reportId, period, ReportStatus.ON_TRACK, "密山市组织“五老”开展宣讲。",
                List.of(), List.of(), null);
    }

    private static ReviewProgressReportCommand review(String reportId, ReviewDecision decision, String comment, Actor actor) {
        return new ReviewProgressReportCommand(SHARE, reportId, decision, comment, actor);
    }
}
