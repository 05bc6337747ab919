package org.plantracker.task.query;

import org.axonframework.queryhandling.QueryHandler;
import org.plantracker.task.query.Queries.FindPlanQuery;
import org.plantracker.task.query.Queries.FindPlansQuery;
import org.plantracker.task.query.Queries.FindTasksQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Answers plan queries from the plans and tasks read models. */
@Component
public class PlanQueryHandler {

    private final JdbcTemplate jdbc;
    private final TaskQueryHandler tasks;

    public PlanQueryHandler(JdbcTemplate jdbc, TaskQueryHandler tasks) {
        this.jdbc = jdbc;
        this.tasks = tasks;
    }

    @QueryHandler
    public List<PlanSummary> handle(FindPlansQuery query) {
        return jdbc.query("""
                SELECT p.plan_id, p.title, p.region, p.imported_at, p.task_count,
                       (SELECT count(*) FROM plan_section_view s WHERE s.plan_id = p.plan_id) AS section_count
                FROM plan_view p ORDER BY p.imported_at, p.plan_id
                """, (rs, i) -> new PlanSummary(rs.getString("plan_id"), rs.getString("title"), rs.getString("region"),
                rs.getTimestamp("imported_at").toInstant(), rs.getInt("section_count"), rs.getInt("task_count")));
    }

    @QueryHandler
    public Optional<PlanDetails> handle(FindPlanQuery query) {
        List<PlanDetails> plans = jdbc.query("SELECT * FROM plan_view WHERE plan_id = ?", (rs, i) -> new PlanDetails(
                rs.getString("plan_id"), rs.getString("title"), rs.getString("region"), rs.getString("document_sha256"),
                rs.getTimestamp("imported_at").toInstant(), rs.getString("imported_by"),
                JsonColumns.read(rs.getString("warnings")), List.of()), query.planId());
        if (plans.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, List<TaskView>> bySection = tasks.handle(new FindTasksQuery(query.planId(), null, null)).stream()
                .collect(Collectors.groupingBy(t -> t.section().ordinal()));
        List<PlanDetails.Section> sections = jdbc.query(
                "SELECT ordinal, numeral, title FROM plan_section_view WHERE plan_id = ? ORDER BY ordinal",
                (rs, i) -> new PlanDetails.Section(rs.getInt("ordinal"), rs.getString("numeral"), rs.getString("title"),
                        bySection.getOrDefault(rs.getInt("ordinal"), List.of())), query.planId());
        PlanDetails plan = plans.get(0);
        return Optional.of(new PlanDetails(plan.planId(), plan.title(), plan.region(), plan.documentSha256(),
                plan.importedAt(), plan.importedBy(), plan.warnings(), sections));
    }
}
