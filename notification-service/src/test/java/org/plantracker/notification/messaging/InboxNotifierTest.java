package org.plantracker.notification.messaging;

import org.junit.jupiter.api.Test;
import org.plantracker.notification.query.NotificationDraft;
import org.plantracker.notification.query.NotificationType;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** Who hears about an event, and the words they read. */
class InboxNotifierTest {

    static final UnitRef PROPAGANDA = new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT);
    static final UnitRef EDUCATION = new UnitRef("jixi-education", "市教育局", UnitKind.CITY_DEPARTMENT);
    static final UnitRef JUSTICE = new UnitRef("jixi-justice", "市司法局", UnitKind.CITY_DEPARTMENT);
    static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    static final UnitRef HULIN = new UnitRef("jixi-hulin", "虎林市关工委", UnitKind.COUNTY_COMMITTEE);

    static TaskAssignedEvent assignment(UnitRef lead, List<UnitRef> responsible, UnitRef previousLead,
                                        List<UnitRef> previousResponsible) {
        return new TaskAssignedEvent("p1-07", "p1", 7, 4, "加强青少年法治教育和权益保护", "深化青少年法治教育",
                lead, responsible, List.of(), previousLead, previousResponsible);
    }

    static ProgressReportSubmittedEvent report(UnitRef unit, UnitRef lead, String narrative) {
        return new ProgressReportSubmittedEvent("r1", "p1-07:" + unit.code(), "p1-07", "p1", 7, "深化青少年法治教育",
                unit, lead, "2022-Q2", ReportStatus.ON_TRACK, narrative, List.of(), List.of("经费不足"), null);
    }

    @Test
    void firstAssignmentNotifiesTheLeadAndEachResponsibleUnitOnce() {
        List<NotificationDraft> drafts = InboxNotifier.forAssignment(
                assignment(PROPAGANDA, List.of(PROPAGANDA, EDUCATION, MISHAN, MISHAN), null, null));

        assertThat(drafts).extracting(NotificationDraft::unitCode)
                .containsExactly("jixi-propaganda", "jixi-education", "jixi-mishan");
        assertThat(drafts).allSatisfy(d -> {
            assertThat(d.type()).isEqualTo(NotificationType.TASK_ASSIGNED);
            assertThat(d.title()).isEqualTo("任务7已交办：深化青少年法治教育");
            assertThat(d.taskId()).isEqualTo("p1-07");
            assertThat(d.planId()).isEqualTo("p1");
            assertThat(d.body()).endsWith("所属方案：p1，（四）加强青少年法治教育和权益保护。");
        });
        assertThat(drafts.get(0).body()).startsWith("市委宣传部为任务7「深化青少年法治教育」的牵头单位（同时为责任单位）。")
                .contains("负总责");
        assertThat(drafts.get(2).body()).startsWith("密山市关工委为任务7「深化青少年法治教育」的责任单位。")
                .contains("请积极配合牵头单位市委宣传部");
        assertThat(drafts.get(2).unitName()).isEqualTo("密山市关工委");
    }

    @Test
    void reassignmentNotifiesOnlyNewAndChangedUnitsAndTellsRemovedOnes() {
        List<NotificationDraft> drafts = InboxNotifier.forAssignment(assignment(
                EDUCATION, List.of(PROPAGANDA, JUSTICE, MISHAN),
                PROPAGANDA, List.of(EDUCATION, JUSTICE, HULIN)));

        assertThat(drafts).extracting(NotificationDraft::unitCode, NotificationDraft::type).containsExactly(
                tuple("jixi-education", NotificationType.TASK_ASSIGNED),
                tuple("jixi-propaganda", NotificationType.TASK_ASSIGNED),
                tuple("jixi-mishan", NotificationType.TASK_ASSIGNED),
                tuple("jixi-hulin", NotificationType.TASK_UNASSIGNED));
        assertThat(drafts.get(0).body()).startsWith("分工调整：市教育局在任务7中由责任单位调整为牵头单位。");
        assertThat(drafts.get(1).body()).startsWith("分工调整：市委宣传部在任务7中由牵头单位调整为责任单位。")
                .contains("请积极配合牵头单位市教育局");
        assertThat(drafts.get(2).body()).doesNotContain("分工调整");
        assertThat(drafts.get(3).title()).isEqualTo("任务7已撤销交办：深化青少年法治教育");
        assertThat(drafts.get(3).body())
                .startsWith("经重新分工，虎林市关工委不再是任务7「深化青少年法治教育」的责任单位，现由市教育局牵头。");
    }

    @Test
    void anUnchangedReassignmentNotifiesNobody() {
        assertThat(InboxNotifier.forAssignment(assignment(PROPAGANDA, List.of(EDUCATION),
                PROPAGANDA, List.of(EDUCATION)))).isEmpty();
    }

    @Test
    void anAssignmentWithoutATaskIsRefused() {
        TaskAssignedEvent broken = new TaskAssignedEvent(null, "p1", 7, 4, "s", "t", PROPAGANDA, List.of(),
                List.of(), null, null);
        assertThatThrownBy(() -> InboxNotifier.forAssignment(broken)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProgressReportNotifiesTheLeadUnit() {
        List<NotificationDraft> drafts = InboxNotifier.forProgressReport(report(MISHAN, PROPAGANDA, "已开展法治讲座12场。"));

        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.unitCode()).isEqualTo("jixi-propaganda");
            assertThat(d.type()).isEqualTo(NotificationType.PROGRESS_REPORTED);
            assertThat(d.title()).isEqualTo("密山市关工委报送了任务7的进展（2022-Q2，按计划推进）");
            assertThat(d.body()).isEqualTo("密山市关工委报送了任务7「深化青少年法治教育」2022-Q2的进展，状态：按计划推进。"
                    + "进展摘要：已开展法治讲座12场。反映问题1个。请作为牵头单位审核（通过或退回）。所属方案：p1。");
        });
    }

    @Test
    void everyReportStatusIsWrittenInChineseNeverAsItsCode() {
        java.util.Map<ReportStatus, String> words = java.util.Map.of(ReportStatus.NOT_STARTED, "未开始",
                ReportStatus.ON_TRACK, "按计划推进", ReportStatus.AT_RISK, "存在风险", ReportStatus.DONE, "已完成");
        for (ReportStatus status : ReportStatus.values()) {
            ProgressReportSubmittedEvent base = report(MISHAN, PROPAGANDA, "进展。");
            ProgressReportSubmittedEvent report = new ProgressReportSubmittedEvent(base.reportId(), base.shareId(),
                    base.taskId(), base.planId(), base.taskNumber(), base.taskTitle(), base.unit(), base.leadUnit(),
                    base.period(), status, base.narrative(), base.figures(), base.problems(), base.goodPractice(),
                    base.version());
            NotificationDraft draft = InboxNotifier.forProgressReport(report).get(0);
            assertThat(words).containsKey(status);
            assertThat(draft.title()).endsWith("（2022-Q2，" + words.get(status) + "）").doesNotContain(status.name());
            assertThat(draft.body()).contains("状态：" + words.get(status) + "。").doesNotContain(status.name());
        }
    }

    @Test
    void aLeadUnitReportingOnItsOwnShareIsNotNotified() {
        assertThat(InboxNotifier.forProgressReport(report(PROPAGANDA, PROPAGANDA, "自报"))).isEmpty();
    }

    @Test
    void longNarrativesAreCutBetweenCharacters() {
        String narrative = "𠀀".repeat(NotificationTexts.NARRATIVE_EXCERPT + 5);
        String body = InboxNotifier.forProgressReport(report(MISHAN, PROPAGANDA, narrative)).get(0).body();
        assertThat(body).contains("𠀀".repeat(NotificationTexts.NARRATIVE_EXCERPT) + "…。")
                .doesNotContain("𠀀".repeat(NotificationTexts.NARRATIVE_EXCERPT + 1));
    }

    @Test
    void sectionsAreNumberedAsThePlanNumbersThem() {
        assertThat(NotificationTexts.chineseNumeral(1)).isEqualTo("一");
        assertThat(NotificationTexts.chineseNumeral(10)).isEqualTo("十");
        assertThat(NotificationTexts.chineseNumeral(14)).isEqualTo("十四");
        assertThat(NotificationTexts.chineseNumeral(20)).isEqualTo("二十");
        assertThat(NotificationTexts.chineseNumeral(21)).isEqualTo("二十一");
        TaskAssignedEvent numbered = new TaskAssignedEvent("p1-30", "p1", 30, 14, "（十四）加强组织领导", "t",
                PROPAGANDA, List.of(), List.of(), null, null);
        assertThat(NotificationTexts.planReference(numbered)).isEqualTo("所属方案：p1，（十四）加强组织领导。");
    }
}
