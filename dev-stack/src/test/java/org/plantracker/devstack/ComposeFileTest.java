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
 * broker, secrets and health checks must agree with the code and its configuration; each service
 * reaches PostgreSQL as a role of its own and Kafka as a SCRAM user of its own, writing only its topic.
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
            assertThat(env.get("SPRING_DATASOURCE_USERNAME")).as(name + " database role").isEqualTo(name.replace('-', '_'));
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
            assertThat(String.valueOf(env.get("LOGGING_FILE_NAME"))).as(name + " keeps its log on its volume").startsWith("/var/lib/plan-tracker/");
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
    void eachServiceConnectsAsARoleOfItsOwnThatOwnsOnlyItsDatabase() throws IOException {
        String init = Files.readString(ROOT.resolve("docker/postgres-init.sh"));
        assertThat(services.get("postgres").get("volumes")).asString().contains("./docker/postgres-init.sh:/docker-entrypoint-initdb.d/");
        List<String> roles = new java.util.ArrayList<>();
        for (String name : SERVICES) {
            String database = databaseName(applicationProperties(name).getProperty("spring.datasource.url"));
            Map<String, Object> env = environment(name);
            String role = String.valueOf(env.get("SPRING_DATASOURCE_USERNAME"));
            roles.add(role);
            assertThat(role).as(name + " is no superuser").isNotEqualTo("postgres");
            assertThat(init).as(name)
                    .contains("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
                    .contains("CREATE DATABASE " + database + " OWNER " + role + ";")
                    .contains("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC;");
            // the role's password: the init script's variable, filled from the same environment variable
            String password = String.valueOf(env.get("SPRING_DATASOURCE_PASSWORD"));
            String variable = password.replaceAll("^\\$\\{([A-Z_]+).*}$", "$1");
            assertThat(environment("postgres").get(variable)).as(name + " password variable").isEqualTo(password);
            assertThat(init).contains("\"$" + variable + "\"");
        }
        assertThat(roles).doesNotHaveDuplicates();
        // the event table and the audit chain are append-only for that role
        String revoke = Files.readString(ROOT.resolve("platform/src/main/resources/db/platform/V0_9__append_only_event_tables.sql"));
        assertThat(revoke).contains("REVOKE UPDATE, DELETE, TRUNCATE ON domainevententry, audit_chain, audit_checkpoint FROM CURRENT_USER");
    }

    @Test
    void kafkaAuthenticatesEachServiceWithScramAndLetsItWriteOnlyItsOwnTopic() throws IOException {
        String script = Files.readString(ROOT.resolve("docker/kafka-start.sh"));
        Map<String, Object> kafka = services.get("kafka");
        assertThat(kafka.get("volumes")).asString().contains("./docker/kafka-start.sh:/opt/plan-tracker/kafka-start.sh");
        assertThat(kafka.get("entrypoint")).asString().contains("/opt/plan-tracker/kafka-start.sh");
        assertThat(script).contains("allow.everyone.if.no.acl.found=false").contains("listeners=SASL_PLAINTEXT://:9092,CONTROLLER://localhost:9093")
                .doesNotContainPattern("(?<!SASL_)PLAINTEXT://(:|kafka)");

        java.util.Map<String, java.util.Set<String>> writes = new java.util.HashMap<>();
        java.util.Map<String, java.util.Set<String>> reads = new java.util.HashMap<>();
        java.util.regex.Matcher allow = java.util.regex.Pattern
                .compile("(?m)^allow (\\S+) ([A-Za-z ]+?) --(topic|group) (\\S+)(.*)$").matcher(script);
        while (allow.find()) {
            List<String> operations = List.of(allow.group(2).split(" "));
            String resource = allow.group(3) + ":" + allow.group(4) + (allow.group(5).contains("prefixed") ? "*" : "");
            if (operations.contains("Write") || operations.contains("Create")) {
                writes.computeIfAbsent(allow.group(1), k -> new java.util.HashSet<>()).add(resource);
            }
            if (operations.contains("Read")) {
                reads.computeIfAbsent(allow.group(1), k -> new java.util.HashSet<>()).add(resource);
            }
        }
        assertThat(writes.keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (String name : SERVICES) {
            Properties own = applicationProperties(name);
            Map<String, Object> env = environment(name);
            String kafkaPassword = String.valueOf(env.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"));
            assertThat(env.get("SPRING_KAFKA_SECURITY_PROTOCOL")).as(name).isEqualTo("SASL_PLAINTEXT");
            assertThat(env.get("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).as(name).isEqualTo("SCRAM-SHA-512");
            assertThat(kafkaPassword).as(name).contains("ScramLoginModule required").contains("username=\"" + name + "\"");
            assertThat(script).as(name + " has a SCRAM user").containsPattern("(?m)^scram_user " + name + " \"\\$KAFKA_");
            // the password the service sends is the one the broker's user is made with
            String variable = kafkaPassword.replaceAll("(?s).*password=\"\\$\\{([A-Z_]+).*", "$1");
            String brokerVariable = script.replaceAll("(?s).*\nscram_user " + name + " \"\\$([A-Z_]+)\".*", "$1");
            assertThat(String.valueOf(kafka.get("environment") instanceof Map<?, ?> m ? m.get(brokerVariable) : null))
                    .as(name + " broker password").startsWith("${" + variable + ":");

            java.util.Set<String> expectedWrites = new java.util.HashSet<>();
            java.util.Set<String> expectedReads = new java.util.HashSet<>();
            String publish = own.getProperty("plan-tracker.messaging.publish-topic");
            if (publish != null && !publish.isBlank()) {
                expectedWrites.add("topic:" + publish);
            }
            for (String consumed : own.getProperty("plan-tracker.messaging.consume-topics").split(",")) {
                expectedReads.add("topic:" + consumed.trim());
                expectedWrites.add("topic:" + consumed.trim() + ".DLT");
            }
            expectedReads.add("group:" + name);
            if (name.equals("notification-service")) {
                expectedWrites.add("topic:plan-tracker.county.*");
            }
            assertThat(writes.get(name)).as(name + " writes only its own topic and its dead letters").isEqualTo(expectedWrites);
            assertThat(reads.get(name)).as(name + " reads what it consumes").isEqualTo(expectedReads);
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
