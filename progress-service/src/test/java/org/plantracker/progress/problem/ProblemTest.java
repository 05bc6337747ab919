package org.plantracker.progress.problem;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.progress.api.ProblemAnsweredEvent;
import org.plantracker.progress.api.ProblemClosedEvent;
import org.plantracker.progress.api.ProblemFlaggedGeneralEvent;
import org.plantracker.progress.api.ProblemRaisedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTest {

    private static final String TASK = "plan1-07";
    private static final String CATEGORY = "农村学校师资不足";
    private static final String ID = ProblemKey.problemId(TASK, CATEGORY);
    private static final UnitRef COMMITTEE = new UnitRef("jixi-committee", "市关工委", UnitKind.CITY_COMMITTEE);
    private static final UnitRef EDUCATION = new UnitRef("jixi-education", "市教育局", UnitKind.CITY_DEPARTMENT);
    private static final UnitRef PROPAGANDA = new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT);
    private static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    private static final UnitRef HULIN = new UnitRef("jixi-hulin", "虎林市关工委", UnitKind.COUNTY_COMMITTEE);
    private static final UnitRef JIDONG = new UnitRef("jixi-jidong", "鸡东县关工委", UnitKind.COUNTY_COMMITTEE);

    private AggregateTestFixture<Problem> fixture;

    @BeforeEach
    void setUp() {
        fixture = withThreshold(3);
    }

    private static AggregateTestFixture<Problem> withThreshold(int threshold) {
        AggregateTestFixture<Problem> fixture = new AggregateTestFixture<>(Problem.class);
        fixture.registerInjectableResource(new GeneralProblemPolicy(threshold));
        return fixture;
    }

    @Test
    void aUnitRaisesANewProblem() {
        fixture.givenNoPriorActivity()
                .when(raise(MISHAN, "农村学校师资不足。"))
                .expectResultMessagePayload(ID)
                .expectEvents(raised(MISHAN, "农村学校师资不足。", false));
    }

    @Test
    void anotherUnitRaisingTheSameProblemJoinsIt() {
        fixture.given(raised(MISHAN, "农村学校师资不足。", false))
                .when(raise(EDUCATION, "我局也发现师资不足。"))
                .expectEvents(raised(EDUCATION, "我局也发现师资不足。", true));
    }

    @Test
    void raisingAgainChangesNothing() {
        fixture.given(raised(MISHAN, "农村学校师资不足。", false))
                .when(raise(MISHAN, "再次反映"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ID)
                .expectNoEvents();
    }

    @Test
    void theThirdCountyCommitteeMakesItGeneral() {
        fixture.given(raised(MISHAN, "农村学校师资不足。", false), raised(HULIN, "同样问题", true))
                .when(raise(JIDONG, "同样问题"))
                .expectEvents(raised(JIDONG, "同样问题", true),
                        new ProblemFlaggedGeneralEvent(ID, TASK, "plan1", 7, "深化青少年法治教育", "农村学校师资不足。",
                                List.of(MISHAN.code(), HULIN.code(), JIDONG.code())));
    }

    @Test
    void unitsOtherThanCountyCommitteesDoNotCountTowardGeneral() {
        fixture.given(raised(MISHAN, "农村学校师资不足。", false), raised(HULIN, "同样问题", true),
                        raised(EDUCATION, "同样问题", true))
                .when(raise(PROPAGANDA, "同样问题"))
                .expectEvents(raised(PROPAGANDA, "同样问题", true));
    }

    @Test
    void theThresholdIsConfigurable() {
        withThreshold(2).given(raised(MISHAN, "农村学校师资不足。", false))
                .when(raise(HULIN, "同样问题"))
                .expectEvents(raised(HULIN, "同样问题", true),
                        new ProblemFlaggedGeneralEvent(ID, TASK, "plan1", 7, "深化青少年法治教育", "农村学校师资不足。",
                                List.of(MISHAN.code(), HULIN.code())));
        withThreshold(1).givenNoPriorActivity()
                .when(raise(MISHAN, "农村学校师资不足。"))
                .expectEvents(raised(MISHAN, "农村学校师资不足。", false),
                        new ProblemFlaggedGeneralEvent(ID, TASK, "plan1", 7, "深化青少年法治教育", "农村学校师资不足。",
                                List.of(MISHAN.code())));
    }

    @Test
    void aGeneralProblemIsFlaggedOnlyOnce() {
        fixture.given(threeCounties())
                .when(raise(new UnitRef("jixi-mashan", "麻山区关工委", UnitKind.COUNTY_COMMITTEE), "同样问题"))
                .expectEvents(raised(new UnitRef("jixi-mashan", "麻山区关工委", UnitKind.COUNTY_COMMITTEE), "同样问题", true));
    }

    @Test
    void aProblemNeedsACategoryAndAText() {
        fixture.givenNoPriorActivity()
                .when(new RaiseProblemCommand(ID, TASK, "plan1", 7, "深化青少年法治教育", " 。", MISHAN, "x"))
                .expectException(DomainException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(raise(MISHAN, " "))
                .expectExceptionMessage("A problem says what the problem is.")
                .expectNoEvents();
    }

    @Test
    void theCityCommitteeAnswersAnyProblemAndEveryRaiserHearsIt() {
        fixture.given(threeCounties())
                .when(answer(ProblemAuthority.CITY_COMMITTEE, COMMITTEE, "已协调市教育局统筹解决。", false))
                .expectEvents(new ProblemAnsweredEvent(ID, TASK, "plan1", 7, "深化青少年法治教育", List.of(MISHAN, HULIN, JIDONG),
                        COMMITTEE, "已协调市教育局统筹解决。", false));
    }

    @Test
    void theCityCommitteeEscalatesAGeneralProblem() {
        fixture.given(threeCounties())
                .when(answer(ProblemAuthority.CITY_COMMITTEE, COMMITTEE, "已向省关工委反映。", true))
                .expectEvents(new ProblemAnsweredEvent(ID, TASK, "plan1", 7, "深化青少年法治教育", List.of(MISHAN, HULIN, JIDONG),
                        COMMITTEE, "已向省关工委反映。", true));
    }

    @Test
    void theLeadUnitAnswersAProblemThatIsNotGeneral() {
        fixture.given(raised(MISHAN, "农村学校师资不足。", false))
                .when(answer(ProblemAuthority.LEAD_UNIT, PROPAGANDA, "已安排培训。", false))
                .expectEvents(new ProblemAnsweredEvent(ID, TASK, "plan1", 7, "深化青少年法治教育", List.of(MISHAN),
                        PROPAGANDA, "已安排培训。", false));
    }

    @Test
    void theLeadUnitNeitherAnswersAGeneralProblemNorEscalates() {
        fixture.given(threeCounties())
                .when(answer(ProblemAuthority.LEAD_UNIT, PROPAGANDA, "已安排培训。", false))
                .expectExceptionMessage("A general problem (普遍性问题) is answered by the city committee.")
                .expectNoEvents();
        fixture.given(raised(MISHAN, "农村学校师资不足。", false))
                .when(answer(ProblemAuthority.LEAD_UNIT, PROPAGANDA, "上报", true))
                .expectExceptionMessage("Only the city committee escalates a problem.")
                .expectNoEvents();
    }

    @Test
    void nobodyElseAnswers() {
        fixture.given(raised(MISHAN, "农村学校师资不足。", false))
                .when(answer(ProblemAuthority.OTHER, HULIN, "我们来答复", false))
                .expectException(DomainException.class)
                .expectNoEvents();
    }

    @Test
    void anAnswerSaysSomething() {
        fixture.given(raised(MISHAN, "农村学校师资不足。", false))
                .when(answer(ProblemAuthority.CITY_COMMITTEE, COMMITTEE, " ", false))
                .expectExceptionMessage("An answer says something.")
                .expectNoEvents();
    }

    @Test
    void aProblemIsOnlyFoundUnderItsOwnTask() {
        fixture.given(raised(MISHAN, "农村学校师资不足。", false))
                .when(new AnswerProblemCommand(ID, "plan1-08", COMMITTEE, ProblemAuthority.CITY_COMMITTEE, "答复", false))
                .expectException(DomainException.class)
                .expectNoEvents();
    }

    @Test
    void aUnitJoiningAnAnsweredProblemOpensItAgain() {
        fixture.given(raised(MISHAN, "农村学校师资不足。", false), answered())
                .when(raise(HULIN, "同样问题"))
                .expectEvents(raised(HULIN, "同样问题", true))
                .expectState(problem -> assertThat(closeOutcome(problem)).isEqualTo("An open problem is answered before it is closed."));
    }

    @Test
    void theCityCommitteeClosesAnAnsweredProblem() {
        fixture.given(raised(MISHAN, "农村学校师资不足。", false), answered())
                .when(new CloseProblemCommand(ID, TASK, ProblemAuthority.CITY_COMMITTEE, "已解决"))
                .expectEvents(new ProblemClosedEvent(ID, TASK, "plan1", "已解决"));
    }

    @Test
    void anOpenProblemIsNotClosed() {
        fixture.given(raised(MISHAN, "农村学校师资不足。", false))
                .when(new CloseProblemCommand(ID, TASK, ProblemAuthority.CITY_COMMITTEE, "已解决"))
                .expectExceptionMessage("An open problem is answered before it is closed.")
                .expectNoEvents();
    }

    @Test
    void onlyTheCityCommitteeCloses() {
        fixture.given(raised(MISHAN, "农村学校师资不足。", false), answered())
                .when(new CloseProblemCommand(ID, TASK, ProblemAuthority.LEAD_UNIT, "已解决"))
                .expectExceptionMessage("Only the city committee closes a problem.")
                .expectNoEvents();
    }

    @Test
    void aClosedProblemTakesNoRaiseAndNoAnswerAndClosingAgainChangesNothing() {
        Object closed = new ProblemClosedEvent(ID, TASK, "plan1", "已解决");
        fixture.given(raised(MISHAN, "农村学校师资不足。", false), answered(), closed)
                .when(raise(HULIN, "同样问题"))
                .expectException(DomainException.class)
                .expectNoEvents();
        fixture.given(raised(MISHAN, "农村学校师资不足。", false), answered(), closed)
                .when(answer(ProblemAuthority.CITY_COMMITTEE, COMMITTEE, "补充答复", false))
                .expectExceptionMessage("The problem is closed and takes no more answers.")
                .expectNoEvents();
        fixture.given(raised(MISHAN, "农村学校师资不足。", false), answered(), closed)
                .when(new CloseProblemCommand(ID, TASK, ProblemAuthority.CITY_COMMITTEE, "再次关闭"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /**
     * A retry of a raise or of an answer whose first answer was lost (the service killed after storing):
     * answered as the first time, nothing recorded again, not even once the problem was closed since.
     */
    @Test
    void theSameRaiseOrAnswerAgainIsAnsweredAsTheFirstTime() {
        Object closed = new ProblemClosedEvent(ID, TASK, "plan1", "已解决");
        fixture.given(raised(MISHAN, "农村学校师资不足。", false), answered(), closed)
                .when(raise(MISHAN, "农村学校师资不足。"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ID)
                .expectNoEvents();
        fixture.given(raised(MISHAN, "农村学校师资不足。", false), answered(), closed)
                .when(raise(MISHAN, "又出现了"))
                .expectException(DomainException.class)
                .expectNoEvents();
        fixture.given(raised(MISHAN, "农村学校师资不足。", false), answered())
                .when(answer(ProblemAuthority.CITY_COMMITTEE, COMMITTEE, "已答复", false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(raised(MISHAN, "农村学校师资不足。", false), answered(), closed)
                .when(answer(ProblemAuthority.CITY_COMMITTEE, COMMITTEE, "已答复", false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /** Another answer is a new answer; a unit that joined since has not had the first one, so it is given again. */
    @Test
    void anotherAnswerOrAnAnswerAfterAJoinIsRecorded() {
        fixture.given(raised(MISHAN, "农村学校师资不足。", false), answered())
                .when(answer(ProblemAuthority.CITY_COMMITTEE, COMMITTEE, "补充答复", false))
                .expectEvents(new ProblemAnsweredEvent(ID, TASK, "plan1", 7, "深化青少年法治教育", List.of(MISHAN),
                        COMMITTEE, "补充答复", false));
        fixture.given(raised(MISHAN, "农村学校师资不足。", false), answered(), raised(HULIN, "同样问题", true))
                .when(answer(ProblemAuthority.CITY_COMMITTEE, COMMITTEE, "已答复", false))
                .expectEvents(new ProblemAnsweredEvent(ID, TASK, "plan1", 7, "深化青少年法治教育", List.of(MISHAN, HULIN),
                        COMMITTEE, "已答复", false));
        fixture.given(raised(MISHAN, "农村学校师资不足。", false), answered())
                .when(answer(ProblemAuthority.OTHER, HULIN, "已答复", false))
                .expectException(DomainException.class)
                .expectNoEvents();
    }

    @Test
    void theSameProblemIsTheSameTaskAndTheSameCategoryNormalised() {
        assertThat(ProblemKey.problemId(TASK, " 农村学校 师资不足。")).isEqualTo(ID);
        assertThat(ProblemKey.problemId(TASK, "农村学校\u0000师资不足")).isEqualTo(ID);
        assertThat(ProblemKey.problemId(TASK, "ＡＢＣ经费不足")).isEqualTo(ProblemKey.problemId(TASK, "abc经费不足!"));
        assertThat(ProblemKey.problemId(TASK, "经费不足")).isNotEqualTo(ID);
        assertThat(ProblemKey.problemId("plan1-08", CATEGORY)).isNotEqualTo(ID);
    }

    private static String closeOutcome(Problem problem) {
        try {
            problem.handle(new CloseProblemCommand(ID, TASK, ProblemAuthority.CITY_COMMITTEE, "x"));
            return "closed";
        } catch (DomainException e) {
            return e.getMessage();
        }
    }

    private static Object[] threeCounties() {
        return new Object[]{raised(MISHAN, "农村学校师资不足。", false), raised(HULIN, "同样问题", true),
                raised(JIDONG, "同样问题", true),
                new ProblemFlaggedGeneralEvent(ID, TASK, "plan1", 7, "深化青少年法治教育", "农村学校师资不足。",
                        List.of(MISHAN.code(), HULIN.code(), JIDONG.code()))};
    }

    private static ProblemAnsweredEvent answered() {
        return new ProblemAnsweredEvent(ID, TASK, "plan1", 7, "深化青少年法治教育", List.of(MISHAN), COMMITTEE, "已答复", false);
    }

    private static RaiseProblemCommand raise(UnitRef unit, String text) {
        return new RaiseProblemCommand(ID, TASK, "plan1", 7, "深化青少年法治教育", CATEGORY, unit, text);
    }

    private static AnswerProblemCommand answer(ProblemAuthority authority, UnitRef unit, String text, boolean escalate) {
        return new AnswerProblemCommand(ID, TASK, unit, authority, text, escalate);
    }

    private static ProblemRaisedEvent raised(UnitRef unit, String text, boolean joined) {
        return new ProblemRaisedEvent(ID, TASK, "plan1", 7, "深化青少年法治教育", unit, text, joined, CATEGORY);
    }
}
