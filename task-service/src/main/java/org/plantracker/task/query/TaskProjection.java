package org.plantracker.task.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.plantracker.task.api.AcknowledgementOverdueEvent;
import org.plantracker.task.api.AcknowledgementRequestedEvent;
import org.plantracker.task.api.AdjustmentDecidedEvent;
import org.plantracker.task.api.AdjustmentRequestedEvent;
import org.plantracker.task.api.AssignmentAcknowledgedEvent;
import org.plantracker.task.api.ExtensionDecidedEvent;
import org.plantracker.task.api.ExtensionRequestedEvent;
import org.plantracker.task.api.MilestoneRemovedEvent;
import org.plantracker.task.api.MilestoneSetEvent;
import org.plantracker.task.api.Target;
import org.plantracker.task.api.TargetRemovedEvent;
import org.plantracker.task.api.TargetSetEvent;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskClosedEvent;
import org.plantracker.task.api.TaskCreatedEvent;
import org.plantracker.task.api.TaskOverdueEvent;
import org.plantracker.task.api.TaskReopenedEvent;
import org.plantracker.task.api.TaskScheduledEvent;
import org.plantracker.task.api.TaskSummaryAcceptanceRecordedEvent;
import org.plantracker.task.api.UnitRef;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tasks read model (task_view and its child tables); a task's version is its last event's sequence
 * number, so every event of a task moves it.
 */
@Component
@ProcessingGroup(ProjectionCatchUp.PROCESSING_GROUP)
public class TaskProjection {

    static final String LEAD = "LEAD";
    static final String RESPONSIBLE = "RESPONSIBLE";
    static final String ADJUSTMENT = "ADJUSTMENT";
    static final String EXTENSION = "EXTENSION";
    /** Acknowledgements list in the order their units were asked, one request after another. */
    private static final long POSITIONS_PER_REQUEST = 10_000;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public TaskProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    @EventHandler
    void on(TaskCreatedEvent event, @SequenceNumber long version) {
        jdbc.update("""
                INSERT INTO task_view (task_id, plan_id, number, section_ordinal, section_title, title, text, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (task_id) DO UPDATE SET plan_id = EXCLUDED.plan_id, number = EXCLUDED.number,
                    section_ordinal = EXCLUDED.section_ordinal, section_title = EXCLUDED.section_title,
                    title = EXCLUDED.title, text = EXCLUDED.text, version = EXCLUDED.version
                """, event.taskId(), event.planId(), event.number(), event.sectionOrdinal(), event.sectionTitle(),
                event.title(), event.text(), version);
    }

