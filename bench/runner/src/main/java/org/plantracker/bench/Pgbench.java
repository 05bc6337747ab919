package org.plantracker.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's limit for the work an event store does: PostgreSQL's own pgbench committing rows
 * shaped like a stored event (about 300 bytes of bytea, the event table's indexes) with nothing
 * else in the way.
 */
final class Pgbench {

    /** rows per second committed, transactions per second, mean latency. */
    record Result(String name, int clients, int rowsPerTransaction, double tps, double meanLatencyMillis) {
        double rowsPerSecond() {
            return tps * rowsPerTransaction;
        }
    }

    /** The services' event store schema: the table pgbench writes is built from it, so it cannot drift. */
    static final String EVENT_STORE_MIGRATION = "platform/src/main/resources/db/platform/V0_1__axon_event_store.sql";
    private static final Pattern EVENT_TABLE = Pattern.compile("CREATE TABLE DomainEventEntry \\((.*?)\\n\\);", Pattern.DOTALL);

    private static final String ROW = "(gen_random_uuid()::text, 0, 'TaskShare', gen_random_uuid()::text, "
            + "convert_to('{\"correlation-id\":\"c\",\"actor-unit\":\"u\"}', 'UTF8'), convert_to(repeat('x', 300), 'UTF8'), "
            + "'org.plantracker.progress.api.ProgressReportSubmittedEvent', now()::text)";
    private static final String COLUMNS = "INSERT INTO bench_event (aggregateIdentifier, sequenceNumber, type, "
            + "eventIdentifier, metaData, payload, payloadType, timeStamp) ";

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private Pgbench() {
    }

    static Optional<String> executable() {
        for (String candidate : List.of("/usr/bin/pgbench", "/usr/local/bin/pgbench")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(candidate);
            }
        }
        try (var dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
            return dirs.map(d -> d.resolve("bin/pgbench")).filter(Files::isExecutable).map(Path::toString).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** DROP and CREATE of {@code bench_event}: DomainEventEntry's columns, types and indexes under another name. */
    static String eventTableLike(Path repoRoot) throws IOException {
        Matcher table = EVENT_TABLE.matcher(Files.readString(repoRoot.resolve(EVENT_STORE_MIGRATION)));
        if (!table.find()) {
            throw new IllegalStateException("no CREATE TABLE DomainEventEntry in " + EVENT_STORE_MIGRATION);
        }
        return "DROP TABLE IF EXISTS bench_event;\nCREATE TABLE bench_event (" + table.group(1) + "\n);";
    }

    static Result run(String executable, String jdbcUrl, String user, Path repoRoot, Path workDir, int clients,
                      int rowsPerTransaction, int seconds) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
             Statement s = c.createStatement()) {
            s.execute(eventTableLike(repoRoot));
        }
        String script = rowsPerTransaction == 1 ? COLUMNS + "VALUES " + ROW + ";\n"
                : COLUMNS + "SELECT " + ROW.substring(1, ROW.length() - 1) + " FROM generate_series(1, " + rowsPerTransaction + ");\n";
        Path file = workDir.resolve("pgbench-" + rowsPerTransaction + ".sql");
        Files.writeString(file, script);
        // jdbc:postgresql://host:port/db
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.+)").matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException(jdbcUrl);
        }
        Process process = new ProcessBuilder(executable, "-n", "-c", String.valueOf(clients), "-j", "2",
                "-T", String.valueOf(seconds), "-f", file.toString(), "-h", m.group(1), "-p", m.group(2), "-U", user, m.group(3))
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + out);
        }
        Matcher tps = TPS.matcher(out);
        Matcher latency = LATENCY.matcher(out);
        if (!tps.find() || !latency.find()) {
            throw new IllegalStateException("cannot read pgbench's output:\n" + out);
        }
        return new Result("pgbench, " + rowsPerTransaction + (rowsPerTransaction == 1 ? " row" : " rows") + "/commit",
                clients, rowsPerTransaction, Double.parseDouble(tps.group(1)), Double.parseDouble(latency.group(1)));
    }
}
