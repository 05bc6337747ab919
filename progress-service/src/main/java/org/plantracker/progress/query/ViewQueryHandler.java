package org.plantracker.progress.query;

import org.axonframework.queryhandling.QueryHandler;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.progress.command.ReportCalendar;
import org.plantracker.progress.command.ReportSchedule;
import org.plantracker.progress.practice.GoodPracticeQueries;
import org.plantracker.progress.problem.ProblemQueries;
import org.plantracker.progress.problem.ProblemState;
import org.plantracker.progress.problem.ProblemView;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.Target;
import org.plantracker.task.api.TaskKind;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/** Answers the view queries from {@code task_share_view}; lights are worked out as the view is read. */
@Component
public class ViewQueryHandler {

    private static final String SELECT_ROWS = """
            SELECT task_id, task_number, section_ordinal, section_title, task_title, lead_unit_code, lead_unit_name,
                   unit_code, unit_name, unit_kind, lead, responsible, last_report_id, last_period, last_status,
                   last_narrative, last_submitted_at, open_problems, last_version, last_review, last_review_comment,
                   task_kind, due_date, reporting_cycle, owed_from, task_closed, overdue_period, overdue_due_date, overdue_count, overdue_open,
                   urges_received, urges_unread,
                   (SELECT string_agg(t.target_id || ' ' || t.direction || ' ' || t.target_value || ' ' || f.value, ',')
                    FROM share_figure f JOIN task_target t ON t.task_id = task_share_view.task_id AND t.target_id = f.target_id
                    WHERE f.share_id = task_share_view.share_id) AS target_figures
            FROM task_share_view
            """;

    /** Task by task; within a task the lead unit first, then the city units, then the counties. */
    private static final Comparator<ViewRow> ROW_ORDER = Comparator.comparingInt(ViewRow::taskNumber)
            .thenComparing(row -> !row.lead())
            .thenComparing(row -> row.unit().kind())
            .thenComparing(row -> row.unit().code());

    private final JdbcTemplate jdbc;
    private final ReportCalendar calendar;
    private final ReportQueries reports;
    private final ProblemQueries problems;
    private final GoodPracticeQueries practices;

