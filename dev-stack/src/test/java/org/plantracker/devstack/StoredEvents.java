package org.plantracker.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the stack's services stored, read from their event tables: how an end-to-end test sees that a refusal changed nothing. */
final class StoredEvents {

    private StoredEvents() {
    }

    /**
     * Events in any service's store whose metadata carries one of the given correlation ids, as
     * "database: payload type under id". {@code runPrefix} (every id starts with it) narrows the scan.
     */
    static List<String> under(DevStack stack, String runPrefix, Collection<String> correlationIds) throws SQLException {
        Set<String> ids = Set.copyOf(correlationIds);
        List<String> stored = new ArrayList<>();
        for (String database : List.of("task", "progress", "notification")) {
            try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(database), stack.databaseUser(), "")) {
                if (!hasEventStore(connection)) {
                    assertThat(database).as("task-service and progress-service are event-sourced").isEqualTo("notification");
                    continue;
                }
                try (PreparedStatement query = connection.prepareStatement("""
                        SELECT payloadtype, convert_from(metadata, 'UTF8') FROM domainevententry
                        WHERE convert_from(metadata, 'UTF8') LIKE ?""")) {
                    query.setString(1, "%" + runPrefix + "%");
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            String metadata = rows.getString(2);
                            for (String id : ids) {
                                if (metadata.contains("\"" + id + "\"")) {
                                    stored.add(database + ": " + rows.getString(1) + " under " + id);
                                }
                            }
                        }
                    }
                }
            }
        }
        return stored;
    }

    private static boolean hasEventStore(Connection connection) throws SQLException {
        try (ResultSet table = connection.createStatement().executeQuery("SELECT to_regclass('domainevententry') IS NOT NULL")) {
            return table.next() && table.getBoolean(1);
        }
    }
}
