package org.plantracker.progress.supervision;

import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;

/** Reads {@code supervision_record}. */
@Component
public class SupervisionQueries {

    private final JdbcTemplate jdbc;

    public SupervisionQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param all      every record of the task; otherwise those about the whole task or about {@code unitCode}
     * @param unitCode the reading unit, when not {@code all}
     */
    public List<SupervisionRecordView> ofTask(String taskId, boolean all, String unitCode) {
        return jdbc.query("""
                SELECT record_id, task_id, task_number, task_title, unit_code, unit_name, unit_kind, findings, comment,
                       recorded_by, recorded_at
                FROM supervision_record WHERE task_id = ? AND (? OR unit_code IS NULL OR unit_code = ?)
                ORDER BY recorded_at, record_id
                """, (rs, i) -> new SupervisionRecordView(rs.getString("record_id"), rs.getString("task_id"),
                rs.getInt("task_number"), rs.getString("task_title"),
                rs.getString("unit_code") == null ? null : new UnitRef(rs.getString("unit_code"), rs.getString("unit_name"),
                        UnitKind.valueOf(rs.getString("unit_kind"))),
                rs.getString("findings"), rs.getString("comment"), rs.getString("recorded_by"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant()), taskId, all, unitCode);
    }
}