    public ViewQueryHandler(JdbcTemplate jdbc, ReportCalendar calendar, ReportQueries reports, ProblemQueries problems,
                            GoodPracticeQueries practices) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.reports = reports;
        this.problems = problems;
        this.practices = practices;
    }

    @QueryHandler
    public Optional<MunicipalView> municipalView(FindMunicipalViewQuery query) {
        if (!exists("plan_id = ?", query.planId())) {
            return Optional.empty();
        }
        List<ViewRow> rows = rows("WHERE plan_id = ? AND assigned", query.planId());
        List<MunicipalView.Overdue> overdue = jdbc.query("""
                SELECT v.task_id, v.task_number, v.task_title, v.unit_code, v.unit_name, v.lead_unit_code,
                       v.lead_unit_name, o.period, o.due_date
                FROM share_overdue o JOIN task_share_view v ON v.share_id = o.share_id
                WHERE v.plan_id = ? AND v.assigned AND NOT o.accepted
                ORDER BY o.due_date, v.task_number, v.unit_code
                """, (rs, i) -> new MunicipalView.Overdue(rs.getString("task_id"), rs.getInt("task_number"),
                        rs.getString("task_title"), new ViewRow.UnitName(rs.getString("unit_code"), rs.getString("unit_name")),
                        new ViewRow.UnitName(rs.getString("lead_unit_code"), rs.getString("lead_unit_name")),
                        rs.getString("period"), rs.getDate("due_date").toLocalDate()), query.planId());
        List<MunicipalView.OnTimeRate> rates = jdbc.query("""
                SELECT unit_code, min(unit_name) AS unit_name,
                       sum(periods_accepted - periods_accepted_late) AS on_time, sum(overdue_count) AS late
                FROM task_share_view WHERE plan_id = ? GROUP BY unit_code ORDER BY unit_code
                """, (rs, i) -> {
            int onTime = rs.getInt("on_time");
            int late = rs.getInt("late");
            return new MunicipalView.OnTimeRate(rs.getString("unit_code"), rs.getString("unit_name"), onTime, late,
                    onTime + late == 0 ? null : (double) onTime / (onTime + late));
        }, query.planId());
        List<ProblemView> notClosed = problems.ofPlan(query.planId(), null, null).stream()
                .filter(p -> p.state() != ProblemState.CLOSED).toList();
        return Optional.of(new MunicipalView(query.planId(), rows, count(rows), overdue, rates, notClosed,
                practices.published(query.planId())));
    }

    @QueryHandler
    public Optional<LeadUnitView> leadUnitView(FindLeadUnitViewQuery query) {
        List<ViewRow> rows = rows("WHERE lead_unit_code = ? AND plan_id = ? AND assigned", query.unitCode(), query.planId());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<ViewRow>> byTask = new LinkedHashMap<>();
        rows.forEach(row -> byTask.computeIfAbsent(row.taskId(), k -> new ArrayList<>()).add(row));
        List<LeadUnitView.LedTask> tasks = byTask.values().stream().map(taskRows -> {
            ViewRow first = taskRows.get(0);
            int awaiting = (int) taskRows.stream().filter(r -> r.lastReport() != null
                    && "SUBMITTED".equals(r.lastReport().reviewState())).count();
            return new LeadUnitView.LedTask(first.taskId(), first.taskNumber(), first.taskTitle(), first.section(),
                    taskRows, awaiting);
        }).toList();
        return Optional.of(new LeadUnitView(rows.get(0).leadUnit(), query.planId(), tasks));
    }

    @QueryHandler
    public Optional<CountyView> countyView(FindCountyViewQuery query) {
        List<ViewRow.UnitName> county = jdbc.query(
                "SELECT unit_code, unit_name FROM task_share_view WHERE unit_code = ? AND plan_id = ? AND unit_kind = ? LIMIT 1",
                (rs, i) -> new ViewRow.UnitName(rs.getString("unit_code"), rs.getString("unit_name")),
                query.countyCode(), query.planId(), UnitKind.COUNTY_COMMITTEE.name());
        if (county.isEmpty()) {
            return Optional.empty();
        }
        List<ViewRow> rows = rows("WHERE unit_code = ? AND plan_id = ? AND assigned", query.countyCode(), query.planId());
        List<CountyView.Outstanding> outstanding = new ArrayList<>();
        List<CountyView.Returned> returned = new ArrayList<>();
        for (ViewRow row : rows) {
            if (row.lateness().open() > 0) {
                outstanding.add(new CountyView.Outstanding(row.taskId(), row.taskNumber(), row.taskTitle(),
                        row.lateness().lastPeriod(), row.lateness().lastDueDate(), true));
            } else if (row.nextReport() != null && (row.lastReport() == null
                    || row.lastReport().period().compareTo(row.nextReport().period()) < 0)) {
                outstanding.add(new CountyView.Outstanding(row.taskId(), row.taskNumber(), row.taskTitle(),
                        row.nextReport().period(), row.nextReport().dueDate(), row.light() == Light.RED));
            }
            if (row.lastReport() != null && "RETURNED".equals(row.lastReport().reviewState())) {
                returned.add(new CountyView.Returned(row.taskId(), row.taskNumber(), row.taskTitle(),
                        row.lastReport().reportId(), row.lastReport().period(), row.lastReport().version(),
                        row.lastReport().reviewComment()));
            }
        }
        outstanding.sort(Comparator.comparing(CountyView.Outstanding::overdue).reversed()
                .thenComparing(CountyView.Outstanding::dueDate, Comparator.nullsLast(Comparator.naturalOrder())));
        return Optional.of(new CountyView(county.get(0), query.planId(), rows, outstanding, returned,
                reports.urgesTo(query.countyCode(), query.planId())));
    }

    private boolean exists(String condition, Object... args) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM task_share_view WHERE " + condition + ")", Boolean.class, args));
    }

    /** Every assigned unit's share of one task, in the views' order: the task's rows of the ledger (台账). */
    public List<ViewRow> taskRows(String taskId) {
        return rows("WHERE task_id = ? AND assigned", taskId);
    }

    List<ViewRow> rows(String where, Object... args) {
        LocalDate today = calendar.today();
        List<ViewRow> rows = new ArrayList<>(jdbc.query(SELECT_ROWS + where, (rs, i) -> row(rs, today), args));
        rows.sort(ROW_ORDER);
        return rows;
    }

    private ViewRow row(ResultSet rs, LocalDate today) throws SQLException {
        String status = rs.getString("last_status");
        ReportStatus lastStatus = status == null ? null : ReportStatus.valueOf(status);
        ViewRow.LastReport lastReport = rs.getString("last_report_id") == null ? null
                : new ViewRow.LastReport(rs.getString("last_report_id"), rs.getString("last_period"), lastStatus,
                rs.getString("last_narrative"), rs.getObject("last_submitted_at", OffsetDateTime.class).toInstant(),
                Math.max(1, rs.getInt("last_version")), rs.getString("last_review"), rs.getString("last_review_comment"));
        ViewRow.Schedule schedule = null;
        ReportSchedule reportSchedule = null;
        ViewRow.NextReport nextReport = null;
        if (rs.getString("task_kind") != null) {
            Date due = rs.getDate("due_date");
            String cycle = rs.getString("reporting_cycle");
            schedule = new ViewRow.Schedule(TaskKind.valueOf(rs.getString("task_kind")),
                    due == null ? null : due.toLocalDate(), cycle == null ? null : ReportingCycle.valueOf(cycle));
            Date owedFrom = rs.getDate("owed_from");
            reportSchedule = new ReportSchedule(schedule.kind(), schedule.dueDate(), schedule.reportingCycle(),
                    calendar.graceDays(), owedFrom == null ? null : owedFrom.toLocalDate());
            if (rs.getBoolean("task_closed")) {
                reportSchedule = null; // a closed task owes no reports
            }
            ReportSchedule.Expected next = reportSchedule == null ? null : reportSchedule.firstDueOnOrAfter(today);
            nextReport = next == null ? null : new ViewRow.NextReport(next.period(), next.dueDate());
        }
        Date overdueDue = rs.getDate("overdue_due_date");
        ViewRow.Lateness lateness = new ViewRow.Lateness(rs.getString("overdue_period"),
                overdueDue == null ? null : overdueDue.toLocalDate(), rs.getInt("overdue_count"), rs.getInt("overdue_open"));
        Light light = LightRules.lightOf(new LightRules.Facts(lastStatus, rs.getString("last_period"),
                rs.getString("last_review"), lateness.open(), reportSchedule, targetFigures(rs.getString("target_figures"))),
                today, calendar.dueSoonDays());
        return new ViewRow(rs.getString("task_id"), rs.getInt("task_number"),
                new ViewRow.Section(rs.getInt("section_ordinal"), rs.getString("section_title")),
                rs.getString("task_title"),
                new ViewRow.UnitName(rs.getString("lead_unit_code"), rs.getString("lead_unit_name")),
                new UnitRef(rs.getString("unit_code"), rs.getString("unit_name"), UnitKind.valueOf(rs.getString("unit_kind"))),
                rs.getBoolean("lead"), rs.getBoolean("responsible"), light, lastReport,
                rs.getInt("open_problems"), schedule, nextReport, lateness,
                new ViewRow.Urges(rs.getInt("urges_received"), rs.getInt("urges_unread")), rs.getBoolean("task_closed"));
    }

    /** "T1 AT_LEAST 90 85.5,T2 …" (target id, direction, target value, last value), as the row query aggregates them. */
    static List<LightRules.TargetFigure> targetFigures(String aggregated) {
        if (aggregated == null || aggregated.isEmpty()) {
            return List.of();
        }
        List<LightRules.TargetFigure> figures = new ArrayList<>();
        for (String one : aggregated.split(",")) {
            String[] parts = one.split(" ");
            figures.add(new LightRules.TargetFigure(parts[0], new BigDecimal(parts[2]), Target.Direction.valueOf(parts[1]),
                    new BigDecimal(parts[3])));
        }
        return figures;
    }

    static MunicipalView.Counts count(List<ViewRow> rows) {
        Map<Integer, Tally> bySection = new TreeMap<>();
        Map<String, Tally> byLeadUnit = new TreeMap<>();
        Map<String, Tally> byCounty = new TreeMap<>();
        for (ViewRow row : rows) {
            bySection.computeIfAbsent(row.section().ordinal(), k -> new Tally(row.section().title())).add(row.light());
            byLeadUnit.computeIfAbsent(row.leadUnit().code(), k -> new Tally(row.leadUnit().name())).add(row.light());
            if (row.unit().kind() == UnitKind.COUNTY_COMMITTEE) {
                byCounty.computeIfAbsent(row.unit().code(), k -> new Tally(row.unit().name())).add(row.light());
            }
        }
        return new MunicipalView.Counts(
                list(bySection, (ordinal, t) -> new MunicipalView.SectionCount(ordinal, t.name, t.green, t.yellow, t.red)),
                list(byLeadUnit, (code, t) -> new MunicipalView.UnitCount(code, t.name, t.green, t.yellow, t.red)),
                list(byCounty, (code, t) -> new MunicipalView.UnitCount(code, t.name, t.green, t.yellow, t.red)));
    }

    private static <K, T> List<T> list(Map<K, Tally> tallies, BiFunction<K, Tally, T> toCount) {
        return tallies.entrySet().stream().map(e -> toCount.apply(e.getKey(), e.getValue())).toList();
    }

    /** Lights counted for one section or unit. */
    private static final class Tally {
        final String name;
        int green;
        int yellow;
        int red;

        Tally(String name) {
            this.name = name;
        }

        void add(Light light) {
            switch (light) {
                case GREEN -> green++;
                case YELLOW -> yellow++;
                case RED -> red++;
            }
        }
    }
}
