package org.plantracker.progress.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.plantracker.platform.messaging.EventEnvelope;
import org.plantracker.platform.messaging.IncomingEvents;
import org.plantracker.progress.command.CloseTaskShareCommand;
import org.plantracker.progress.command.ScheduleTaskShareCommand;
import org.plantracker.progress.command.TaskShare;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.Target;
import org.plantracker.task.api.TargetRemovedEvent;
import org.plantracker.task.api.TargetSetEvent;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskClosedEvent;
import org.plantracker.task.api.TaskReopenedEvent;
import org.plantracker.task.api.TaskKind;
import org.plantracker.task.api.TaskScheduledEvent;
import org.plantracker.task.api.TaskTopics;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps progress-service's record of who is assigned to what in step with task-service: every
 * {@link TaskAssignedEvent} becomes commands to the task's shares, and every
 * {@link TaskScheduledEvent} gives each share the task's schedule (when its reports are due); the task's measurable
 * targets (TargetSetEvent, TargetRemovedEvent) are kept in {@code task_target} for the lights; a closed or
 * reopened task (TaskClosedEvent, TaskReopenedEvent) stops or restarts its shares' report deadlines. The units of
 * the latest assignment and the latest schedule are kept in {@code task_schedule}, in the same transaction,
 * so a schedule reaches every share and a unit assigned later gets the schedule too.
 *
 * <p>The commands are sent with {@code sendAndWait} inside {@link IncomingEvents#handleOnce}, so
 * the shares' events and the processed-event mark commit in one transaction: a failure half-way
 * leaves nothing, and the record is retried and finally dead-lettered.
 */
@Component
public class TaskAssignmentListener {

    static final String CONSUMER = "progress-service.task-assignments";

    private final IncomingEvents incomingEvents;
    private final CommandGateway commands;
    private final ObjectMapper json;
    private final JdbcTemplate jdbc;

    public TaskAssignmentListener(IncomingEvents incomingEvents, CommandGateway commands, ObjectMapper json,
                                  JdbcTemplate jdbc) {
        this.incomingEvents = incomingEvents;
        this.commands = commands;
        this.json = json;
        this.jdbc = jdbc;
    }

    @KafkaListener(topics = TaskTopics.TASK_EVENTS)
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = EventEnvelope.from(record);
        if (envelope.is(TaskAssignedEvent.class)) {
            TaskAssignedEvent event = envelope.payloadAs(TaskAssignedEvent.class, json);
            long version = sequenceOf(envelope);
            incomingEvents.handleOnce(CONSUMER, envelope, () -> assign(event, version));
        } else if (envelope.is(TaskScheduledEvent.class)) {
            TaskScheduledEvent event = envelope.payloadAs(TaskScheduledEvent.class, json);
            long version = sequenceOf(envelope);
            incomingEvents.handleOnce(CONSUMER, envelope, () -> schedule(event, version));
        } else if (envelope.is(TargetSetEvent.class)) {
            TargetSetEvent event = envelope.payloadAs(TargetSetEvent.class, json);
            incomingEvents.handleOnce(CONSUMER, envelope, () -> target(event));
        } else if (envelope.is(TargetRemovedEvent.class)) {
            TargetRemovedEvent event = envelope.payloadAs(TargetRemovedEvent.class, json);
            incomingEvents.handleOnce(CONSUMER, envelope, () -> jdbc.update(
                    "DELETE FROM task_target WHERE task_id = ? AND target_id = ?", event.taskId(), event.targetId()));
        } else if (envelope.is(TaskClosedEvent.class)) {
            TaskClosedEvent event = envelope.payloadAs(TaskClosedEvent.class, json);
            long version = sequenceOf(envelope);
            incomingEvents.handleOnce(CONSUMER, envelope, () -> close(event.taskId(), true, version));
        } else if (envelope.is(TaskReopenedEvent.class)) {
            TaskReopenedEvent event = envelope.payloadAs(TaskReopenedEvent.class, json);
            long version = sequenceOf(envelope);
            incomingEvents.handleOnce(CONSUMER, envelope, () -> close(event.taskId(), false, version));
        }
    }

    private static long sequenceOf(EventEnvelope envelope) {
        if (envelope.sequence() == null) {
            throw new IllegalArgumentException(envelope.type() + " " + envelope.eventId()
                    + " lacks its aggregate-sequence header: cannot tell it from a stale one");
        }
        return envelope.sequence();
    }

    private void assign(TaskAssignedEvent event, long version) {
        List<Object> shareCommands = TaskShareCommands.forAssignment(event, version);
        shareCommands.forEach(commands::sendAndWait);
        List<String> units = new ArrayList<>();
        if (event.leadUnit() != null) {
            units.add(event.leadUnit().code());
        }
        if (event.responsibleUnits() != null) {
            event.responsibleUnits().stream().map(u -> u.code()).filter(c -> !units.contains(c)).forEach(units::add);
        }
        jdbc.update("""
                INSERT INTO task_schedule (task_id, unit_codes, assignment_version) VALUES (?, ?, ?)
                ON CONFLICT (task_id) DO UPDATE SET unit_codes = EXCLUDED.unit_codes,
                    assignment_version = EXCLUDED.assignment_version
                WHERE task_schedule.assignment_version < EXCLUDED.assignment_version
                """, ps -> {
            ps.setString(1, event.taskId());
            Array array = ps.getConnection().createArrayOf("text", units.toArray());
            ps.setArray(2, array);
            ps.setLong(3, version);
        });
        // units new to the task learn its schedule (the others ignore a schedule they already have)
        List<Map<String, Object>> schedule = jdbc.queryForList(
                "SELECT kind, due_date, reporting_cycle, schedule_version FROM task_schedule WHERE task_id = ? AND kind IS NOT NULL",
                event.taskId());
        if (!schedule.isEmpty()) {
            Map<String, Object> s = schedule.get(0);
            Date due = (Date) s.get("due_date");
            String cycle = (String) s.get("reporting_cycle");
            for (String unit : units) {
                commands.sendAndWait(new ScheduleTaskShareCommand(TaskShare.idOf(event.taskId(), unit), event.taskId(),
                        TaskKind.valueOf((String) s.get("kind")), due == null ? null : due.toLocalDate(),
                        cycle == null ? null : ReportingCycle.valueOf(cycle), ((Number) s.get("schedule_version")).longValue()));
            }
        }
    }

    /**
     * A measurable target is kept for the light rule "behind its targets"; a target revised into another type
     * (dated, qualitative) has nothing to be behind of any more. The task's events arrive in order (keyed by task).
     */
    private void target(TargetSetEvent event) {
        Target target = event.target();
        if (target.type() == Target.TargetType.MEASURABLE && target.targetValue() != null && target.direction() != null) {
            jdbc.update("""
                    INSERT INTO task_target (task_id, target_id, target_value, direction) VALUES (?, ?, ?, ?)
                    ON CONFLICT (task_id, target_id) DO UPDATE SET target_value = EXCLUDED.target_value,
                        direction = EXCLUDED.direction
                    """, event.taskId(), target.targetId(), target.targetValue(), target.direction().name());
        } else {
            jdbc.update("DELETE FROM task_target WHERE task_id = ? AND target_id = ?", event.taskId(), target.targetId());
        }
    }

    private void schedule(TaskScheduledEvent event, long version) {
        int updated = jdbc.update("""
                INSERT INTO task_schedule (task_id, kind, due_date, reporting_cycle, schedule_version) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (task_id) DO UPDATE SET kind = EXCLUDED.kind, due_date = EXCLUDED.due_date,
                    reporting_cycle = EXCLUDED.reporting_cycle, schedule_version = EXCLUDED.schedule_version
                WHERE task_schedule.schedule_version < EXCLUDED.schedule_version
                """, event.taskId(), event.kind().name(), event.dueDate() == null ? null : Date.valueOf(event.dueDate()),
                event.reportingCycle() == null ? null : event.reportingCycle().name(), version);
        if (updated == 0) {
            return;
        }
        List<String> units = jdbc.query("SELECT unnest(unit_codes) FROM task_schedule WHERE task_id = ?",
                (rs, i) -> rs.getString(1), event.taskId());
        for (String unit : units) {
            commands.sendAndWait(new ScheduleTaskShareCommand(TaskShare.idOf(event.taskId(), unit), event.taskId(),
                    event.kind(), event.dueDate(), event.reportingCycle(), version));
        }
    }

    /** Every share of the task learns it was closed or reopened. */
    private void close(String taskId, boolean closed, long version) {
        List<String> units = jdbc.query("SELECT unnest(unit_codes) FROM task_schedule WHERE task_id = ?",
                (rs, i) -> rs.getString(1), taskId);
        for (String unit : units) {
            commands.sendAndWait(new CloseTaskShareCommand(TaskShare.idOf(taskId, unit), taskId, closed, version));
        }
    }
}
