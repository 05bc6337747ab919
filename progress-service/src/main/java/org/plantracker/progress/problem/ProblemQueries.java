package org.plantracker.progress.problem;

import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads problems from {@code problem} and {@code problem_raiser}. */
@Component
public class ProblemQueries {

    private static final String SELECT = """
            SELECT problem_id, plan_id, task_id, task_number, task_title, category, text, state, general, escalated,
                   county_count, raised_at, answer, answered_by_code, answered_by_name, answered_at, close_comment, closed_at
            FROM problem
            """;

    private final JdbcTemplate jdbc;

    public ProblemQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ProblemView> byId(String taskId, String problemId) {
        return list("WHERE task_id = ? AND problem_id = ?", taskId, problemId).stream().findFirst();
    }

    public List<ProblemView> ofTask(String taskId) {
        return list("WHERE task_id = ?", taskId);
    }

    /**
     * @param state   null for every state
     * @param general null for both
     */
    public List<ProblemView> ofPlan(String planId, ProblemState state, Boolean general) {
        return list("WHERE plan_id = ? AND (CAST(? AS VARCHAR) IS NULL OR state = ?) AND (CAST(? AS BOOLEAN) IS NULL OR general = ?)",
                planId, state == null ? null : state.name(), state == null ? null : state.name(), general, general);
    }

    private List<ProblemView> list(String where, Object... args) {
        Map<String, ProblemView> problems = new LinkedHashMap<>();
        jdbc.query(SELECT + where + " ORDER BY task_number, raised_at, problem_id",
                rs -> {
                    problems.put(rs.getString("problem_id"), problem(rs, new ArrayList<>()));
                }, args);
        if (problems.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", java.util.Collections.nCopies(problems.size(), "?"));
        jdbc.query("SELECT problem_id, unit_code, unit_name, unit_kind, text, joined, raised_at FROM problem_raiser"
                        + " WHERE problem_id IN (" + in + ") ORDER BY raised_at, unit_code",
                rs -> {
                    problems.get(rs.getString("problem_id")).raisedBy().add(new ProblemView.Raiser(
                            new UnitRef(rs.getString("unit_code"), rs.getString("unit_name"),
                                    UnitKind.valueOf(rs.getString("unit_kind"))),
                            rs.getString("text"), rs.getBoolean("joined"), instant(rs, "raised_at")));
                }, problems.keySet().toArray());
        return problems.values().stream().map(p -> new ProblemView(p.problemId(), p.planId(), p.taskId(), p.taskNumber(),
                p.taskTitle(), p.category(), p.text(), p.state(), p.general(), p.escalated(), p.countyCount(),
                p.raisedAt(), List.copyOf(p.raisedBy()), p.answer(), p.closeComment(), p.closedAt())).toList();
    }

    private static ProblemView problem(ResultSet rs, List<ProblemView.Raiser> raisers) throws SQLException {
        ProblemView.Answer answer = rs.getString("answer") == null ? null : new ProblemView.Answer(rs.getString("answer"),
                rs.getString("answered_by_code"), rs.getString("answered_by_name"), instant(rs, "answered_at"));
        return new ProblemView(rs.getString("problem_id"), rs.getString("plan_id"), rs.getString("task_id"),
                rs.getInt("task_number"), rs.getString("task_title"), rs.getString("category"), rs.getString("text"),
                ProblemState.valueOf(rs.getString("state")), rs.getBoolean("general"), rs.getBoolean("escalated"),
                rs.getInt("county_count"), instant(rs, "raised_at"), raisers, answer, rs.getString("close_comment"),
                instant(rs, "closed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
