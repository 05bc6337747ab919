package org.plantracker.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The PostgreSQL server of the dev stack: the local server when one answers on 127.0.0.1:5432,
 * otherwise an embedded PostgreSQL (the real server binaries, shipped as a Maven artifact) whose
 * data directory survives restarts. Each service gets a database of its own.
 */
final class Postgres implements AutoCloseable {

    private final String host;
    private final int port;
    private final String user;
    private final EmbeddedPostgres embedded;

    private Postgres(String host, int port, String user, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.embedded = embedded;
    }

    static Postgres localOrEmbedded(boolean preferLocal, Path embeddedDataDir, int embeddedPort) throws IOException {
        if (preferLocal) {
            Optional<Postgres> local = local("127.0.0.1", 5432);
            if (local.isPresent()) {
                return local.get();
            }
        }
        Files.createDirectories(embeddedDataDir);
        EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                .setDataDirectory(embeddedDataDir)
                .setCleanDataDirectory(false)
                .setPort(embeddedPort)
                // the embedded server's default is off: an accepted report must survive a crash of the server
                .setServerConfig("synchronous_commit", "on")
                .start();
        return new Postgres("127.0.0.1", embedded.getPort(), "postgres", embedded);
    }

    private static Optional<Postgres> local(String host, int port) {
        for (String user : List.of("postgres", System.getProperty("user.name"))) {
            try (Connection ignored = connect(host, port, user, "postgres")) {
                return Optional.of(new Postgres(host, port, user, null));
            } catch (SQLException notThisWay) {
                // try the next user, then fall back to the embedded server
            }
        }
        return Optional.empty();
    }

    private static Connection connect(String host, int port, String user, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("connectTimeout", "2");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, props);
    }

    void ensureDatabase(String name) throws SQLException {
        try (Connection c = connect(host, port, user, "postgres")) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
        }
    }

    /**
     * An outage of one database as its service sees it, the server and the other databases untouched:
     * new connections are refused ({@code ALLOW_CONNECTIONS false}) and the open ones cut. The same
     * two statements as platform-test's {@code DatabaseOutage}, which the services' tests use; the
     * dev stack runs without the test libraries.
     */
    void refuseConnections(String database, boolean refuse) throws SQLException {
        try (Connection c = connect(host, port, user, "postgres"); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS " + !refuse);
            if (refuse) {
                try (PreparedStatement cut = c.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                    cut.setString(1, database);
                    cut.executeQuery().close();
                }
            }
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The server's postmaster, the parent of every backend (for freezing the server in a fault test). */
    long serverPid() throws SQLException {
        if (!isEmbedded()) {
            throw new IllegalStateException("only the embedded server belongs to the stack: not freezing " + describe());
        }
        try (Connection c = connect(host, port, user, "postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            long backend = rs.getLong(1);
            return ProcessHandle.of(backend).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)
                    .orElseThrow(() -> new IllegalStateException("no postmaster above backend " + backend));
        }
    }

    String user() {
        return user;
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    String describe() {
        return (isEmbedded() ? "embedded PostgreSQL" : "local PostgreSQL") + " at " + host + ":" + port;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
