package org.plantracker.task.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.plantracker.task.api.UnitAliasRecordedEvent;
import org.plantracker.task.api.UnitRegisteredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** The units read model (unit_view), built from the units registries' events. */
@Component
@ProcessingGroup(ProjectionCatchUp.PROCESSING_GROUP)
public class UnitProjection {

    private final JdbcTemplate jdbc;

    public UnitProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UnitRegisteredEvent event) {
        jdbc.update("""
                INSERT INTO unit_view (code, region, name, kind, aliases, members) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET region = EXCLUDED.region, name = EXCLUDED.name, kind = EXCLUDED.kind,
                    aliases = EXCLUDED.aliases, members = EXCLUDED.members
                """, event.code(), event.registryId(), event.name(), event.kind().name(),
                JsonColumns.write(event.aliases()), JsonColumns.write(event.members()));
    }

    @EventHandler
    void on(UnitAliasRecordedEvent event) {
        List<String> current = jdbc.query("SELECT aliases FROM unit_view WHERE code = ?",
                (rs, i) -> JsonColumns.read(rs.getString(1)), event.code()).stream().findFirst().orElse(null);
        if (current == null || current.contains(event.alias())) {
            return;
        }
        List<String> aliases = new ArrayList<>(current);
        aliases.add(event.alias());
        jdbc.update("UPDATE unit_view SET aliases = ? WHERE code = ?", JsonColumns.write(aliases), event.code());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM unit_view");
    }
}
