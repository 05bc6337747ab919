package org.plantracker.notification.messaging;

import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.UnitRef;

/** The Chinese titles and bodies of the notifications, in the plan's own words where it has them. */
final class NotificationTexts {

    /** Longest excerpt of a report's narrative quoted in a notification; the report itself has the rest. */
    static final int NARRATIVE_EXCERPT = 120;

    private static final String DIGITS = "零一二三四五六七八九";

    private NotificationTexts() {
    }

    static String assignedTitle(TaskAssignedEvent task) {
        return "任务" + task.number() + "已交办：" + task.title();
    }

    /**
     * Tells a unit its role on a task and what the plan asks of that role.
     *
     * @param previousRole the unit's role before this reassignment, or null when it is new to the task
     */
    static String assignedBody(TaskAssignedEvent task, UnitRef unit, UnitRole role, UnitRole previousRole) {
        return assignedBody(task, unit, role, previousRole, task.planId());
    }

    static String assignedBody(TaskAssignedEvent task, UnitRef unit, UnitRole role, UnitRole previousRole,
                               String planName) {
        StringBuilder body = new StringBuilder();
        if (previousRole != null) {
            body.append("分工调整：").append(nameOf(unit)).append("在任务").append(task.number())
                    .append("中由").append(previousRole.label()).append("调整为").append(role.label()).append("。");
        }
        body.append(nameOf(unit)).append("为任务").append(task.number()).append("「").append(task.title())
                .append("」的").append(role.label()).append("。");
        if (role.leads()) {
            body.append("牵头单位对该任务负总责，请细化内容、确定目标、明确要求，并审核各责任单位报送的进展。");
        } else {
            body.append("请积极配合牵头单位").append(nameOf(task.leadUnit()))
                    .append("、加强协作，按期报送本单位承担部分的进展。");
        }
        body.append(clause("调整理由", task.reason()));
        body.append(planReference(task, planName));
        return body.toString();
    }

    static String unassignedTitle(TaskAssignedEvent task) {
        return "任务" + task.number() + "已撤销交办：" + task.title();
    }

    static String unassignedBody(TaskAssignedEvent task, UnitRef unit, UnitRole previousRole) {
        return unassignedBody(task, unit, previousRole, task.planId());
    }

    static String unassignedBody(TaskAssignedEvent task, UnitRef unit, UnitRole previousRole, String planName) {
        return "经重新分工，" + nameOf(unit) + "不再是任务" + task.number() + "「" + task.title() + "」的"
                + previousRole.label() + "，现由" + nameOf(task.leadUnit()) + "牵头。"
                + "此前报送的进展仍保留在记录中。" + clause("调整理由", task.reason()) + planReference(task, planName);
    }

    static String progressTitle(ProgressReportSubmittedEvent report) {
        return nameOf(report.unit()) + "报送了任务" + report.taskNumber() + "的进展（" + report.period() + "，"
                + statusLabel(report.status()) + "）";
    }

    static String progressBody(ProgressReportSubmittedEvent report) {
        return progressBody(report, report.planId());
    }

    static String progressBody(ProgressReportSubmittedEvent report, String planName) {
        StringBuilder body = new StringBuilder()
                .append(nameOf(report.unit())).append("报送了任务").append(report.taskNumber()).append("「")
                .append(report.taskTitle()).append("」").append(report.period()).append("的进展，状态：")
                .append(statusLabel(report.status())).append("。");
        if (report.narrative() != null && !report.narrative().isBlank()) {
            body.append("进展摘要：").append(sentence(excerpt(report.narrative().strip(), NARRATIVE_EXCERPT)));
        }
        if (report.problems() != null && !report.problems().isEmpty()) {
            body.append("反映问题").append(report.problems().size()).append("个。");
        }
        if (report.goodPractice() != null && !report.goodPractice().isBlank()) {
            body.append("附经验做法一项。");
        }
        body.append("请作为牵头单位审核（通过或退回）。所属方案：").append(planName).append("。");
        return body.toString();
    }

    /** 任务7「深化青少年法治教育」 */
    static String task(int number, String title) {
        return title == null || title.isBlank() ? "任务" + number : "任务" + number + "「" + title + "」";
    }

    /** Ends a body with the plan it belongs to, named by its title when known. */
    static String inPlan(String planName) {
        return planName == null || planName.isBlank() ? "" : "所属方案：" + planName + "。";
    }

    static String clause(String label, String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        return label + "：" + sentence(excerpt(text.strip(), NARRATIVE_EXCERPT));
    }

    /** A report's status in the words the web client and the ledger export use (never the English code). */
    static String statusLabel(ReportStatus status) {
        if (status == null) {
            return "未说明";
        }
        return switch (status) {
            case NOT_STARTED -> "未开始";
            case ON_TRACK -> "按计划推进";
            case AT_RISK -> "存在风险";
            case DONE -> "已完成";
        };
    }

    /** The plan and the section of the plan (e.g. （四）加强青少年法治教育和权益保护) a task belongs to. */
    static String planReference(TaskAssignedEvent task) {
        return planReference(task, task.planId());
    }

    /** @param planName the plan's title when known, otherwise its id */
    static String planReference(TaskAssignedEvent task, String planName) {
        StringBuilder reference = new StringBuilder("所属方案：").append(planName);
        String section = task.sectionTitle();
        if (section != null && !section.isBlank()) {
            reference.append("，");
            // the importer may keep the numeral in the title; then it is not written twice
            if (!section.startsWith("（") && !section.startsWith("(") && task.sectionOrdinal() > 0) {
                reference.append("（").append(chineseNumeral(task.sectionOrdinal())).append("）");
            }
            reference.append(section.strip());
        }
        return reference.append("。").toString();
    }

    /** 1 → 一, 10 → 十, 14 → 十四, 21 → 二十一: how the plan numbers its sections. */
    static String chineseNumeral(int n) {
        if (n <= 0 || n >= 100) {
            return Integer.toString(n);
        }
        int tens = n / 10;
        int ones = n % 10;
        StringBuilder numeral = new StringBuilder();
        if (tens > 1) {
            numeral.append(DIGITS.charAt(tens));
        }
        if (tens > 0) {
            numeral.append('十');
        }
        if (ones > 0) {
            numeral.append(DIGITS.charAt(ones));
        }
        return numeral.toString();
    }

    static String nameOf(UnitRef unit) {
        if (unit == null) {
            return "（未指定单位）";
        }
        return unit.name() != null && !unit.name().isBlank() ? unit.name() : unit.code();
    }

    /** Ends the text with a full stop unless it already ends a sentence. */
    static String sentence(String text) {
        return text.endsWith("。") || text.endsWith("！") || text.endsWith("？") ? text : text + "。";
    }

    /** The first {@code max} characters (code points: Chinese text is never cut inside a character). */
    static String excerpt(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max)) + "…";
    }
}
