package org.plantracker.devstack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs where this project is built, so docker-compose.yml cannot be started here.
 * This test keeps it honest instead: the services it names, their ports, databases, topics'
 * broker, secrets and health checks must agree with the code and its configuration.
 */
class ComposeFileTest {

    private static final Path ROOT = RepoRoot.path();
    private static final List<String> SERVICES = List.of("task-service", "progress-service", "notification-service");
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readCompose() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void namesExactlyTheInfrastructureTheServicesAndTheGateway() {
        assertThat(services.keySet()).containsExactlyInAnyOrder(
                "postgres", "kafka", "object-store", "task-service", "progress-service", "notification-service", "gateway");
    }

    @Test
    void progressServiceKeepsTheEvidenceInTheObjectStoreWithItsCredentials() {
        Map<String, Object> progress = environment("progress-service");
        Map<String, Object> store = environment("object-store");
        assertThat(progress.get("PLAN_TRACKER_EVIDENCE_S3_ENDPOINT")).isEqualTo("http://object-store:9000");
        assertThat(progress.get("PLAN_TRACKER_EVIDENCE_S3_ACCESS_KEY")).isEqualTo(store.get("MINIO_ROOT_USER"));
        assertThat(progress.get("PLAN_TRACKER_EVIDENCE_S3_SECRET_KEY")).isEqualTo(store.get("MINIO_ROOT_PASSWORD"));
        assertThat(String.valueOf(progress.get("PLAN_TRACKER_EVIDENCE_S3_CREATE_BUCKET"))).isEqualTo("true");
    }

    @Test
    void eachServiceRunsOnThePortAndDatabaseItsOwnConfigurationNames() throws IOException {
        for (String name : SERVICES) {
            Properties own = applicationProperties(name);
            Map<String, Object> env = environment(name);
            assertThat(env.get("SERVER_PORT")).as(name + " port").hasToString(own.getProperty("server.port"));
            assertThat(String.valueOf(env.get("SPRING_DATASOURCE_URL")))
                    .as(name + " database").endsWith("/" + databaseName(own.getProperty("spring.datasource.url")));
            assertThat(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).as(name + " broker").isEqualTo("kafka:9092");
            assertThat(env).as(name + " holds no secret that could sign a token").doesNotContainKey("PLAN_TRACKER_SECURITY_JWT_SECRET");
            assertThat(env.get("PLAN_TRACKER_SECURITY_JWK_SET_URI")).as(name + " verifies against the gateway's public keys")
                    .isEqualTo("http://gateway:" + port("gateway") + "/.well-known/jwks.json");
            assertHealthCheckOnPort(name, own.getProperty("server.port"));
        }
    }

    @Test
    void eachServiceKeepsItsAuditKeyAndCheckpointsOnAVolumeOfItsOwn() {
        List<String> volumes = new java.util.ArrayList<>();
        for (String name : SERVICES) {
            Map<String, Object> env = environment(name);
            assertThat(String.valueOf(env.get("PLAN_TRACKER_AUDIT_KEY_FILE"))).as(name).startsWith("/var/lib/plan-tracker/");
            assertThat(String.valueOf(env.get("PLAN_TRACKER_AUDIT_CHECKPOINT_FILE"))).as(name).startsWith("/var/lib/plan-tracker/");
            Object mounted = services.get(name).get("volumes");
            assertThat(mounted).as(name).asString().contains(":/var/lib/plan-tracker");
            volumes.add(String.valueOf(mounted));
        }
        assertThat(volumes).doesNotHaveDuplicates();
    }

    @Test
    void onlyTheGatewayHoldsTheSigningKeyAndItComesFromTheEnvironment() {
        Map<String, Object> env = environment("gateway");
        assertThat(String.valueOf(env.get("PLAN_TRACKER_SECURITY_SIGNING_KEY"))).startsWith("${PLAN_TRACKER_SIGNING_KEY:?");
        assertThat(env).doesNotContainKey("PLAN_TRACKER_SECURITY_JWT_SECRET");
    }

    @Test
    void everyProcessStartsInProductionModeWithoutDemoAccountsUnlessAskedFor() {
        for (String name : List.of("task-service", "progress-service", "notification-service", "gateway")) {
            Object profiles = environment(name).get("SPRING_PROFILES_ACTIVE");
            assertThat(profiles == null ? "" : String.valueOf(profiles)).as(name).doesNotContain("dev");
        }
    }

