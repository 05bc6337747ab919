package org.plantracker.task.query;

import org.axonframework.queryhandling.QueryHandler;
import org.plantracker.task.query.Queries.FindTaskQuery;
import org.plantracker.task.query.Queries.FindTasksQuery;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
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
                   t.lead_unit_code, t.lead_unit_name, t.kind, t.due_date, t.reporting_cycle, t.version
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
        return withUnits(jdbc.query(sql, params, (rs, i) -> row(rs)));
    }

    @QueryHandler
    public Optional<TaskView> handle(FindTaskQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource("taskId", query.taskId());
        List<Row> rows = jdbc.query(SELECT_TASKS + " WHERE t.task_id = :taskId", params, (rs, i) -> row(rs));
        return withUnits(rows).stream().findFirst();
    }

    /** Adds each task's responsible units, in the plan's order, with one more query for all of them. */
    private List<TaskView> withUnits(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<TaskView.UnitName>> responsible = new LinkedHashMap<>();
        rows.forEach(r -> responsible.put(r.taskId, new ArrayList<>()));
        jdbc.query("""
                SELECT task_id, unit_code, unit_name FROM task_unit_view
                WHERE role = 'RESPONSIBLE' AND task_id IN (:ids) ORDER BY task_id, position
                """, new MapSqlParameterSource("ids", List.copyOf(responsible.keySet())), rs -> {
            responsible.get(rs.getString("task_id"))
                    .add(new TaskView.UnitName(rs.getString("unit_code"), rs.getString("unit_name")));
        });
        return rows.stream().map(r -> new TaskView(r.taskId, r.planId, r.number, r.section, r.title, r.text, r.lead,
                List.copyOf(responsible.get(r.taskId)), r.kind, r.dueDate == null ? null : r.dueDate.toLocalDate(),
                r.reportingCycle, List.of(), r.version)).toList();
    }

    private static Row row(ResultSet rs) throws SQLException {
        String leadCode = rs.getString("lead_unit_code");
        return new Row(rs.getString("task_id"), rs.getString("plan_id"), rs.getInt("number"),
                new TaskView.Section(rs.getInt("section_ordinal"), rs.getString("numeral"), rs.getString("section_title")),
                rs.getString("title"), rs.getString("text"),
                leadCode == null ? null : new TaskView.UnitName(leadCode, rs.getString("lead_unit_name")),
                rs.getString("kind"), rs.getDate("due_date"), rs.getString("reporting_cycle"), rs.getLong("version"));
    }

    private record Row(String taskId, String planId, int number, TaskView.Section section, String title, String text,
                       TaskView.UnitName lead, String kind, Date dueDate, String reportingCycle, long version) {
    }
}
