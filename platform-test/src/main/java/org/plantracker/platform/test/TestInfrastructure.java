package org.plantracker.platform.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real infrastructure tests run against: one embedded PostgreSQL server (the real server
 * binaries, shipped as a Maven artifact) and one single-node KRaft Kafka broker per test JVM,
 * started on first use and stopped when the JVM exits. Each Spring context gets a database of its
 * own, so tests never see each other's rows.
 */
public final class TestInfrastructure {

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;

    private TestInfrastructure() {
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                // synchronous_commit as in production (the embedded default is off), so tests see which
                // transactions commit asynchronously
                postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data directory is temporary
                }
            }));
        }
        return postgres;
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = new EmbeddedKafkaKraftBroker(1, 3);
            kafka.afterPropertiesSet();
            EmbeddedKafkaKraftBroker started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
        }
        return kafka.getBrokersAsString();
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String newDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).replace('-', '_');
        DataSource admin = postgres().getPostgresDatabase();
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return postgres().getJdbcUrl("postgres", name);
    }

    /**
     * Points a Spring test context at a fresh database, the shared broker (in a consumer group of its
     * own) and the test JWK set ({@link TestTokens}).
     * Call from a {@code @DynamicPropertySource} method.
     */
    public static void register(DynamicPropertyRegistry registry, String databasePrefix) {
        String url = newDatabase(databasePrefix);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        String brokers = kafkaBootstrapServers();
        registry.add("spring.kafka.bootstrap-servers", () -> brokers);
        // Spring keeps every test context alive for reuse: two contexts of a service in one consumer
        // group would split the topics' partitions between them, and each would miss the other's records
        String database = url.substring(url.lastIndexOf('/') + 1);
        String group = database.contains("?") ? database.substring(0, database.indexOf('?')) : database;
        registry.add("spring.kafka.consumer.group-id", () -> group);
        String jwks = TestTokens.jwkSetUri();
        registry.add("plan-tracker.security.jwk-set-uri", () -> jwks);
    }
}
