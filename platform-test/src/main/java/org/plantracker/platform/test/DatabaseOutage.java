package org.plantracker.platform.test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes one PostgreSQL database unavailable to its service, as an outage would: new connections are
 * refused and the open ones are cut. Works through an administrator's connection to the server
 * (another database), which the outage does not touch.
 */
public final class DatabaseOutage implements AutoCloseable {

    private final DataSource admin;
    private final String database;
    private boolean active;

    private DatabaseOutage(DataSource admin, String database) {
        this.admin = admin;
        this.database = database;
    }

    /** @param jdbcUrl the service's database URL, e.g. jdbc:postgresql://localhost:5432/progress_1a2b?user=postgres */
    public static DatabaseOutage of(DataSource admin, String jdbcUrl) {
        String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        return new DatabaseOutage(admin, name.contains("?") ? name.substring(0, name.indexOf('?')) : name);
    }

    /** An outage of a database on the tests' embedded server. */
    public static DatabaseOutage ofEmbedded(String jdbcUrl) {
        return of(TestInfrastructure.postgres().getPostgresDatabase(), jdbcUrl);
    }

    public void begin() {
        execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS false");
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                + "' AND pid <> pg_backend_pid()");
        active = true;
    }

    public void end() {
        execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS true");
        active = false;
    }

    private void execute(String sql) {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    @Override
    public void close() {
        if (active) {
            end();
        }
    }
}
