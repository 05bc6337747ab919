package org.plantracker.task;

import org.junit.jupiter.api.Test;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * task-service run as a role of its own, owning only its database (as docker/postgres-init.sql sets
 * it up), not as the superuser: its migrations run, it stores the imported plan's events and seals
 * them into the audit chain; and that role can read and append events but neither UPDATE, DELETE nor
 * TRUNCATE the event table or the audit chain (migration V0_9), nor reach another service's database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class LeastPrivilegeIntegrationTest {

    private static final String ROLE = "task_service_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = UUID.randomUUID().toString();
    private static String database;
    private static String otherService;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws SQLException {
        // not TestInfrastructure.register: its superuser datasource would win over the role's below
        String brokers = TestInfrastructure.kafkaBootstrapServers();
        registry.add("spring.kafka.bootstrap-servers", () -> brokers);
        registry.add("spring.kafka.consumer.group-id", () -> ROLE);
        String jwks = TestTokens.jwkSetUri();
        registry.add("plan-tracker.security.jwk-set-uri", () -> jwks);
        DataSource admin = TestInfrastructure.postgres().getPostgresDatabase();
        database = "plan_tracker_task_" + ROLE.substring(ROLE.lastIndexOf('_') + 1);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "' NOSUPERUSER NOCREATEDB NOCREATEROLE");
            s.execute("CREATE DATABASE " + database + " OWNER " + ROLE);
            s.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            // another service's database, as the init script makes it: only its own role connects
            otherService = database.replace("_task_", "_progress_");
            s.execute("CREATE DATABASE " + otherService);
            s.execute("REVOKE ALL ON DATABASE " + otherService + " FROM PUBLIC");
        }
        String url = url(database);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> ROLE);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }

    @LocalServerPort
    int port;

    @Test
    void theServiceRoleAppendsEventsButCannotRewriteOrDeleteThem() throws Exception {
        HttpResponse<String> imported = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/plans/import"))
                        .header("Authorization", TestTokens.supervisor("jixi-committee"))
                        .header("Content-Type", "text/plain; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(seed(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);

        try (Connection service = connect(database); Statement s = service.createStatement()) {
            long events = count(s, "SELECT count(*) FROM domainevententry");
            assertThat(events).isGreaterThan(90);
            // the audit-chain processor seals them as this role too (it appends, and never needs more)
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (count(s, "SELECT count(*) FROM audit_chain") < events && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(count(s, "SELECT count(*) FROM audit_chain")).as("events sealed into the chain").isGreaterThanOrEqualTo(events);
            for (String statement : new String[]{
                    "UPDATE domainevententry SET payload = payload WHERE globalindex = (SELECT min(globalindex) FROM domainevententry)",
                    "DELETE FROM domainevententry WHERE globalindex = (SELECT min(globalindex) FROM domainevententry)",
                    "TRUNCATE domainevententry",
                    "UPDATE audit_chain SET chain_hash = chain_hash",
                    "DELETE FROM audit_chain",
                    "DELETE FROM audit_checkpoint"}) {
                assertThatThrownBy(() -> s.executeUpdate(statement)).as(statement)
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            }
            assertThat(count(s, "SELECT count(*) FROM domainevententry")).as("nothing was removed").isGreaterThan(90);
            // and the role is no superuser that would bypass all of this
            assertThat(count(s, "SELECT count(*) FROM pg_roles WHERE rolname = current_user AND rolsuper")).isZero();
        }
        assertThatThrownBy(() -> connect(otherService).close()).as("another service's database")
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
    }

    private static Connection connect(String name) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", ROLE);
        props.setProperty("password", PASSWORD);
        return DriverManager.getConnection(url(name), props);
    }

    /** The database's URL without the embedded server's {@code ?user=postgres}, which would win over the role given. */
    private static String url(String name) {
        String url = TestInfrastructure.postgres().getJdbcUrl("postgres", name);
        return url.indexOf('?') < 0 ? url : url.substring(0, url.indexOf('?'));
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String seed() throws Exception {
        try (InputStream in = LeastPrivilegeIntegrationTest.class.getResourceAsStream("/plans/jixi-responsibility-plan-2022.zh.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
