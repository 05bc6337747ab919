package org.plantracker.progress.export;

import org.plantracker.progress.api.ReportStatus;
import org.plantracker.progress.practice.GoodPracticeView;
import org.plantracker.progress.problem.ProblemState;
import org.plantracker.progress.problem.ProblemView;
import org.plantracker.progress.query.CountyView;
import org.plantracker.progress.query.Light;
import org.plantracker.progress.query.MunicipalView;
import org.plantracker.progress.query.ViewRow;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lays the municipal and county views out as ledgers: what each sheet is called, which columns it
 * has, how a light or a status reads in Chinese. Times are local to the plan's province (UTC+8).
 */
public final class LedgerLayout {

    static final List<String> TASK_HEADERS = List.of("任务序号", "任务", "牵头单位", "单位", "分工", "状态灯", "最近填报期",
            "进展状态", "审核状态", "进展情况", "填报时间", "任务类型", "下次填报期", "截止日期", "逾期次数", "收到催办",
            "反映问题数");
    static final List<String> COUNT_HEADERS = List.of("绿灯", "黄灯", "红灯", "合计");
    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String[] DIGITS = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

    private LedgerLayout() {
    }

    public static Ledger municipal(MunicipalView view, List<ProblemView> problems, List<GoodPracticeView> practices) {
        List<Ledger.Sheet> sheets = new ArrayList<>();
        sheets.add(counts("按部分统计", "部分", view.counts().bySection().stream()
                .map(c -> new Tally(sectionLabel(c.ordinal(), c.title()), c.green(), c.yellow(), c.red())).toList()));
        sheets.add(counts("按牵头单位统计", "牵头单位", view.counts().byLeadUnit().stream()
                .map(c -> new Tally(c.name(), c.green(), c.yellow(), c.red())).toList()));
        sheets.add(counts("按县区统计", "县级关工委", view.counts().byCounty().stream()
                .map(c -> new Tally(c.name(), c.green(), c.yellow(), c.red())).toList()));
        sheets.add(new Ledger.Sheet("按时报送率", null, List.of("单位", "按时报送期数", "逾期期数", "按时报送率"),
                view.onTimeRates() == null ? List.of() : view.onTimeRates().stream().map(r -> Arrays.<Object>asList(
                        r.name(), r.onTime(), r.late(), r.rate() == null ? null : percent(r.rate()))).toList()));
        sheets.addAll(sections(view.rows()));
        sheets.add(new Ledger.Sheet("逾期清单", null, List.of("任务序号", "任务", "单位", "牵头单位", "填报期", "截止日期"),
                view.overdue() == null ? List.of() : view.overdue().stream().map(o -> Arrays.<Object>asList(o.taskNumber(),
                        o.taskTitle(), o.unit().name(), o.leadUnit().name(), o.period(), date(o.dueDate()))).toList()));
        sheets.add(new Ledger.Sheet("问题", null, List.of("任务序号", "任务", "问题类别", "问题", "状态", "普遍性问题",
                "反映县数", "反映单位", "答复", "已向上反映"), problems.stream().map(p -> List.<Object>of(p.taskNumber(),
                p.taskTitle(), p.category(), p.text(), stateLabel(p.state()), p.general() ? "是" : "否", p.countyCount(),
                p.raisedBy().stream().map(r -> r.unit().name()).collect(Collectors.joining("、")),
                p.answer() == null ? "" : p.answer().text(), p.escalated() ? "是" : "否")).toList()));
        sheets.add(new Ledger.Sheet("典型经验", null, List.of("任务序号", "任务", "单位", "标题", "内容", "推广时间"),
                practices.stream().map(p -> List.<Object>of(p.taskNumber(), p.taskTitle(), p.unit().name(), p.title(),
                        p.text(), time(p.publishedAt()))).toList()));
        return new Ledger("市级台账-" + view.planId(), sheets);
    }

    public static Ledger county(CountyView view) {
        List<Ledger.Sheet> sheets = new ArrayList<>();
        Map<String, Tally> bySection = new LinkedHashMap<>();
        for (ViewRow row : view.rows()) {
            String label = sectionLabel(row.section().ordinal(), row.section().title());
            bySection.merge(label, Tally.of(label, row.light()), Tally::plus);
        }
        sheets.add(counts("按部分统计", "部分", List.copyOf(bySection.values())));
        sheets.addAll(sections(view.rows()));
        sheets.add(new Ledger.Sheet("待报送", null, List.of("任务序号", "任务", "填报期", "截止日期", "是否逾期"),
                view.outstanding() == null ? List.of() : view.outstanding().stream().map(o -> Arrays.<Object>asList(
                        o.taskNumber(), o.taskTitle(), o.period(), date(o.dueDate()), o.overdue() ? "是" : "否")).toList()));
        sheets.add(new Ledger.Sheet("被退回", null, List.of("任务序号", "任务", "填报期", "版本", "退回理由"),
                view.returned() == null ? List.of() : view.returned().stream().map(r -> Arrays.<Object>asList(
                        r.taskNumber(), r.taskTitle(), r.period(), r.version(), r.reason())).toList()));
        sheets.add(new Ledger.Sheet("收到催办", null, List.of("任务序号", "任务", "填报期", "催办内容", "催办方", "催办时间", "已读"),
                view.urges() == null ? List.of() : view.urges().stream().map(u -> Arrays.<Object>asList(u.taskNumber(),
                        u.taskTitle(), u.period(), u.message(), u.automatic() || u.issuedBy() == null ? "系统自动催办"
                                : u.issuedBy().name(), time(u.issuedAt()), u.readAt() == null ? "否" : "是")).toList()));
        return new Ledger("县级台账-" + view.unit().name() + "-" + view.planId(), sheets);
    }

