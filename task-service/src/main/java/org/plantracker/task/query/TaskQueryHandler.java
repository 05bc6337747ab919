package org.plantracker.task.query;

import org.axonframework.queryhandling.QueryHandler;
import org.plantracker.task.api.Target;
import org.plantracker.task.query.Queries.FindTaskQuery;
import org.plantracker.task.query.Queries.FindTasksQuery;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers task queries from the tasks read model. */
@Component
public class TaskQueryHandler {

    private static final String SELECT_TASKS = """
            SELECT t.task_id, t.plan_id, t.number, t.section_ordinal, s.numeral, t.section_title, t.title, t.text,
                   t.lead_unit_code, t.lead_unit_name, t.kind, t.due_date, t.reporting_cycle, t.extensions_granted,
                   t.overdue, t.status, t.summary_id, t.summary_period, t.version
            FROM task_view t
            LEFT JOIN plan_section_view s ON s.plan_id = t.plan_id AND s.ordinal = t.section_ordinal
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public TaskQueryHandler(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public List<TaskView> handle(FindTasksQuery query) {
        List<String> where = new ArrayList<>();
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (query.planId() != null) {
            where.add("t.plan_id = :planId");
            params.addValue("planId", query.planId());
        }
        if (query.sectionOrdinal() != null) {
            where.add("t.section_ordinal = :section");
            params.addValue("section", query.sectionOrdinal());
        }
        if (query.unit() != null) {
            where.add("EXISTS (SELECT 1 FROM task_unit_view u WHERE u.task_id = t.task_id AND u.unit_code = :unit)");
            params.addValue("unit", query.unit());
        }
        String sql = SELECT_TASKS + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY t.plan_id, t.number";
        return complete(jdbc.query(sql, params, (rs, i) -> row(rs)));
    }

    @QueryHandler
    public Optional<TaskView> handle(FindTaskQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource("taskId", query.taskId());
        List<Row> rows = jdbc.query(SELECT_TASKS + " WHERE t.task_id = :taskId", params, (rs, i) -> row(rs));
        return complete(rows).stream().findFirst();
    }

    /** Adds what each task holds in the child tables: one more query per table for all the tasks together. */
    private List<TaskView> complete(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Children children = new Children();
        rows.forEach(r -> children.add(r.taskId));
        MapSqlParameterSource ids = new MapSqlParameterSource("ids", List.copyOf(children.responsible.keySet()));
        each("""
                SELECT task_id, unit_code, unit_name FROM task_unit_view
                WHERE role = 'RESPONSIBLE' AND task_id IN (:ids) ORDER BY task_id, position
                """, ids, (rs, taskId) -> children.responsible.get(taskId).add(unit(rs)));
        each("""
                SELECT task_id, target_id, type, description, metric, unit, target_value, direction, from_date, to_date
                FROM task_target_view WHERE task_id IN (:ids) ORDER BY task_id, position
                """, ids, (rs, taskId) -> children.targets.get(taskId).add(new Target(rs.getString("target_id"),
                Target.TargetType.valueOf(rs.getString("type")), rs.getString("description"), rs.getString("metric"),
                rs.getString("unit"), rs.getBigDecimal("target_value"),
                rs.getString("direction") == null ? null : Target.Direction.valueOf(rs.getString("direction")),
                date(rs.getDate("from_date")), date(rs.getDate("to_date")))));
        each("""
                SELECT task_id, milestone_id, title, due_date FROM task_milestone_view
                WHERE task_id IN (:ids) ORDER BY task_id, position
                """, ids, (rs, taskId) -> children.milestones.get(taskId).add(new TaskView.Milestone(
                rs.getString("milestone_id"), rs.getString("title"), date(rs.getDate("due_date")))));
        each("""
                SELECT task_id, unit_code, unit_name, state, due_date, acknowledged_at FROM task_acknowledgement_view
                WHERE task_id IN (:ids) ORDER BY task_id, position
                """, ids, (rs, taskId) -> children.acknowledgements.get(taskId).add(new TaskView.Acknowledgement(
                unit(rs), rs.getString("state"), date(rs.getDate("due_date")), instant(rs.getTimestamp("acknowledged_at")))));
        each("""
                SELECT task_id, request_id, kind, unit_code, unit_name, reason, requested_due_date, requested_at
                FROM task_request_view WHERE task_id IN (:ids) ORDER BY task_id, requested_at, request_id
                """, ids, (rs, taskId) -> {
            TaskView.Request request = new TaskView.Request(rs.getString("request_id"), unit(rs), rs.getString("reason"),
                    date(rs.getDate("requested_due_date")), instant(rs.getTimestamp("requested_at")));
            (TaskProjection.EXTENSION.equals(rs.getString("kind")) ? children.extensions : children.adjustments)
                    .get(taskId).add(request);
        });
        return rows.stream().map(r -> new TaskView(r.taskId, r.planId, r.number, r.section, r.title, r.text, r.lead,
                List.copyOf(children.responsible.get(r.taskId)), r.kind, r.dueDate, r.reportingCycle,
                List.copyOf(children.targets.get(r.taskId)), List.copyOf(children.milestones.get(r.taskId)),
                List.copyOf(children.acknowledgements.get(r.taskId)), List.copyOf(children.adjustments.get(r.taskId)),
                List.copyOf(children.extensions.get(r.taskId)), r.extensionsGranted, r.overdue, r.status,
                r.summaryId == null ? null : new TaskView.AcceptedSummary(r.summaryId, r.summaryPeriod),
                r.version)).toList();
    }

    private void each(String sql, MapSqlParameterSource params, RowHandler handler) {
        jdbc.query(sql, params, rs -> {
            handler.accept(rs, rs.getString("task_id"));
        });
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(ResultSet rs, String taskId) throws SQLException;
    }

    private static final class Children {
        final Map<String, List<TaskView.UnitName>> responsible = new LinkedHashMap<>();
        final Map<String, List<Target>> targets = new LinkedHashMap<>();
        final Map<String, List<TaskView.Milestone>> milestones = new LinkedHashMap<>();
        final Map<String, List<TaskView.Acknowledgement>> acknowledgements = new LinkedHashMap<>();
        final Map<String, List<TaskView.Request>> adjustments = new LinkedHashMap<>();
        final Map<String, List<TaskView.Request>> extensions = new LinkedHashMap<>();

        void add(String taskId) {
            for (Map<String, ?> map : List.of(responsible, targets, milestones, acknowledgements, adjustments, extensions)) {
                @SuppressWarnings("unchecked")
                Map<String, List<Object>> lists = (Map<String, List<Object>>) map;
                lists.put(taskId, new ArrayList<>());
            }
        }
    }

    private static TaskView.UnitName unit(ResultSet rs) throws SQLException {
        return new TaskView.UnitName(rs.getString("unit_code"), rs.getString("unit_name"));
    }

    private static LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Row row(ResultSet rs) throws SQLException {
        String leadCode = rs.getString("lead_unit_code");
        return new Row(rs.getString("task_id"), rs.getString("plan_id"), rs.getInt("number"),
                new TaskView.Section(rs.getInt("section_ordinal"), rs.getString("numeral"), rs.getString("section_title")),
                rs.getString("title"), rs.getString("text"),
                leadCode == null ? null : new TaskView.UnitName(leadCode, rs.getString("lead_unit_name")),
                rs.getString("kind"), date(rs.getDate("due_date")), rs.getString("reporting_cycle"),
                rs.getInt("extensions_granted"), rs.getBoolean("overdue"), rs.getString("status"),
                rs.getString("summary_id"), rs.getString("summary_period"), rs.getLong("version"));
    }

    private record Row(String taskId, String planId, int number, TaskView.Section section, String title, String text,
                       TaskView.UnitName lead, String kind, LocalDate dueDate, String reportingCycle,
                       int extensionsGranted, boolean overdue, String status, String summaryId, String summaryPeriod,
                       long version) {
    }
}
