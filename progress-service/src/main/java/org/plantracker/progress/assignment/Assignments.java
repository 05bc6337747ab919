package org.plantracker.progress.assignment;

import org.plantracker.platform.problem.DomainException;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Who is assigned to which task, as task-service's events told this service: a read-only look at
 * {@code task_share_view} (built by TaskShareProjection). Supervision, problems and good practices
 * use it to decide who may act on a task; they never write it.
 */
@Component
public class Assignments {

    private final JdbcTemplate jdbc;

    public Assignments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What every record about a task repeats, so its events are read without looking the task up. */
    public record TaskInfo(String taskId, String planId, int taskNumber, String taskTitle, UnitRef leadUnit) {
    }

    /** @return the task as known from any of its shares; empty when no unit was ever assigned to it here */
    public Optional<TaskInfo> task(String taskId) {
        List<TaskInfo> found = jdbc.query("""
                SELECT task_id, plan_id, task_number, task_title, lead_unit_code, lead_unit_name,
                       (SELECT unit_kind FROM task_share_view l WHERE l.task_id = v.task_id AND l.lead LIMIT 1) AS lead_kind
                FROM task_share_view v WHERE task_id = ? LIMIT 1
                """, (rs, i) -> new TaskInfo(rs.getString("task_id"), rs.getString("plan_id"), rs.getInt("task_number"),
                rs.getString("task_title"), new UnitRef(rs.getString("lead_unit_code"), rs.getString("lead_unit_name"),
                rs.getString("lead_kind") == null ? UnitKind.CITY_DEPARTMENT : UnitKind.valueOf(rs.getString("lead_kind")))),
                taskId);
        return found.stream().findFirst();
    }

    /** @return the unit as assigned to the task now; empty when it is not (or no longer) assigned */
    public Optional<UnitRef> assignedUnit(String taskId, String unitCode) {
        if (unitCode == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT unit_code, unit_name, unit_kind FROM task_share_view WHERE task_id = ? AND unit_code = ? AND assigned",
                (rs, i) -> new UnitRef(rs.getString("unit_code"), rs.getString("unit_name"),
                        UnitKind.valueOf(rs.getString("unit_kind"))), taskId, unitCode).stream().findFirst();
    }

    public TaskInfo requireTask(String taskId) {
        return task(taskId).orElseThrow(() -> DomainException.notFound("No task " + taskId + " is known here."));
    }
}
