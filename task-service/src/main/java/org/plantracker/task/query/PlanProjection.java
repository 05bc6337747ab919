package org.plantracker.task.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.plantracker.platform.axon.EventMetadata;
import org.plantracker.task.api.PlanImportedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** The plans read model (plan_view, plan_section_view). */
@Component
@ProcessingGroup(ProjectionCatchUp.PROCESSING_GROUP)
public class PlanProjection {

    private final JdbcTemplate jdbc;

    public PlanProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PlanImportedEvent event, @Timestamp Instant at,
            @MetaDataValue(EventMetadata.ACTOR_USER) String importedBy) {
        int tasks = event.sections().stream().mapToInt(s -> s.taskNumbers().size()).sum();
        jdbc.update("""
                INSERT INTO plan_view (plan_id, title, region, document_sha256, imported_at, imported_by, warnings, task_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (plan_id) DO UPDATE SET title = EXCLUDED.title, region = EXCLUDED.region,
                    document_sha256 = EXCLUDED.document_sha256, imported_at = EXCLUDED.imported_at,
                    imported_by = EXCLUDED.imported_by, warnings = EXCLUDED.warnings, task_count = EXCLUDED.task_count
                """, event.planId(), event.title(), event.region(), event.documentSha256(), java.sql.Timestamp.from(at),
                importedBy, JsonColumns.write(event.warnings()), tasks);
        jdbc.update("DELETE FROM plan_section_view WHERE plan_id = ?", event.planId());
        jdbc.batchUpdate("INSERT INTO plan_section_view (plan_id, ordinal, numeral, title) VALUES (?, ?, ?, ?)",
                event.sections().stream().map(s -> new Object[]{event.planId(), s.ordinal(), s.numeral(), s.title()})
                        .toList());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM plan_view");
    }
}
