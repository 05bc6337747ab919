package org.plantracker.notification.query;

import org.plantracker.task.api.PlanImportedEvent;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskCreatedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.plantracker.task.api.UnitRegisteredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What notification-service knows of plans, units and tasks: learned only from task-service's
 * events (PlanImportedEvent, UnitRegisteredEvent, TaskCreatedEvent, TaskAssignedEvent), so it can
 * name a plan by its title, find the units of a task or a plan, the city committee of a plan and a
 * task's section, for events that carry none of these themselves.
 */
@Repository
public class Directory {

    /** A task as far as routing needs it. */
    public record TaskInfo(String taskId, String planId, int number, Integer sectionOrdinal, String sectionTitle,
                           String title, UnitRef leadUnit) {
    }

    private static final RowMapper<UnitRef> UNIT_REF = (rs, n) -> new UnitRef(rs.getString(1), rs.getString(2),
            rs.getString(3) == null ? null : UnitKind.valueOf(rs.getString(3)));

    private final JdbcTemplate jdbc;

    public Directory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void planImported(PlanImportedEvent plan) {
        jdbc.update("""
                INSERT INTO plan (plan_id, title, region) VALUES (?, ?, ?)
                ON CONFLICT (plan_id) DO UPDATE SET title = EXCLUDED.title, region = EXCLUDED.region""",
                plan.planId(), plan.title() == null ? plan.planId() : plan.title(), plan.region());
    }

    public void unitRegistered(UnitRegisteredEvent unit) {
        jdbc.update("""
                INSERT INTO unit (code, registry_id, name, kind) VALUES (?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET registry_id = EXCLUDED.registry_id, name = EXCLUDED.name,
                                                 kind = EXCLUDED.kind""",
                unit.code(), unit.registryId(), unit.name() == null ? unit.code() : unit.name(),
                unit.kind() == null ? UnitKind.CITY_DEPARTMENT.name() : unit.kind().name());
    }

    public void taskCreated(TaskCreatedEvent task) {
        jdbc.update("""
                INSERT INTO task (task_id, plan_id, number, section_ordinal, section_title, title)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (task_id) DO UPDATE SET plan_id = EXCLUDED.plan_id, number = EXCLUDED.number,
                    section_ordinal = EXCLUDED.section_ordinal, section_title = EXCLUDED.section_title,
                    title = EXCLUDED.title""",
                task.taskId(), task.planId(), task.number(), task.sectionOrdinal(), task.sectionTitle(), task.title());
    }

    /**
     * Replaces the task's units with the assignment's, unless an assignment with a higher aggregate
     * sequence number was applied already (a late or re-delivered event).
     *
     * @param version the event's aggregate sequence number; null when the producer sent none
     */
    public void taskAssigned(TaskAssignedEvent task, Long version) {
        long v = version == null ? Long.MAX_VALUE - 1 : version;
        int applied = jdbc.update("""
                INSERT INTO task (task_id, plan_id, number, section_ordinal, section_title, title, assignment_version)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (task_id) DO UPDATE SET plan_id = EXCLUDED.plan_id, number = EXCLUDED.number,
                    section_ordinal = EXCLUDED.section_ordinal, section_title = EXCLUDED.section_title,
                    title = EXCLUDED.title, assignment_version = EXCLUDED.assignment_version
                WHERE task.assignment_version < EXCLUDED.assignment_version""",
                task.taskId(), task.planId(), task.number(), task.sectionOrdinal(), task.sectionTitle(), task.title(), v);
        if (applied == 0) {
            return;
        }
        jdbc.update("DELETE FROM task_unit WHERE task_id = ?", task.taskId());
        Map<String, Object[]> rows = new LinkedHashMap<>();
        if (task.leadUnit() != null && task.leadUnit().code() != null) {
            rows.put(task.leadUnit().code(), row(task.taskId(), task.leadUnit(), true, false));
        }
        if (task.responsibleUnits() != null) {
            for (UnitRef unit : task.responsibleUnits()) {
                if (unit == null || unit.code() == null) {
                    continue;
                }
                Object[] existing = rows.get(unit.code());
                if (existing != null) {
                    existing[5] = true;
                } else {
                    rows.put(unit.code(), row(task.taskId(), unit, false, true));
                }
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO task_unit (task_id, unit_code, unit_name, unit_kind, lead, responsible)
                VALUES (?, ?, ?, ?, ?, ?)""", new ArrayList<>(rows.values()));
    }

    private static Object[] row(String taskId, UnitRef unit, boolean lead, boolean responsible) {
        return new Object[]{taskId, unit.code(), unit.name(), unit.kind() == null ? null : unit.kind().name(),
                lead, responsible};
    }

    public Optional<String> planTitle(String planId) {
        if (planId == null) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT title FROM plan WHERE plan_id = ?", String.class, planId).stream().findFirst();
    }

    public Optional<TaskInfo> task(String taskId) {
        if (taskId == null) {
            return Optional.empty();
        }
        return jdbc.query("""
                SELECT t.task_id, t.plan_id, t.number, t.section_ordinal, t.section_title, t.title,
                       u.unit_code, u.unit_name, u.unit_kind
                FROM task t LEFT JOIN task_unit u ON u.task_id = t.task_id AND u.lead
                WHERE t.task_id = ?""", (rs, n) -> new TaskInfo(rs.getString(1), rs.getString(2), rs.getInt(3),
                (Integer) rs.getObject(4), rs.getString(5), rs.getString(6),
                rs.getString(7) == null ? null : new UnitRef(rs.getString(7), rs.getString(8),
                        rs.getString(9) == null ? null : UnitKind.valueOf(rs.getString(9)))), taskId)
                .stream().findFirst();
    }

    /** The lead and responsible units of a task, lead first. */
    public List<UnitRef> unitsOf(String taskId) {
        return jdbc.query("""
                SELECT unit_code, unit_name, unit_kind FROM task_unit WHERE task_id = ?
                ORDER BY lead DESC, unit_code""", UNIT_REF, taskId);
    }

    /** Every unit with a share in any task of the plan. */
    public List<UnitRef> unitsOfPlan(String planId) {
        return jdbc.query("""
                SELECT u.unit_code, max(u.unit_name), max(u.unit_kind) FROM task_unit u JOIN task t ON t.task_id = u.task_id
                WHERE t.plan_id = ? GROUP BY u.unit_code ORDER BY u.unit_code""", UNIT_REF, planId);
    }

    /** The city committee of the plan's region; every registered city committee when the plan is not known. */
    public List<UnitRef> cityCommittees(String planId) {
        List<UnitRef> ofRegion = jdbc.query("""
                SELECT u.code, u.name, u.kind FROM unit u JOIN plan p ON p.region = u.registry_id
                WHERE p.plan_id = ? AND u.kind = 'CITY_COMMITTEE' ORDER BY u.code""", UNIT_REF, planId);
        if (!ofRegion.isEmpty()) {
            return ofRegion;
        }
        return jdbc.query("SELECT code, name, kind FROM unit WHERE kind = 'CITY_COMMITTEE' ORDER BY code", UNIT_REF);
    }

    public Optional<UnitRef> unit(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT code, name, kind FROM unit WHERE code = ?", UNIT_REF, code).stream().findFirst();
    }
}
