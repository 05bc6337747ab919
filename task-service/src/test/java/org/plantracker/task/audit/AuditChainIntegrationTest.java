package org.plantracker.task.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.plantracker.platform.audit.AuditChainSealer;
import org.plantracker.platform.audit.AuditChainVerifier;
import org.plantracker.platform.audit.AuditChainVerifier.Kind;
import org.plantracker.platform.audit.AuditChainVerifier.Report;
import org.plantracker.platform.audit.AuditVerifierCli;
import org.plantracker.platform.audit.ChainHashes;
import org.plantracker.platform.security.Roles;
import org.plantracker.platform.test.Await;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tamper-evident chain over task-service's event table, on real PostgreSQL: every stored event is
 * sealed by the audit-chain processor, the head is signed, and rows of DomainEventEntry edited,
 * deleted, inserted or reordered directly in the database are each found, with the first broken
 * position, by the service's verify endpoint, the verifier itself and the command-line verifier.
 * Each tampering runs in a transaction the verifier reads through and that is then rolled back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class AuditChainIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path DIR = tempDir();
    private static final Path KEY_FILE = DIR.resolve("task-service.key");
    private static final Path CHECKPOINT_FILE = DIR.resolve("checkpoints.jsonl");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "task_audit");
        registry.add("plan-tracker.audit.key-file", KEY_FILE::toString);
        registry.add("plan-tracker.audit.checkpoint-file", CHECKPOINT_FILE::toString);
        // checkpoints only when the test asks for them
        registry.add("plan-tracker.audit.checkpoint-interval", () -> "PT1H");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    AuditChainVerifier verifier;
    @Autowired
    AuditChainSealer sealer;

    @Test
    @Order(1)
    void everyStoredEventIsSealedAndTheSignedHeadVerifies() throws Exception {
        long stored = storedEvents();
        assertThat(stored).as("the units registered at start").isGreaterThanOrEqualTo(30);
        Await.until(() -> sealed() == stored, Duration.ofSeconds(30), "every stored event sealed");

        // the chain is SHA-256(previous || the row's canonical bytes), link after link, in the sealing order
        String previous = ChainHashes.GENESIS;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT c.chain_hash, e.* FROM audit_chain c JOIN DomainEventEntry e "
                     + "ON e.globalIndex = c.global_index ORDER BY c.seq")) {
            while (row.next()) {
                previous = ChainHashes.link(previous, ChainHashes.canonical(row));
                assertThat(row.getString("chain_hash")).isEqualTo(previous);
            }
        }

        // a replayed event (a processor reset) is not sealed twice
        sealer.seal(jdbc.queryForObject("SELECT eventIdentifier FROM DomainEventEntry ORDER BY globalIndex LIMIT 1", String.class));
        assertThat(sealed()).isEqualTo(stored);

        HttpResponse<String> signed = call("POST", "/api/audit/checkpoints", TestTokens.supervisor("jixi-committee"));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        assertThat(JSON.readTree(signed.body()).path("chainHash").asText()).isEqualTo(previous);
        assertThat(call("POST", "/api/audit/checkpoints", TestTokens.supervisor("jixi-committee")).statusCode())
                .as("nothing sealed since").isEqualTo(204);
        assertThat(Files.readAllLines(CHECKPOINT_FILE)).as("the checkpoint kept outside the database").hasSize(1);

        HttpResponse<String> verified = call("GET", "/api/audit/verify", TestTokens.bearer("jixi-inspection", Roles.AUDITOR));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(verified.body());
        assertThat(report.path("intact").asBoolean()).as(verified.body()).isTrue();
        assertThat(report.path("sealedEvents").asLong()).isEqualTo(stored);
        assertThat(report.path("checkpoints").asInt()).isEqualTo(1);
        assertThat(report.path("firstBrokenPosition").isMissingNode() || report.path("firstBrokenPosition").isNull()).isTrue();

        assertThat(call("GET", "/api/audit/verify", TestTokens.unit("jixi-propaganda")).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/audit/verify", null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/audit/checkpoints", TestTokens.bearer("jixi-inspection", Roles.AUDITOR)).statusCode())
                .as("auditors only read").isEqualTo(403);
    }

    @Test
    @Order(2)
    void anEditedEventIsFoundAtItsPosition() throws Exception {
        long p = position(10);
        Report report = tampered(c -> update(c, "UPDATE DomainEventEntry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                + "'jixi', 'jixl'), 'UTF8') WHERE globalIndex = " + p));
        assertBroken(report, p, Kind.ALTERED);

        long q = position(5);
        Report actor = tampered(c -> update(c, "UPDATE DomainEventEntry SET metaData = convert_to(replace(convert_from(metaData, 'UTF8'), "
                + "'system', 'someone-else'), 'UTF8') WHERE globalIndex = " + q));
        assertBroken(actor, q, Kind.ALTERED);
    }

    @Test
    @Order(3)
    void aDeletedEventIsFoundAtItsPosition() throws Exception {
        long p = position(12);
        assertBroken(tampered(c -> update(c, "DELETE FROM DomainEventEntry WHERE globalIndex = " + p)), p, Kind.DELETED);
        long last = position(-1);
        assertBroken(tampered(c -> update(c, "DELETE FROM DomainEventEntry WHERE globalIndex = " + last)), last, Kind.DELETED);
    }

    @Test
    @Order(4)
    void anInsertedEventIsFound() throws Exception {
        // a forged event dated in the past, before all others
        assertBroken(tampered(c -> update(c, "INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type, "
                + "eventIdentifier, metaData, payload, payloadType, timeStamp) SELECT 0, aggregateIdentifier, 99, type, 'forged-1', "
                + "metaData, payload, payloadType, '2022-03-01T08:00:00Z' FROM DomainEventEntry WHERE globalIndex = " + position(3))),
                0, Kind.INSERTED);
        // dated now, below links made long ago
        Report recent = tampered(c -> {
            update(c, "UPDATE audit_chain SET sealed_at = now() - interval '1 hour'");
            update(c, "INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type, "
                    + "eventIdentifier, metaData, payload, payloadType, timeStamp) SELECT 0, aggregateIdentifier, 99, type, 'forged-1', "
                    + "metaData, payload, payloadType, timeStamp FROM DomainEventEntry WHERE globalIndex = " + position(-1));
        });
        assertBroken(recent, 0, Kind.INSERTED);

        // a forged event slipped in at position p, the rows from p on moved one place up to make room
        long p = position(7);
        Report shifted = tampered(c -> {
            update(c, "UPDATE DomainEventEntry SET globalIndex = globalIndex + 1000000 WHERE globalIndex >= " + p);
            update(c, "UPDATE DomainEventEntry SET globalIndex = globalIndex - 999999 WHERE globalIndex >= 1000000");
            update(c, "INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
                    + "metaData, payload, payloadType, timeStamp) SELECT " + p + ", aggregateIdentifier, 99, type, 'forged-2', "
                    + "metaData, payload, payloadType, timeStamp FROM DomainEventEntry WHERE globalIndex = " + (p + 1));
        });
        assertBroken(shifted, p, Kind.REPLACED);
    }

    @Test
    @Order(5)
    void reorderedEventsAreFoundAtTheFirstMovedPosition() throws Exception {
        long a = position(8);
        long b = position(15);
        Report report = tampered(c -> {
            update(c, "UPDATE DomainEventEntry SET globalIndex = -1 WHERE globalIndex = " + a);
            update(c, "UPDATE DomainEventEntry SET globalIndex = " + a + " WHERE globalIndex = " + b);
            update(c, "UPDATE DomainEventEntry SET globalIndex = " + b + " WHERE globalIndex = -1");
        });
        assertBroken(report, a, Kind.REPLACED);
        assertThat(report.problems()).extracting(AuditChainVerifier.Problem::position).contains(a, b);
    }

    @Test
    @Order(6)
    void aChainRewrittenToMatchAnEditIsFoundByTheSignedCheckpoint() throws Exception {
        long p = position(9);
        Report report = tampered(c -> {
            update(c, "UPDATE DomainEventEntry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'jixi', 'jixl'), 'UTF8') "
                    + "WHERE globalIndex = " + p);
            rewriteChain(c);
        });
        assertThat(report.intact()).isFalse();
        assertThat(report.problems()).extracting(AuditChainVerifier.Problem::kind).containsExactly(Kind.CHECKPOINT_MISMATCH);

        // and a checkpoint re-made to match no longer carries a valid signature
        Report resigned = tampered(c -> {
            update(c, "UPDATE DomainEventEntry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'jixi', 'jixl'), 'UTF8') "
                    + "WHERE globalIndex = " + p);
            rewriteChain(c);
            update(c, "UPDATE audit_checkpoint SET chain_hash = (SELECT chain_hash FROM audit_chain WHERE audit_chain.seq = audit_checkpoint.seq)");
        });
        assertThat(resigned.problems()).extracting(AuditChainVerifier.Problem::kind).containsExactly(Kind.BAD_SIGNATURE);
    }

    @Test
    @Order(7)
    void theEndpointAndTheCommandLineVerifierReportACommittedEdit() throws Exception {
        long p = position(11);
        byte[] original = jdbc.queryForObject("SELECT metaData FROM DomainEventEntry WHERE globalIndex = ?", byte[].class, p);
        String[] cli = {"--url", jdbcUrl(), "--user", "postgres", "--password", "", "--service", "task-service",
                "--key-file", KEY_FILE.toString(), "--checkpoints", CHECKPOINT_FILE.toString()};
        assertThat(runCli(cli).exit()).isZero();

        jdbc.update("UPDATE DomainEventEntry SET metaData = convert_to(replace(convert_from(metaData, 'UTF8'), 'system', 'intruder'), "
                + "'UTF8') WHERE globalIndex = ?", p);
        try {
            JsonNode report = JSON.readTree(call("GET", "/api/audit/verify", TestTokens.supervisor("jixi-committee")).body());
            assertThat(report.path("intact").asBoolean()).isFalse();
            assertThat(report.path("firstBrokenPosition").asLong()).isEqualTo(p);
            assertThat(report.path("problems").get(0).path("kind").asText()).isEqualTo("ALTERED");

            CliRun broken = runCli(cli);
            assertThat(broken.exit()).as(broken.out()).isEqualTo(1);
            assertThat(JSON.readTree(broken.out()).path("firstBrokenPosition").asLong()).isEqualTo(p);

            // the checkpoint file outside the database still exposes a rewrite after the table's checkpoints are gone
            jdbc.update("DELETE FROM audit_checkpoint");
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                rewriteChain(c);
                c.commit();
            }
            CliRun rewritten = runCli(cli);
            assertThat(rewritten.exit()).as(rewritten.out()).isEqualTo(1);
            assertThat(rewritten.out()).contains("CHECKPOINT_MISMATCH");
        } finally {
            jdbc.update("UPDATE DomainEventEntry SET metaData = ? WHERE globalIndex = ?", original, p);
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                rewriteChain(c);
                c.commit();
            }
        }
        assertThat(runCli(cli).exit()).as("restored").isZero();
        assertThat(runCli(new String[]{"--url", jdbcUrl()}).exit()).as("usage").isEqualTo(2);
    }

    @Test
    @Order(8)
    void anExportForInspectorsIsCheckedWithThePublicKeyAloneAndAnyChangeToItIsFound() throws Exception {
        String auditor = TestTokens.bearer("jixi-inspection", Roles.AUDITOR);
        HttpResponse<String> whole = call("GET", "/api/audit/export", auditor);
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment"));
        JsonNode export = JSON.readTree(whole.body());
        assertThat(export.path("manifest").path("count").asLong()).isEqualTo(storedEvents());
        String publicKey = JSON.readTree(call("GET", "/api/audit/key", auditor).body()).path("publicKey").asText();

        Path file = DIR.resolve("export.json");
        Files.writeString(file, whole.body());
        String[] check = {"--export", file.toString(), "--public-key", publicKey};
        CliRun sound = runCli(check);
        assertThat(sound.exit()).as(sound.out()).isZero();

        // a stretch from link 5: it starts from link 4's hash and still checks
        JsonNode stretch = JSON.readTree(call("GET", "/api/audit/export?from=5&limit=10", auditor).body());
        assertThat(stretch.path("links")).hasSize(10);
        assertThat(stretch.path("manifest").path("previousChainHash").asText())
                .isEqualTo(jdbc.queryForObject("SELECT chain_hash FROM audit_chain WHERE seq = 4", String.class));
        Files.writeString(file, stretch.toString());
        assertThat(runCli(check).exit()).isZero();

        // a row changed in the file, two links swapped, the manifest's count changed: each is found
        com.fasterxml.jackson.databind.node.ObjectNode changedRow = (com.fasterxml.jackson.databind.node.ObjectNode) export.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode link = (com.fasterxml.jackson.databind.node.ObjectNode) changedRow.path("links").get(3);
        byte[] row = java.util.Base64.getDecoder().decode(link.path("row").asText());
        row[row.length - 2] ^= 1;
        link.put("row", java.util.Base64.getEncoder().encodeToString(row));
        Files.writeString(file, changedRow.toString());
        CliRun rowFound = runCli(check);
        assertThat(rowFound.exit()).isEqualTo(1);
        assertThat(rowFound.out()).contains("position " + link.path("position").asLong() + ": the row does not hash");

        com.fasterxml.jackson.databind.node.ObjectNode swapped = (com.fasterxml.jackson.databind.node.ObjectNode) export.deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode links = (com.fasterxml.jackson.databind.node.ArrayNode) swapped.path("links");
        JsonNode second = links.get(1);
        links.set(1, links.get(2));
        links.set(2, second);
        Files.writeString(file, swapped.toString());
        assertThat(runCli(check).exit()).isEqualTo(1);

        com.fasterxml.jackson.databind.node.ObjectNode recounted = (com.fasterxml.jackson.databind.node.ObjectNode) export.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) recounted.path("manifest")).put("count", 3);
        Files.writeString(file, recounted.toString());
        CliRun manifest = runCli(check);
        assertThat(manifest.exit()).isEqualTo(1);
        assertThat(manifest.out()).contains("signature does not verify");

        assertThat(call("GET", "/api/audit/export", TestTokens.unit("jixi-propaganda")).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/audit/export?limit=0", auditor).statusCode()).isEqualTo(400);
    }

    // --- helpers

    interface Tampering {
        void apply(Connection c) throws SQLException;
    }

    private Report tampered(Tampering tampering) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                tampering.apply(c);
                return verifier.verify(c, "task-service", List.of());
            } finally {
                c.rollback();
            }
        }
    }

    private static void assertBroken(Report report, long position, Kind kind) {
        assertThat(report.intact()).as("%s", report).isFalse();
        assertThat(report.firstBrokenPosition()).as("%s", report).isEqualTo(position);
        assertThat(report.problems().get(0).kind()).as("%s", report).isEqualTo(kind);
    }

    /** Recomputes every link from the rows as they are now: what an intruder with the database would do. */
    private static void rewriteChain(Connection c) throws SQLException {
        String previous = ChainHashes.GENESIS;
        try (Statement s = c.createStatement(); ResultSet row = s.executeQuery("SELECT c.seq, e.* FROM audit_chain c "
                + "JOIN DomainEventEntry e ON e.globalIndex = c.global_index ORDER BY c.seq");
             PreparedStatement update = c.prepareStatement("UPDATE audit_chain SET chain_hash = ? WHERE seq = ?")) {
            while (row.next()) {
                previous = ChainHashes.link(previous, ChainHashes.canonical(row));
                update.setString(1, previous);
                update.setLong(2, row.getLong("seq"));
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** The n-th stored event's position (1-based), or the last one's for -1. */
    private long position(int n) {
        return n < 0
                ? jdbc.queryForObject("SELECT max(globalIndex) FROM DomainEventEntry", Long.class)
                : jdbc.queryForObject("SELECT globalIndex FROM DomainEventEntry ORDER BY globalIndex OFFSET ? LIMIT 1", Long.class, n - 1);
    }

    private long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
    }

    private long sealed() {
        return jdbc.queryForObject("SELECT count(*) FROM audit_chain", Long.class);
    }

    private String jdbcUrl() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getURL();
        }
    }

    record CliRun(int exit, String out) {
    }

    private static CliRun runCli(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AuditVerifierCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> call(String method, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("audit-chain-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