    /** One task's ledger (台账): its rows, one per assigned unit, under the same headers as the plan's ledgers. */
    public static Ledger task(String taskId, List<ViewRow> rows) {
        List<Ledger.Sheet> sheets = sections(rows);
        return new Ledger("任务台账-" + taskId, sheets.isEmpty()
                ? List.of(new Ledger.Sheet("台账", null, TASK_HEADERS, List.of())) : sheets);
    }

    /** One sheet per plan section, in the views' order (task by task, the lead unit first). */
    private static List<Ledger.Sheet> sections(List<ViewRow> rows) {
        Map<Integer, List<ViewRow>> bySection = new java.util.TreeMap<>();
        Map<Integer, String> labels = new LinkedHashMap<>();
        for (ViewRow row : rows) {
            bySection.computeIfAbsent(row.section().ordinal(), k -> new ArrayList<>()).add(row);
            labels.putIfAbsent(row.section().ordinal(), sectionLabel(row.section().ordinal(), row.section().title()));
        }
        List<Ledger.Sheet> sheets = new ArrayList<>();
        bySection.forEach((ordinal, sectionRows) -> sheets.add(new Ledger.Sheet(labels.get(ordinal), labels.get(ordinal),
                TASK_HEADERS, sectionRows.stream().map(LedgerLayout::taskRow).toList())));
        return sheets;
    }

    private static List<Object> taskRow(ViewRow row) {
        ViewRow.LastReport last = row.lastReport();
        List<Object> cells = new ArrayList<>();
        cells.add(row.taskNumber());
        cells.add(row.taskTitle());
        cells.add(row.leadUnit().name());
        cells.add(row.unit().name());
        cells.add(row.lead() ? "牵头单位" : "责任单位");
        cells.add(lightLabel(row.light()));
        cells.add(last == null ? null : last.period());
        cells.add(last == null ? "未填报" : statusLabel(last.status()));
        cells.add(last == null ? null : reviewLabel(last.reviewState()));
        cells.add(last == null ? null : last.narrative());
        cells.add(last == null ? null : time(last.submittedAt()));
        cells.add(kindLabel(row.schedule()));
        cells.add(row.nextReport() == null ? null : row.nextReport().period());
        cells.add(row.nextReport() == null ? null : date(row.nextReport().dueDate()));
        cells.add(row.lateness() == null ? 0 : row.lateness().count());
        cells.add(row.urges() == null ? 0 : row.urges().received());
        cells.add(row.openProblems());
        return cells;
    }

    private static Ledger.Sheet counts(String name, String what, List<Tally> tallies) {
        List<String> headers = new ArrayList<>();
        headers.add(what);
        headers.addAll(COUNT_HEADERS);
        return new Ledger.Sheet(name, null, headers, tallies.stream()
                .map(t -> List.<Object>of(t.name(), t.green(), t.yellow(), t.red(), t.green() + t.yellow() + t.red()))
                .toList());
    }

    /** e.g. "（四）加强青少年法治教育和权益保护", as the plan numbers its sections. */
    static String sectionLabel(int ordinal, String title) {
        return "（" + numeral(ordinal) + "）" + title;
    }

    static String numeral(int n) {
        if (n <= 0 || n >= 100) {
            return Integer.toString(n);
        }
        if (n < 10) {
            return DIGITS[n];
        }
        return (n / 10 == 1 ? "" : DIGITS[n / 10]) + "十" + DIGITS[n % 10];
    }

    static String lightLabel(Light light) {
        return switch (light) {
            case GREEN -> "绿";
            case YELLOW -> "黄";
            case RED -> "红";
        };
    }

    static String statusLabel(ReportStatus status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case NOT_STARTED -> "未开始";
            case ON_TRACK -> "按计划推进";
            case AT_RISK -> "存在风险";
            case DONE -> "已完成";
        };
    }

    static String reviewLabel(String reviewState) {
        if (reviewState == null) {
            return null;
        }
        return switch (reviewState) {
            case "SUBMITTED" -> "待审核";
            case "ACCEPTED" -> "已通过";
            case "RETURNED" -> "已退回";
            default -> reviewState;
        };
    }

    static String kindLabel(ViewRow.Schedule schedule) {
        if (schedule == null || schedule.kind() == null) {
            return "未安排";
        }
        String cycle = schedule.reportingCycle() == null ? "" : switch (schedule.reportingCycle()) {
            case MONTHLY -> "（按月报送）";
            case QUARTERLY -> "（按季报送）";
            case HALF_YEARLY -> "（按半年报送）";
            case YEARLY -> "（按年报送）";
        };
        return switch (schedule.kind()) {
            case LONG_TERM -> "长期性任务";
            case NEAR_TERM -> "近期任务";
        } + cycle;
    }

    static String percent(double rate) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String date(java.time.LocalDate date) {
        return date == null ? null : date.toString();
    }

    static String stateLabel(ProblemState state) {
        return switch (state) {
            case OPEN -> "待答复";
            case ANSWERED -> "已答复";
            case CLOSED -> "已关闭";
        };
    }

    private static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant.atZone(LOCAL));
    }

    private record Tally(String name, int green, int yellow, int red) {
        static Tally of(String name, Light light) {
            return new Tally(name, light == Light.GREEN ? 1 : 0, light == Light.YELLOW ? 1 : 0, light == Light.RED ? 1 : 0);
        }

        Tally plus(Tally other) {
            return new Tally(name, green + other.green, yellow + other.yellow, red + other.red);
        }
    }
}
