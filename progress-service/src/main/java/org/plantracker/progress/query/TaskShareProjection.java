package org.plantracker.progress.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.plantracker.platform.axon.EventMetadata;
import org.plantracker.platform.axon.UntilCommit;
import org.plantracker.progress.api.ProgressReportAcceptedEvent;
import org.plantracker.progress.api.ProgressReportReturnedEvent;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ReportOverdueEvent;
import org.plantracker.progress.api.TaskShareAssignedEvent;
import org.plantracker.progress.api.TaskShareClosedEvent;
import org.plantracker.progress.api.TaskShareScheduledEvent;
import org.plantracker.progress.api.TaskShareWithdrawnEvent;
import org.plantracker.progress.api.TaskSummaryAcceptedEvent;
import org.plantracker.progress.api.TaskSummaryReturnedEvent;
import org.plantracker.progress.api.TaskSummarySubmittedEvent;
import org.plantracker.progress.api.UrgeIssuedEvent;
import org.plantracker.progress.api.UrgeReadEvent;
import org.plantracker.task.api.UnitRef;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@code task_share_view}, {@code progress_report} (every version of every report with its review)
 * and {@code urge} from this service's own events. It runs in the tracking processor
 * {@value #PROCESSING_GROUP}, whose token commits with the rows, so each event is applied exactly
 * once; resetting the processor deletes the rows and replays every event from the start.
 */
@Component
@ProcessingGroup(TaskShareProjection.PROCESSING_GROUP)
public class TaskShareProjection {

    public static final String PROCESSING_GROUP = "views";
    private static final String PENDING_WRITES = TaskShareProjection.class.getName() + ".pendingWrites";
    private static final String PENDING_RECORDS = TaskShareProjection.class.getName() + ".pendingRecords";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public TaskShareProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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

    /**
     * The newest report replaces the last one, and its problems are the share's open problems. The version
     * is stored beside the earlier ones of its period (which it supersedes, as read: ReportQueries).
     */
    @EventHandler
    void on(ProgressReportSubmittedEvent event, @Timestamp Instant submittedAt,
            @MetaDataValue(EventMetadata.ACTOR_USER) String actorUser) {
        write("""
                UPDATE task_share_view SET last_report_id = ?, last_period = ?, last_status = ?, last_narrative = ?,
                    last_submitted_at = ?, open_problems = ?, last_version = ?, last_review = 'SUBMITTED',
                    last_review_comment = NULL
                WHERE share_id = ?
                """,
                event.reportId(), event.period(), event.status().name(), event.narrative(),
                submittedAt.atOffset(ZoneOffset.UTC), event.problems() == null ? 0 : event.problems().size(),
                Math.max(1, event.version()), event.shareId());
        record("""
                INSERT INTO progress_report (report_id, share_id, task_id, plan_id, task_number, task_title, unit_code,
                    unit_name, lead_unit_code, lead_unit_name, period, version, status, narrative, figures, problems,
                    good_practice, submitted_at, submitted_by, review_state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SUBMITTED')
                ON CONFLICT (report_id) DO NOTHING
                """,
                event.reportId(), event.shareId(), event.taskId(), event.planId(), event.taskNumber(), event.taskTitle(),
                event.unit().code(), event.unit().name(), event.leadUnit().code(), event.leadUnit().name(),
                event.period(), Math.max(1, event.version()), event.status().name(), event.narrative(),
                toJson(event.figures() == null ? List.of() : event.figures()),
                toJson(event.problems() == null ? List.of() : event.problems()), event.goodPractice(),
                submittedAt.atOffset(ZoneOffset.UTC), actorUser);
        // the last value reported per target (for the light "behind its targets"): reports arrive in order
        for (ProgressReportSubmittedEvent.Figure figure : event.figures() == null
                ? List.<ProgressReportSubmittedEvent.Figure>of() : event.figures()) {
            if (figure.targetId() != null && figure.value() != null) {
                record("""
                        INSERT INTO share_figure (share_id, target_id, value, period) VALUES (?, ?, ?, ?)
                        ON CONFLICT (share_id, target_id) DO UPDATE SET value = EXCLUDED.value, period = EXCLUDED.period
                        """, event.shareId(), figure.targetId(), figure.value(), event.period());
            }
        }
    }

    /**
     * An accepted report sets the share's last accepted period (the newest of them) and counts for the
     * unit's on-time rate; a period the share was found late for is then no longer open (its light may
     * turn green again only now).
     */
    @EventHandler
    void on(ProgressReportAcceptedEvent event, @Timestamp Instant at) {
        reviewed(event.reportId(), "ACCEPTED", event.reviewer(), event.comment(), at);
        write("""
                UPDATE task_share_view SET
                    last_review = CASE WHEN last_report_id = ? THEN 'ACCEPTED' ELSE last_review END,
                    last_review_comment = CASE WHEN last_report_id = ? THEN ? ELSE last_review_comment END,
                    last_accepted_period = CASE WHEN last_accepted_period IS NULL OR last_accepted_period <= ?
                        THEN ? ELSE last_accepted_period END,
                    last_accepted_at = ?,
                    periods_accepted = periods_accepted + 1,
                    periods_accepted_late = periods_accepted_late + (SELECT count(*) FROM share_overdue o
                        WHERE o.share_id = task_share_view.share_id AND o.period = ?),
                    overdue_open = GREATEST(overdue_open - (SELECT count(*) FROM share_overdue o
                        WHERE o.share_id = task_share_view.share_id AND o.period = ? AND NOT o.accepted), 0)
                WHERE share_id = ?
                """, event.reportId(), event.reportId(), event.comment(), event.period(), event.period(),
                at.atOffset(ZoneOffset.UTC), event.period(), event.period(), event.shareId());
        write("UPDATE share_overdue SET accepted = TRUE WHERE share_id = ? AND period = ?", event.shareId(), event.period());
    }

    @EventHandler
    void on(TaskShareScheduledEvent event) {
        write("""
                UPDATE task_share_view SET task_kind = ?, due_date = ?, reporting_cycle = ?,
                    owed_from = COALESCE(owed_from, ?)
                WHERE share_id = ?
                """,
                event.kind() == null ? null : event.kind().name(),
                event.dueDate() == null ? null : Date.valueOf(event.dueDate()),
                event.reportingCycle() == null ? null : event.reportingCycle().name(),
                event.owedFrom() == null ? null : Date.valueOf(event.owedFrom()), event.shareId());
    }

    @EventHandler
    void on(TaskShareClosedEvent event) {
        write("UPDATE task_share_view SET task_closed = ? WHERE share_id = ?", event.closed(), event.shareId());
    }

    /** The share is late for the period: its light stays red until a report for that period is accepted. */
    @EventHandler
    void on(ReportOverdueEvent event, @Timestamp Instant at) {
        write("""
                INSERT INTO share_overdue (share_id, period, due_date, found_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (share_id, period) DO NOTHING
                """, event.shareId(), event.period(), Date.valueOf(event.dueDate()), at.atOffset(ZoneOffset.UTC));
        write("""
                UPDATE task_share_view SET overdue_period = ?, overdue_due_date = ?, overdue_count = overdue_count + 1,
                    overdue_open = overdue_open + 1
                WHERE share_id = ?
                """, event.period(), Date.valueOf(event.dueDate()), event.shareId());
    }

    @EventHandler
    void on(ProgressReportReturnedEvent event, @Timestamp Instant at) {
        reviewed(event.reportId(), "RETURNED", event.reviewer(), event.reason(), at);
        write("""
                UPDATE task_share_view SET last_review = 'RETURNED', last_review_comment = ?
                WHERE share_id = ? AND last_report_id = ?
                """, event.reason(), event.shareId(), event.reportId());
    }

    private void reviewed(String reportId, String state, UnitRef reviewer, String comment, Instant at) {
        record("""
                UPDATE progress_report SET review_state = ?, reviewer_code = ?, reviewer_name = ?, review_comment = ?,
                    reviewed_at = ?
                WHERE report_id = ?
                """, state, reviewer == null ? null : reviewer.code(), reviewer == null ? null : reviewer.name(),
                comment, at.atOffset(ZoneOffset.UTC), reportId);
    }

    @EventHandler
    void on(UrgeIssuedEvent event, @Timestamp Instant at) {
        record("""
                INSERT INTO urge (urge_id, share_id, task_id, plan_id, task_number, task_title, unit_code, unit_name,
                    period, message, automatic, issued_by_code, issued_by_name, issued_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (urge_id) DO NOTHING
                """, event.urgeId(), event.shareId(), event.taskId(), event.planId(), event.taskNumber(),
                event.taskTitle(), event.unit().code(), event.unit().name(), event.period(), event.message(),
                event.automatic(), event.issuedBy() == null ? null : event.issuedBy().code(),
                event.issuedBy() == null ? null : event.issuedBy().name(), at.atOffset(ZoneOffset.UTC));
        write("UPDATE task_share_view SET urges_received = urges_received + 1, urges_unread = urges_unread + 1 WHERE share_id = ?",
                event.shareId());
    }

    @EventHandler
    void on(UrgeReadEvent event, @Timestamp Instant at) {
        record("UPDATE urge SET read_at = ? WHERE urge_id = ? AND read_at IS NULL", at.atOffset(ZoneOffset.UTC), event.urgeId());
        write("UPDATE task_share_view SET urges_unread = GREATEST(urges_unread - 1, 0) WHERE share_id = ?", event.shareId());
    }

    @EventHandler
    void on(TaskSummarySubmittedEvent event, @Timestamp Instant at) {
        record("""
                INSERT INTO task_summary (summary_id, share_id, task_id, plan_id, task_number, period, lead_unit_code,
                    lead_unit_name, text, submitted_at, review_state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SUBMITTED')
                ON CONFLICT (summary_id) DO NOTHING
                """, event.summaryId(), event.taskId() + ":" + event.leadUnit().code(), event.taskId(), event.planId(),
                event.taskNumber(), event.period(), event.leadUnit().code(), event.leadUnit().name(), event.text(),
                at.atOffset(ZoneOffset.UTC));
    }

    @EventHandler
    void on(TaskSummaryAcceptedEvent event, @Timestamp Instant at) {
        record("UPDATE task_summary SET review_state = ?, review_comment = ?, reviewed_at = ? WHERE summary_id = ?",
                "ACCEPTED", null, at.atOffset(ZoneOffset.UTC), event.summaryId());
    }

    @EventHandler
    void on(TaskSummaryReturnedEvent event, @Timestamp Instant at) {
        record("UPDATE task_summary SET review_state = ?, review_comment = ?, reviewed_at = ? WHERE summary_id = ?",
                "RETURNED", event.reason(), at.atOffset(ZoneOffset.UTC), event.summaryId());
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Queues a write until the unit of work is about to commit, then sends the queued writes in JDBC
     * batches (in order: consecutive writes of the same statement form one batch). The tracking
     * processor hands this projection up to batch-size events per unit of work, so a rebuild sends a
     * few round trips per batch instead of one per event; the writes still commit together with the
     * processor's token.
     */
    /**
     * Queues a write to the record tables ({@code progress_report}, {@code urge}, {@code task_summary},
     * {@code share_figure}). They
     * are flushed apart from the share rows: no statement of one set reads the tables of the other, so each
     * set keeps its own order and a batch of reports becomes a few JDBC batches instead of a round trip per
     * statement (the two sets' statements would otherwise alternate).
     */
    private void record(String sql, Object... args) {
        queue(PENDING_RECORDS, sql, args);
    }

    private void write(String sql, Object... args) {
        queue(PENDING_WRITES, sql, args);
    }

    private void queue(String key, String sql, Object... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof String text) {
                args[i] = storable(text);
            }
        }
        UntilCommit.queue(key, new PendingWrite(sql, args), this::flush);
    }

    /**
     * PostgreSQL text cannot hold NUL, and an event carrying one (a report or urge as a client sent it) must
     * not stop the views: the row keeps the text without it (the event keeps it as sent).
     */
    static String storable(String text) {
        return text.indexOf(0) < 0 ? text : text.replace("\0", "");
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
        jdbc.update("DELETE FROM progress_report");
        jdbc.update("DELETE FROM urge");
        jdbc.update("DELETE FROM share_overdue");
        jdbc.update("DELETE FROM share_figure");
        jdbc.update("DELETE FROM task_summary");
    }
}
