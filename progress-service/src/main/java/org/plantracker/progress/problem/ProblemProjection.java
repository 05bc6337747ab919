package org.plantracker.progress.problem;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.plantracker.progress.api.ProblemAnsweredEvent;
import org.plantracker.progress.api.ProblemClosedEvent;
import org.plantracker.progress.api.ProblemFlaggedGeneralEvent;
import org.plantracker.progress.api.ProblemRaisedEvent;
import org.plantracker.progress.query.TaskShareProjection;
import org.plantracker.progress.text.StorableText;
import org.plantracker.task.api.UnitKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Builds {@code problem} and {@code problem_raiser}, in the views' processor so a reset rebuilds them too.
 * Every text goes through {@link StorableText}: one holding NUL must not stop the views.
 */
@Component
@ProcessingGroup(TaskShareProjection.PROCESSING_GROUP)
public class ProblemProjection {

    private final JdbcTemplate jdbc;

    public ProblemProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProblemRaisedEvent event, @Timestamp Instant at) {
        if (!event.joined()) {
            jdbc.update("""
                    INSERT INTO problem (problem_id, plan_id, task_id, task_number, task_title, category, text, state, raised_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?) ON CONFLICT (problem_id) DO NOTHING
                    """, StorableText.args(event.problemId(), event.planId(), event.taskId(), event.taskNumber(), event.taskTitle(),
                    event.category(), event.text(), at.atOffset(ZoneOffset.UTC)));
        } else {
            jdbc.update("UPDATE problem SET state = 'OPEN' WHERE problem_id = ?", StorableText.args(event.problemId()));
        }
        int inserted = jdbc.update("""
                INSERT INTO problem_raiser (problem_id, unit_code, unit_name, unit_kind, text, joined, raised_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, StorableText.args(event.problemId(), event.raisedBy().code(), event.raisedBy().name(), event.raisedBy().kind().name(),
                event.text(), event.joined(), at.atOffset(ZoneOffset.UTC)));
        if (inserted == 1 && event.raisedBy().kind() == UnitKind.COUNTY_COMMITTEE) {
            jdbc.update("UPDATE problem SET county_count = county_count + 1 WHERE problem_id = ?",
                    StorableText.args(event.problemId()));
        }
    }

    @EventHandler
    void on(ProblemFlaggedGeneralEvent event) {
        jdbc.update("UPDATE problem SET general = TRUE WHERE problem_id = ?", StorableText.args(event.problemId()));
    }

    @EventHandler
    void on(ProblemAnsweredEvent event, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE problem SET state = 'ANSWERED', answer = ?, answered_by_code = ?, answered_by_name = ?, answered_at = ?,
                    escalated = escalated OR ?
                WHERE problem_id = ?
                """, StorableText.args(event.answer(), event.answeredBy() == null ? null : event.answeredBy().code(),
                event.answeredBy() == null ? null : event.answeredBy().name(), at.atOffset(ZoneOffset.UTC),
                event.escalated(), event.problemId()));
    }

    @EventHandler
    void on(ProblemClosedEvent event, @Timestamp Instant at) {
        jdbc.update("UPDATE problem SET state = 'CLOSED', close_comment = ?, closed_at = ? WHERE problem_id = ?",
                StorableText.args(event.comment(), at.atOffset(ZoneOffset.UTC), event.problemId()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM problem");
    }
}
