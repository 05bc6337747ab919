package org.plantracker.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The whole system on one machine, as in production but small: a Kafka broker, PostgreSQL, the
 * three services and the gateway, each in its own JVM; then the Jixi plan imported through the
 * gateway like a city-committee user would.
 *
 * <p>Used by {@code dev-stack/run} (see {@link #main}) and by the end-to-end tests.
 */
public final class DevStack implements AutoCloseable {

    /**
     * How long a JVM may take to answer its health check. Four Spring Boot JVMs starting at once on two
     * busy cores have needed more than four minutes; {@code DEV_STACK_START_TIMEOUT} (seconds) raises it.
     */
    static final Duration START_TIMEOUT = Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("DEV_STACK_START_TIMEOUT", "240")));

    /** The password of every demo account (dev profile only). */
    public static final String DEMO_PASSWORD = "demo12345";
    /** The city committee's account: it imports the plan. */
    public static final String CITY_COMMITTEE = "jixi-committee";
    public static final String SEED_PLAN = "task-service/src/main/resources/plans/jixi-responsibility-plan-2022.zh.txt";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param repoRoot            the checkout (service jars are found under it)
     * @param workDir             data and logs of this stack
     * @param preferLocalPostgres use the local server on 127.0.0.1:5432 when it answers
     * @param javaOptions         JVM options of each service
     */
    public record Options(Path repoRoot, Path workDir, boolean preferLocalPostgres, int gatewayPort, int taskPort,
                          int progressPort, int notificationPort, int kafkaPort, int kafkaControllerPort,
                          int embeddedPostgresPort, String databasePrefix, boolean importPlan, List<String> javaOptions) {

        public static Options defaults(Path repoRoot) {
            return new Options(repoRoot, repoRoot.resolve("dev-stack/.run"), true, 8080, 8081, 8082, 8083, 9092, 9093,
                    54329, "plan_tracker", true,
                    List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        }

        /**
         * A stack of its own beside anything else running (a test's, a suite's): every port free at
         * the moment of asking, an embedded PostgreSQL in {@code workDir}, databases named {@code <prefix>_…}.
         */
        public static Options onFreePorts(Path repoRoot, Path workDir, String databasePrefix, boolean importPlan) {
            int[] ports = FreePorts.take(7);
            return new Options(repoRoot, workDir, false, ports[0], ports[1], ports[2], ports[3], ports[4], ports[5],
                    ports[6], databasePrefix, importPlan, defaults(repoRoot).javaOptions());
        }
    }

    private final Options options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, Long> pids = new LinkedHashMap<>();
    /** The running JVMs by module, with the settings each was launched with (for a restart). */
    private final Map<String, ManagedProcess> processes = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> launchConfigs = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    /** Processes stopped with SIGSTOP by {@link #freeze}, by the name they were frozen under. */
    private final Map<String, List<Long>> frozen = new LinkedHashMap<>();
    private Path logDir;
    /** The gateway's token signing key, RSA base64 PKCS#8: only the gateway gets it. */
    private final String signingKey;
    private Postgres postgres;
    private KafkaBroker kafka;
    private S3Server s3;
    private JsonNode importResult;

    private DevStack(Options options) {
        this.options = options;
        // a fresh key per start: it never sits in the repo, and old tokens stop working; a restarted
        // gateway (the fault suite) keeps it, so the tokens it issued stay valid
        try {
            java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            this.signingKey = Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DevStack start(Options options) throws Exception {
        DevStack stack = new DevStack(options);
        try {
            stack.startAll();
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /**
     * A stack of its own on ports free at the moment of asking ({@link Options#onFreePorts}). Another
     * process may take one of them before the stack binds it (several stacks start side by side on
     * a build machine): then the stack is stopped and started again on other ports, up to three times.
     */
    public static DevStack startOnFreePorts(Path repoRoot, Path workDir, String databasePrefix, boolean importPlan)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                Path work = attempt == 1 ? workDir : workDir.resolve("attempt-" + attempt); // nothing half-made reused
                return start(Options.onFreePorts(repoRoot, work, databasePrefix, importPlan));
            } catch (Exception | Error e) {
                if (attempt == 3 || !portWasTaken(e)) {
                    throw e;
                }
                say("a port was taken before the stack could bind it; starting again on other ports");
            }
        }
    }

    private static boolean portWasTaken(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("already in use")) {
                return true;
            }
        }
        return false;
    }

    private void startAll() throws Exception {
        Path work = options.workDir();
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        logDir = logs;

        postgres = Postgres.localOrEmbedded(options.preferLocalPostgres(), work.resolve("postgres"),
                options.embeddedPostgresPort());
        started.add(postgres);
        say("PostgreSQL: " + postgres.describe());

        kafka = KafkaBroker.start(options.repoRoot().resolve("dev-stack/target/kafka-libs"),
                work.resolve("kafka"), logs, options.kafkaPort(), options.kafkaControllerPort());
        started.add(kafka);
        pids.put("kafka", kafka.pid());
        say("Kafka (KRaft): " + kafka.bootstrapServers());

        // evidence attachments: an S3-compatible server over dev-stack/.run/s3 (on a free port)
        s3 = S3Server.start(options.repoRoot().resolve("dev-stack/target/s3proxy/s3proxy.jar"), work.resolve("s3"), logs,
                FreePorts.take(1)[0]);
        started.add(s3);
        say("S3 (S3Proxy over " + work.resolve("s3") + "): " + s3.endpoint());

        Map<String, ManagedProcess> services = new LinkedHashMap<>();
        services.put("task-service", startService("task-service", options.taskPort(), "task", kafka, logs));
        services.put("progress-service", startService("progress-service", options.progressPort(), "progress", kafka, logs));
        services.put("notification-service", startService("notification-service", options.notificationPort(),
                "notification", kafka, logs));
        services.put("gateway", startGateway(logs));
        for (ManagedProcess service : services.values()) {
            service.awaitHealthy(healthUrl(service.name()), START_TIMEOUT);
            say(service.name() + " is up (pid " + service.pid() + ", log " + service.log() + ")");
        }
        if (options.importPlan()) {
            importResult = importSeedPlan();
        }
    }

    private ManagedProcess startService(String name, int port, String database, KafkaBroker kafka, Path logs)
            throws Exception {
        String db = options.databasePrefix() + "_" + database;
        postgres.ensureDatabase(db);
        Map<String, Object> config = new LinkedHashMap<>();
        ports.put(name, port);
        config.put("server.port", port);
        config.put("spring.datasource.url", postgres.jdbcUrl(db));
        config.put("spring.datasource.username", postgres.user());
        config.put("spring.datasource.password", "");
        config.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        // the service verifies RS256 tokens against the gateway's public keys and holds no signing key
        config.put("plan-tracker.security.jwk-set-uri", gatewayUrl() + "/.well-known/jwks.json");
        if (name.equals("progress-service")) {
            config.putAll(s3.serviceConfig());
        }
        if (name.equals("notification-service")) {
            // its dev profile lets webhooks reach receivers on this machine (refused in production)
            config.put("spring.profiles.active", "dev");
        }
        return launch(name, config, logs);
    }

    private ManagedProcess startGateway(Path logs) throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        ports.put("gateway", options.gatewayPort());
        config.put("server.port", options.gatewayPort());
        config.put("spring.profiles.active", "dev");
        config.put("plan-tracker.security.signing-key", signingKey);
        // the gateway's default is 15 minutes (clients refresh); the benchmarks and the end-to-end tests
        // hold one login per unit for up to an hour and do not refresh
        config.put("plan-tracker.security.token-lifetime", "PT8H");
        config.put("plan-tracker.services.task-url", "http://127.0.0.1:" + options.taskPort());
        config.put("plan-tracker.services.progress-url", "http://127.0.0.1:" + options.progressPort());
        config.put("plan-tracker.services.notification-url", "http://127.0.0.1:" + options.notificationPort());
        return launch("gateway", config, logs);
    }

    private List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.javaOptions());
        command.add("-Dfile.encoding=UTF-8");
        return command;
    }

    /** Settings travel in SPRING_APPLICATION_JSON: exact names, and the secret stays out of the process list. */
    private ManagedProcess launch(String module, Map<String, Object> config, Path logs) throws IOException {
        return launch(module, options.repoRoot().resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT-exec.jar"),
                config, logs);
    }

    private ManagedProcess launch(String module, Path jar, Map<String, Object> config, Path logs) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with mvn -DskipTests package first");
        }
        List<String> command = javaCommand();
        command.add("-jar");
        command.add(jar.toString());
        ManagedProcess process = track(module, ManagedProcess.start(module, command,
                Map.of("SPRING_APPLICATION_JSON", JSON.writeValueAsString(config)), logs));
        launchConfigs.put(module, config);
        return process;
    }

    /** Listed with the stack's processes: stopped with them, its CPU and memory counted with theirs. */
    private ManagedProcess track(String name, ManagedProcess process) {
        started.add(process);
        pids.put(name, process.pid());
        processes.put(name, process);
        return process;
    }

    /**
     * Starts one more Spring Boot application beside the stack (a benchmark's baseline, say) from
     * its runnable jar, with the stack's JVM options, and waits until its health endpoint answers.
     */
    public void launchApplication(String name, Path jar, int port, Map<String, Object> config) throws Exception {
        Map<String, Object> withPort = new LinkedHashMap<>(config);
        withPort.put("server.port", port);
        ports.put(name, port);
        launch(name, jar, withPort, logDir).awaitHealthy(healthUrl(name), START_TIMEOUT);
    }

    /**
     * Starts a plain Java program beside the stack (a benchmark's proxy, say) with the stack's JVM
     * options, and waits until {@code healthPath} on its port answers 200. Its pid is listed with the
     * stack's, so its CPU and memory are counted with theirs.
     */
    public void launchJava(String name, String classpath, String mainClass, List<String> arguments, int port,
                           String healthPath) throws Exception {
        List<String> command = javaCommand();
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(arguments);
        ManagedProcess process = track(name, ManagedProcess.start(name, command, Map.of(), logDir));
        ports.put(name, port);
        process.awaitHealthy("http://127.0.0.1:" + port + healthPath, Duration.ofSeconds(60));
    }

    /**
     * Stops one service, runs {@code whileStopped} (e.g. work on its database that it must not see
     * happen), then starts it again with the same settings and waits until it is healthy.
     */
    public void restart(String module, Callable<?> whileStopped) throws Exception {
        ManagedProcess old = processes.get(module);
        if (old == null) {
            throw new IllegalArgumentException("no such process: " + module);
        }
        old.close();
        started.remove(old);
        whileStopped.call();
        ManagedProcess fresh = launch(module, launchConfigs.get(module), logDir);
        fresh.awaitHealthy(healthUrl(module), START_TIMEOUT);
    }

    /**
     * Stops one service and starts it again with some settings changed (merged over those it was launched
     * with), and waits until it is healthy. The end-to-end tests move a service's clock this way:
     * {@code restartWith("progress-service", Map.of("spring.profiles.active", "dev", "plan-tracker.clock.offset", "P130D"))}
     * (the offset is refused outside the dev profile).
     */
    public void restartWith(String module, Map<String, Object> changedSettings) throws Exception {
        Map<String, Object> config = launchConfigs.get(module);
        if (config == null) {
            throw new IllegalArgumentException("no such process: " + module);
        }
        Map<String, Object> merged = new LinkedHashMap<>(config);
        merged.putAll(changedSettings);
        launchConfigs.put(module, merged);
        restart(module, () -> null);
    }

    /**
     * Kills one service, the gateway or the Kafka broker ({@code "kafka"}) at once (SIGKILL: no
     * shutdown hook, no graceful close).
     */
    public void kill(String module) throws InterruptedException {
        if (module.equals("kafka")) {
            kafka.kill();
            return;
        }
        ManagedProcess old = processes.get(module);
        if (old == null) {
            throw new IllegalArgumentException("no such process: " + module);
        }
        old.kill();
        started.remove(old);
    }

    /**
     * Starts a killed or stopped service again with the settings it had, and waits until it is
     * healthy; the Kafka broker ({@code "kafka"}) on its own data directory and ports, until it answers.
     */
    public void relaunch(String module) throws Exception {
        if (module.equals("kafka")) {
            KafkaBroker fresh = kafka.restart();
            started.set(started.indexOf(kafka), fresh); // stopped in the same order as the first one
            kafka = fresh;
            pids.put("kafka", fresh.pid());
            return;
        }
        if (processes.get(module) != null && processes.get(module).isAlive()) {
            throw new IllegalStateException(module + " is still running");
        }
        ManagedProcess fresh = launch(module, launchConfigs.get(module), logDir);
        fresh.awaitHealthy(healthUrl(module), START_TIMEOUT);
    }

    /**
     * Freezes the Kafka broker ({@code "kafka"}) or the embedded PostgreSQL server ({@code "postgres"},
     * every process of it) with SIGSTOP: connections stay open and nothing answers, as with a hung
     * host. {@link #thaw} resumes it.
     */
    public void freeze(String name) throws Exception {
        List<Long> tree = processTree(name);
        frozen.put(name, tree);
        signal("STOP", tree);
    }

    /** Resumes what {@link #freeze} stopped (the same processes: a frozen server cannot be asked for its own). */
    public void thaw(String name) throws Exception {
        List<Long> tree = frozen.remove(name);
        if (tree != null) {
            signal("CONT", tree);
        }
    }

    /**
     * Makes a service's own database ("notification", "progress", …) refuse connections and cuts the
     * open ones, as an outage of that database would; {@code false} lets connections in again.
     * Only the stack's embedded server: a shared local server's databases are not ours to close.
     */
    public void refuseConnections(String database, boolean refuse) throws Exception {
        if (!postgres.isEmbedded()) {
            throw new IllegalStateException("not closing a database of " + postgres.describe());
        }
        postgres.refuseConnections(options.databasePrefix() + "_" + database, refuse);
    }

    private List<Long> processTree(String name) throws Exception {
        long root = switch (name) {
            case "kafka" -> kafka.pid();
            case "postgres" -> postgres.serverPid();
            default -> throw new IllegalArgumentException("only kafka and postgres can be frozen, not " + name);
        };
        List<Long> tree = new ArrayList<>();
        tree.add(root);
        ProcessHandle.of(root).ifPresent(p -> p.descendants().forEach(d -> tree.add(d.pid())));
        return tree;
    }

    private static void signal(String signal, List<Long> pids) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: "
                    + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private String healthUrl(String module) {
        return "http://127.0.0.1:" + ports.get(module) + "/actuator/health";
    }

    /** Base URL of a service or the gateway by module name, e.g. {@code http://127.0.0.1:8082}. */
    public String url(String module) {
        return "http://127.0.0.1:" + ports.get(module);
    }

    /** JDBC URL of a service's own database ("task", "progress", "notification", or any other name). */
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(options.databasePrefix() + "_" + database);
    }

    /** Creates {@code <prefix>_<database>} if missing, for applications launched beside the stack. */
    public String ensureDatabase(String database) throws Exception {
        postgres.ensureDatabase(options.databasePrefix() + "_" + database);
        return jdbcUrl(database);
    }

    public String databaseUser() {
        return postgres.user();
    }

    public boolean embeddedPostgres() {
        return postgres.isEmbedded();
    }

    private JsonNode importSeedPlan() throws IOException, InterruptedException {
        String token = login(CITY_COMMITTEE);
        String plan = Files.readString(options.repoRoot().resolve(SEED_PLAN), StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/api/plans/import"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain; charset=UTF-8")
                .header("X-Client", "dev-stack")
                .POST(HttpRequest.BodyPublishers.ofString(plan, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("importing the Jixi plan failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Logs in through the gateway with a demo account and returns the access token. */
    public String login(String username) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("username", username, "password", DEMO_PASSWORD));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login as " + username + " failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("accessToken").asText();
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + options.gatewayPort();
    }

    public JsonNode importResult() {
        return importResult;
    }

    /** Process ids by name (kafka, the services, the gateway). */
    public Map<String, Long> pids() {
        return Map.copyOf(pids);
    }

    /** Resident memory of every process of the stack, in KiB, read from /proc. */
    public Map<String, Long> residentKib() {
        Map<String, Long> rss = new LinkedHashMap<>();
        pids.forEach((name, pid) -> rss.put(name, ProcStatus.residentKib(pid)));
        return rss;
    }

    /** Stops everything this stack started, newest first. */
    @Override
    public void close() {
        for (String name : List.copyOf(frozen.keySet())) {
            try {
                thaw(name); // a frozen process cannot shut down
            } catch (Exception e) {
                say("thawing " + name + " failed: " + e.getMessage());
            }
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                say("stopping " + started.get(i) + " failed: " + e.getMessage());
            }
        }
        started.clear();
    }

    static void say(String line) {
        System.out.println("[dev-stack] " + line);
    }

    public static void main(String[] args) throws Exception {
        long begin = System.nanoTime();
        Path repoRoot = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : ".").toAbsolutePath().normalize();
        List<String> flags = List.of(args);
        Options defaults = Options.defaults(repoRoot);
        Options options = new Options(repoRoot, defaults.workDir(), !flags.contains("--embedded-postgres"),
                defaults.gatewayPort(), defaults.taskPort(), defaults.progressPort(), defaults.notificationPort(),
                defaults.kafkaPort(), defaults.kafkaControllerPort(), defaults.embeddedPostgresPort(),
                defaults.databasePrefix(), !flags.contains("--no-import"), javaOptions(defaults));
        String commandStarted = System.getenv("PLAN_TRACKER_COMMAND_STARTED_MS");
        long startedMs = commandStarted == null ? System.currentTimeMillis() - (System.nanoTime() - begin) / 1_000_000
                : Long.parseLong(commandStarted.trim());
        DevStack stack = start(options);
        Thread shutdown = new Thread(() -> {
            say("stopping…");
            stack.close();
            say("stopped.");
        });
        Runtime.getRuntime().addShutdownHook(shutdown);
        // from the command (dev-stack/run passes its start, so the build counts too) to ready
        double seconds = (System.currentTimeMillis() - startedMs) / 1e3;
        printBanner(stack, seconds);
        if (flags.contains("--exit-when-ready")) {
            return; // the shutdown hook stops everything
        }
        Thread.currentThread().join();
    }

    private static List<String> javaOptions(Options defaults) {
        String override = System.getenv("PLAN_TRACKER_JAVA_OPTS");
        return override == null || override.isBlank() ? defaults.javaOptions() : List.of(override.trim().split("\\s+"));
    }

    private static void printBanner(DevStack stack, double seconds) {
        JsonNode imported = stack.importResult();
        StringBuilder b = new StringBuilder("\n");
        b.append("  plan-tracker is ready in ").append(String.format("%.1f", seconds)).append(" s\n");
        b.append("  Web client: ").append(stack.gatewayUrl()).append("/   (log in with a unit code and ")
                .append(DEMO_PASSWORD).append(")\n");
        b.append("  Gateway:   ").append(stack.gatewayUrl()).append("   (API docs: ").append(stack.gatewayUrl())
                .append("/swagger-ui.html)\n");
        if (imported != null) {
            b.append("  Jixi plan: ").append(imported.path("planId").asText()).append(" — ")
                    .append(imported.path("sections").asText()).append(" sections, ")
                    .append(imported.path("tasks").asText()).append(" tasks, ")
                    .append(imported.path("units").asText()).append(" units\n");
        }
        b.append("  Log in:    POST ").append(stack.gatewayUrl()).append("/api/auth/login {\"username\": <unit code>, \"password\": \"")
                .append(DEMO_PASSWORD).append("\"}\n");
        b.append("             e.g. ").append(CITY_COMMITTEE).append(" (市关工委, supervisor), jixi-mishan (密山市关工委), jixi-propaganda (市委宣传部)\n");
        b.append("             every unit code: GET ").append(stack.gatewayUrl()).append("/api/units\n");
        long total = stack.residentKib().values().stream().mapToLong(Long::longValue).sum();
        b.append("  Memory:    ").append(total / 1024).append(" MiB resident in ").append(stack.pids().size())
                .append(" processes ").append(stack.residentKib()).append(" KiB\n");
        b.append("  Stop:      Ctrl-C\n");
        System.out.println(b);
    }
}