    @EventHandler
    void on(TaskAssignedEvent event, @SequenceNumber long version) {
        UnitRef lead = event.leadUnit();
        jdbc.update("UPDATE task_view SET lead_unit_code = ?, lead_unit_name = ?, version = ? WHERE task_id = ?",
                lead.code(), lead.name(), version, event.taskId());
        jdbc.update("DELETE FROM task_unit_view WHERE task_id = ?", event.taskId());
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{event.taskId(), LEAD, 0, lead.code(), lead.name()});
        List<UnitRef> responsible = event.responsibleUnits() == null ? List.of() : event.responsibleUnits();
        for (int i = 0; i < responsible.size(); i++) {
            rows.add(new Object[]{event.taskId(), RESPONSIBLE, i, responsible.get(i).code(), responsible.get(i).name()});
        }
        jdbc.batchUpdate("INSERT INTO task_unit_view (task_id, role, position, unit_code, unit_name) VALUES (?, ?, ?, ?, ?)",
                rows);
        // a unit taken off the task has nothing left to acknowledge
        Set<String> onTheTask = new LinkedHashSet<>();
        onTheTask.add(lead.code());
        responsible.forEach(u -> onTheTask.add(u.code()));
        named.update("DELETE FROM task_acknowledgement_view WHERE task_id = :taskId AND unit_code NOT IN (:codes)",
                new MapSqlParameterSource("taskId", event.taskId()).addValue("codes", List.copyOf(onTheTask)));
    }

    @EventHandler
    void on(AcknowledgementRequestedEvent event, @SequenceNumber long version) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < event.units().size(); i++) {
            UnitRef unit = event.units().get(i);
            rows.add(new Object[]{event.taskId(), unit.code(), unit.name(), version * POSITIONS_PER_REQUEST + i,
                    Date.valueOf(event.dueDate())});
        }
        jdbc.batchUpdate("""
                INSERT INTO task_acknowledgement_view (task_id, unit_code, unit_name, position, state, due_date)
                VALUES (?, ?, ?, ?, 'PENDING', ?)
                ON CONFLICT (task_id, unit_code) DO UPDATE SET unit_name = EXCLUDED.unit_name,
                    position = EXCLUDED.position, state = 'PENDING', due_date = EXCLUDED.due_date, acknowledged_at = NULL
                """, rows);
        version(event.taskId(), version);
    }

    @EventHandler
    void on(AssignmentAcknowledgedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE task_acknowledgement_view SET state = 'ACKNOWLEDGED', acknowledged_at = ?
                WHERE task_id = ? AND unit_code = ?
                """, java.sql.Timestamp.from(at), event.taskId(), event.unit().code());
        version(event.taskId(), version);
    }

    @EventHandler
    void on(AcknowledgementOverdueEvent event, @SequenceNumber long version) {
        jdbc.update("UPDATE task_acknowledgement_view SET state = 'OVERDUE' WHERE task_id = ? AND unit_code = ?",
                event.taskId(), event.unit().code());
        version(event.taskId(), version);
    }

    @EventHandler
    void on(AdjustmentRequestedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        request(event.taskId(), event.requestId(), ADJUSTMENT, event.unit(), event.reason(), null, at);
        version(event.taskId(), version);
    }

    @EventHandler
    void on(AdjustmentDecidedEvent event, @SequenceNumber long version) {
        jdbc.update("DELETE FROM task_request_view WHERE request_id = ?", event.requestId());
        version(event.taskId(), version);
    }

    @EventHandler
    void on(ExtensionRequestedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        request(event.taskId(), event.requestId(), EXTENSION, event.unit(), event.reason(), event.requestedDueDate(), at);
        version(event.taskId(), version);
    }

    @EventHandler
    void on(ExtensionDecidedEvent event, @SequenceNumber long version) {
        jdbc.update("DELETE FROM task_request_view WHERE request_id = ?", event.requestId());
        if (event.granted()) {
            jdbc.update("""
                    UPDATE task_view SET due_date = ?, overdue = FALSE, extensions_granted = ?, version = ?
                    WHERE task_id = ?
                    """, Date.valueOf(event.newDueDate()), event.extensionsGranted(), version, event.taskId());
        } else {
            version(event.taskId(), version);
        }
    }

    @EventHandler
    void on(TaskScheduledEvent event, @SequenceNumber long version) {
        // overdue stays only while the due date it was recorded for stays (the right side reads the old row)
        jdbc.update("""
                UPDATE task_view SET kind = ?, due_date = ?, reporting_cycle = ?,
                    overdue = overdue AND due_date IS NOT DISTINCT FROM ?, version = ?
                WHERE task_id = ?
                """, event.kind().name(), date(event.dueDate()),
                event.reportingCycle() == null ? null : event.reportingCycle().name(), date(event.dueDate()), version,
                event.taskId());
    }

    @EventHandler
    void on(TaskOverdueEvent event, @SequenceNumber long version) {
        jdbc.update("UPDATE task_view SET overdue = TRUE, version = ? WHERE task_id = ?", version, event.taskId());
    }

    @EventHandler
    void on(TargetSetEvent event, @SequenceNumber long version) {
        Target t = event.target();
        jdbc.update("""
                INSERT INTO task_target_view (task_id, target_id, position, type, description, metric, unit,
                                              target_value, direction, from_date, to_date)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (task_id, target_id) DO UPDATE SET type = EXCLUDED.type,
                    description = EXCLUDED.description, metric = EXCLUDED.metric, unit = EXCLUDED.unit,
                    target_value = EXCLUDED.target_value, direction = EXCLUDED.direction,
                    from_date = EXCLUDED.from_date, to_date = EXCLUDED.to_date
                """, event.taskId(), t.targetId(), version, t.type().name(), t.description(), t.metric(), t.unit(),
                t.targetValue(), t.direction() == null ? null : t.direction().name(), date(t.from()), date(t.to()));
        version(event.taskId(), version);
    }

    @EventHandler
    void on(TargetRemovedEvent event, @SequenceNumber long version) {
        jdbc.update("DELETE FROM task_target_view WHERE task_id = ? AND target_id = ?", event.taskId(), event.targetId());
        version(event.taskId(), version);
    }

    @EventHandler
    void on(MilestoneSetEvent event, @SequenceNumber long version) {
        jdbc.update("""
                INSERT INTO task_milestone_view (task_id, milestone_id, position, title, due_date)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (task_id, milestone_id) DO UPDATE SET title = EXCLUDED.title, due_date = EXCLUDED.due_date
                """, event.taskId(), event.milestoneId(), version, event.title(), date(event.dueDate()));
        version(event.taskId(), version);
    }

    @EventHandler
    void on(MilestoneRemovedEvent event, @SequenceNumber long version) {
        jdbc.update("DELETE FROM task_milestone_view WHERE task_id = ? AND milestone_id = ?", event.taskId(),
                event.milestoneId());
        version(event.taskId(), version);
    }

    @EventHandler
    void on(TaskSummaryAcceptanceRecordedEvent event, @SequenceNumber long version) {
        jdbc.update("UPDATE task_view SET summary_id = ?, summary_period = ?, version = ? WHERE task_id = ?",
                event.summaryId(), event.period(), version, event.taskId());
    }

    @EventHandler
    void on(TaskClosedEvent event, @SequenceNumber long version) {
        jdbc.update("UPDATE task_view SET status = 'CLOSED', version = ? WHERE task_id = ?", version, event.taskId());
    }

    @EventHandler
    void on(TaskReopenedEvent event, @SequenceNumber long version) {
        jdbc.update("""
                UPDATE task_view SET status = 'OPEN', summary_id = NULL, summary_period = NULL, version = ?
                WHERE task_id = ?
                """, version, event.taskId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM task_view");
    }

    private void request(String taskId, String requestId, String kind, UnitRef unit, String reason,
                         LocalDate requestedDueDate, Instant at) {
        jdbc.update("""
                INSERT INTO task_request_view (request_id, task_id, kind, unit_code, unit_name, reason,
                                               requested_due_date, requested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (request_id) DO NOTHING
                """, requestId, taskId, kind, unit.code(), unit.name(), reason, date(requestedDueDate),
                java.sql.Timestamp.from(at));
    }

    private void version(String taskId, long version) {
        jdbc.update("UPDATE task_view SET version = ? WHERE task_id = ?", version, taskId);
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
