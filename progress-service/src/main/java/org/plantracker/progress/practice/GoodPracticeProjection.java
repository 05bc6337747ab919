package org.plantracker.progress.practice;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.plantracker.progress.api.GoodPracticePublishedEvent;
import org.plantracker.progress.api.GoodPracticeSubmittedEvent;
import org.plantracker.progress.query.TaskShareProjection;
import org.plantracker.progress.text.StorableText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;

/** Builds {@code good_practice}, in the views' processor so a reset rebuilds it too. */
@Component
@ProcessingGroup(TaskShareProjection.PROCESSING_GROUP)
public class GoodPracticeProjection {

    private final JdbcTemplate jdbc;

    public GoodPracticeProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(GoodPracticeSubmittedEvent event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO good_practice (practice_id, plan_id, task_id, task_number, task_title, unit_code, unit_name,
                    unit_kind, title, text, submitted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (practice_id) DO NOTHING
                """, StorableText.args(event.practiceId(), event.planId(), event.taskId(), event.taskNumber(), event.taskTitle(),
                event.unit().code(), event.unit().name(), event.unit().kind().name(), event.title(), event.text(),
                at.atOffset(ZoneOffset.UTC)));
    }

    @EventHandler
    void on(GoodPracticePublishedEvent event, @Timestamp Instant at) {
        jdbc.update("UPDATE good_practice SET published_at = ? WHERE practice_id = ?", StorableText.args(at.atOffset(ZoneOffset.UTC),
                event.practiceId()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM good_practice");
    }
}
