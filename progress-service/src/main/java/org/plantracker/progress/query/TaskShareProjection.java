package org.plantracker.progress.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.plantracker.platform.axon.UntilCommit;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.TaskShareAssignedEvent;
import org.plantracker.progress.api.TaskShareWithdrawnEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@code task_share_view} from this service's own events. It runs in the tracking processor
 * {@value #PROCESSING_GROUP}, whose token commits with the rows, so each event is applied exactly
 * once; resetting the processor deletes the rows and replays every event from the start.
 */
@Component
@ProcessingGroup(TaskShareProjection.PROCESSING_GROUP)
public class TaskShareProjection {

    public static final String PROCESSING_GROUP = "views";
    private static final String PENDING_WRITES = TaskShareProjection.class.getName() + ".pendingWrites";

    private final JdbcTemplate jdbc;

    public TaskShareProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A first assignment adds the row; a reassignment updates it and keeps the last report. */
    @EventHandler
    void on(TaskShareAssignedEvent event) {
        write("""
                INSERT INTO task_share_view (share_id, plan_id, task_id, task_number, section_ordinal, section_title,
                    task_title, lead_unit_code, lead_unit_name, unit_code, unit_name, unit_kind, lead, responsible, assigned)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE)
                ON CONFLICT (share_id) DO UPDATE SET
                    plan_id = EXCLUDED.plan_id, task_id = EXCLUDED.task_id, task_number = EXCLUDED.task_number,
                    section_ordinal = EXCLUDED.section_ordinal, section_title = EXCLUDED.section_title,
                    task_title = EXCLUDED.task_title, lead_unit_code = EXCLUDED.lead_unit_code,
                    lead_unit_name = EXCLUDED.lead_unit_name, unit_name = EXCLUDED.unit_name,
                    unit_kind = EXCLUDED.unit_kind, lead = EXCLUDED.lead, responsible = EXCLUDED.responsible,
                    assigned = TRUE
                """,
                event.shareId(), event.planId(), event.taskId(), event.taskNumber(), event.sectionOrdinal(),
                event.sectionTitle(), event.taskTitle(), event.leadUnit().code(), event.leadUnit().name(),
                event.unit().code(), event.unit().name(), event.unit().kind().name(), event.lead(), event.responsible());
    }

    @EventHandler
    void on(TaskShareWithdrawnEvent event) {
        write("UPDATE task_share_view SET assigned = FALSE WHERE share_id = ?", event.shareId());
    }

    /** The newest report replaces the last one, and its problems are the share's open problems. */
    @EventHandler
    void on(ProgressReportSubmittedEvent event, @Timestamp Instant submittedAt) {
        write("""
                UPDATE task_share_view SET last_report_id = ?, last_period = ?, last_status = ?, last_narrative = ?,
                    last_submitted_at = ?, open_problems = ?
                WHERE share_id = ?
                """,
                event.reportId(), event.period(), event.status().name(), event.narrative(),
                submittedAt.atOffset(ZoneOffset.UTC), event.problems() == null ? 0 : event.problems().size(), event.shareId());
    }

    /**
     * Queues a write until the unit of work is about to commit, then sends the queued writes in JDBC
     * batches (in order: consecutive writes of the same statement form one batch). The tracking
     * processor hands this projection up to batch-size events per unit of work, so a rebuild sends a
     * few round trips per batch instead of one per event; the writes still commit together with the
     * processor's token.
     */
    private void write(String sql, Object... args) {
        UntilCommit.queue(PENDING_WRITES, new PendingWrite(sql, args), this::flush);
    }

    private void flush(List<PendingWrite> pending) {
        int i = 0;
        while (i < pending.size()) {
            String sql = pending.get(i).sql();
            List<Object[]> batch = new ArrayList<>();
            while (i < pending.size() && pending.get(i).sql().equals(sql)) {
                batch.add(pending.get(i++).args());
            }
            if (batch.size() == 1) {
                jdbc.update(sql, batch.get(0));
            } else {
                jdbc.batchUpdate(sql, batch);
            }
        }
    }

    private record PendingWrite(String sql, Object[] args) {
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM task_share_view");
    }
}
