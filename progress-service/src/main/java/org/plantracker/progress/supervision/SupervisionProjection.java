package org.plantracker.progress.supervision;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.plantracker.platform.axon.EventMetadata;
import org.plantracker.progress.api.SupervisionRecordedEvent;
import org.plantracker.progress.query.TaskShareProjection;
import org.plantracker.progress.text.StorableText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Builds {@code supervision_record} from the records' events, in the same processor as the other
 * views, so a reset of the views rebuilds it too.
 */
@Component
@ProcessingGroup(TaskShareProjection.PROCESSING_GROUP)
public class SupervisionProjection {

    private final JdbcTemplate jdbc;

    public SupervisionProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SupervisionRecordedEvent event, @Timestamp Instant recordedAt,
            @MetaDataValue(EventMetadata.ACTOR_UNIT) String recordedBy) {
        jdbc.update("""
                INSERT INTO supervision_record (record_id, plan_id, task_id, task_number, task_title, unit_code, unit_name,
                    unit_kind, lead_unit_code, lead_unit_name, findings, comment, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (record_id) DO NOTHING
                """, StorableText.args(event.recordId(), event.planId(), event.taskId(), event.taskNumber(), event.taskTitle(),
                event.unit() == null ? null : event.unit().code(), event.unit() == null ? null : event.unit().name(),
                event.unit() == null ? null : event.unit().kind().name(),
                event.leadUnit() == null ? null : event.leadUnit().code(),
                event.leadUnit() == null ? null : event.leadUnit().name(),
                event.findings(), event.comment(), recordedBy, recordedAt.atOffset(ZoneOffset.UTC)));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM supervision_record");
    }
}
