package org.plantracker.task.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskCreatedEvent;
import org.plantracker.task.api.UnitRef;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** The tasks read model (task_view, task_unit_view); a task's version is its last event's sequence number. */
@Component
@ProcessingGroup(ProjectionCatchUp.PROCESSING_GROUP)
public class TaskProjection {

    static final String LEAD = "LEAD";
    static final String RESPONSIBLE = "RESPONSIBLE";

    private final JdbcTemplate jdbc;

    public TaskProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM task_view");
    }
}