    @Test
    void everyDatabaseAServiceUsesIsCreatedByTheInitScript() throws IOException {
        String init = Files.readString(ROOT.resolve("docker/postgres-init.sql"));
        for (String name : SERVICES) {
            String database = databaseName(applicationProperties(name).getProperty("spring.datasource.url"));
            assertThat(init).as(name).contains("CREATE DATABASE " + database + ";");
        }
    }

    @Test
    void theGatewayRoutesToTheComposeServicesOnTheirPortsAndIsTheOnlyPublishedPort() throws IOException {
        Properties gateway = applicationProperties("gateway");
        Map<String, Object> env = environment("gateway");
        assertThat(env.get("SERVER_PORT")).hasToString(gateway.getProperty("server.port"));
        assertThat(env.get("PLAN_TRACKER_SERVICES_TASK_URL")).isEqualTo("http://task-service:" + port("task-service"));
        assertThat(env.get("PLAN_TRACKER_SERVICES_PROGRESS_URL")).isEqualTo("http://progress-service:" + port("progress-service"));
        assertThat(env.get("PLAN_TRACKER_SERVICES_NOTIFICATION_URL"))
                .isEqualTo("http://notification-service:" + port("notification-service"));
        // the gateway's own defaults point at the same ports the dev stack uses
        assertThat(gateway.getProperty("plan-tracker.services.task-url")).endsWith(":" + port("task-service"));
        assertThat(gateway.getProperty("plan-tracker.services.progress-url")).endsWith(":" + port("progress-service"));
        assertThat(gateway.getProperty("plan-tracker.services.notification-url")).endsWith(":" + port("notification-service"));
        assertHealthCheckOnPort("gateway", gateway.getProperty("server.port"));
        for (String name : SERVICES) {
            assertThat(services.get(name)).as(name + " is reached only through the gateway").doesNotContainKey("ports");
        }
        assertThat(services.get("gateway").get("ports")).asString().contains("8080:8080");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyContainerHasAHealthCheckAndAMemoryLimit() {
        services.forEach((name, service) -> {
            assertThat(service).as(name).containsKey("healthcheck");
            Map<String, Object> deploy = (Map<String, Object>) service.get("deploy");
            assertThat(deploy).as(name + " deploy").isNotNull();
            Map<String, Object> limits = (Map<String, Object>) ((Map<String, Object>) deploy.get("resources")).get("limits");
            assertThat(limits).as(name + " limits").containsKey("memory");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void imagesAreBuiltFromEachModulesRunnableJar() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("COPY ${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT-exec.jar");
        String parentPom = Files.readString(ROOT.resolve("pom.xml"));
        assertThat(parentPom).contains("<classifier>exec</classifier>").contains("<version>0.1.0-SNAPSHOT</version>");
        for (String name : List.of("task-service", "progress-service", "notification-service", "gateway")) {
            Map<String, Object> build = (Map<String, Object>) services.get(name).get("build");
            assertThat(((Map<String, Object>) build.get("args")).get("MODULE")).isEqualTo(name);
            assertThat(ROOT.resolve(name).resolve("pom.xml")).exists();
        }
    }

    private static void assertHealthCheckOnPort(String name, String port) {
        assertThat(services.get(name).get("healthcheck")).asString()
                .contains("http://localhost:" + port + "/actuator/health");
    }

    private static String port(String service) throws IOException {
        return applicationProperties(service).getProperty("server.port");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) {
        return (Map<String, Object>) services.get(service).get("environment");
    }

    private static String databaseName(String jdbcUrl) {
        // the default is jdbc:postgresql://host:port/<db>, possibly as ${...:<default>}
        String url = jdbcUrl.replaceAll("\\$\\{[^:]+:(.*)}", "$1");
        String db = url.substring(url.lastIndexOf('/') + 1);
        int query = db.indexOf('?');
        return query < 0 ? db : db.substring(0, query);
    }

    /** A module's own defaults, from application.properties or (the gateway's) application.yml, as flat keys. */
    static Properties applicationProperties(String module) throws IOException {
        Path resources = ROOT.resolve(module).resolve("src/main/resources");
        Properties properties = new Properties();
        Path yml = resources.resolve("application.yml");
        if (Files.exists(yml)) {
            try (Reader reader = Files.newBufferedReader(yml)) {
                flatten("", new Yaml().load(reader), properties);
            }
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(resources.resolve("application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    private static void flatten(String prefix, Object value, Properties into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, nested) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, nested, into));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), into);
            }
        } else if (value != null) {
            into.setProperty(prefix, String.valueOf(value));
        }
    }
}
