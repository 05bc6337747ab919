package org.plantracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.plantracker.devstack.DevStack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;

/**
 * The benchmark, one run, everything side by side against the same PostgreSQL server:
 * pgbench's limit, the plain CRUD baseline, commands direct to progress-service and through the
 * gateway, end-to-end lags, a view rebuilt from its events, and how all of it grows with the store.
 * Usage: {@code bench/run [--quick|--full]} (see BENCHMARKS.md).
 */
public final class BenchmarkRun {

    /** How long and how hard each part runs. */
    record Mode(String name, int connections, Duration warmupWindow, Duration warmupMax, Duration saturation,
                Duration step, double[] loadFractions, int lagSamples, long replayEvents, long[] growthLevels,
                Duration growthStep, int growthRepeats, int pgbenchSeconds) {

        static Mode quick() {
            return new Mode("quick", 8, Duration.ofSeconds(4), Duration.ofSeconds(20), Duration.ofSeconds(6),
                    Duration.ofSeconds(4), new double[]{0.25, 0.5, 0.75}, 50, 100_000, new long[]{0, 200_000},
                    Duration.ofSeconds(4), 2, 5);
        }

        static Mode full() {
            // warm-up capped at 480 s: on a slow VM progress-service's JIT was still climbing after six
            // minutes (BENCHMARKS.md); a target that settles sooner stops as soon as it is stable
            return new Mode("full", 8, Duration.ofSeconds(10), Duration.ofSeconds(480), Duration.ofSeconds(30),
                    Duration.ofSeconds(20), new double[]{0.1, 0.25, 0.5, 0.75, 0.9}, 500, 1_000_000,
                    // a growth step's p99 is the median of three 40-second runs at half saturation: single
                    // one-minute runs moved by several times between runs on this machine
                    new long[]{0, 1_000_000, 10_000_000}, Duration.ofSeconds(40), 3, 20);
        }

        /** Only the replay over a million stored events: a few minutes, for working on the views. */
        static Mode replayOnly() {
            return new Mode("replay", 8, Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO, Duration.ZERO,
                    new double[0], 0, 1_000_000, new long[0], Duration.ZERO, 0, 0);
        }

        boolean onlyReplay() {
            return growthLevels.length == 0;
        }
    }

    /** A load target: where its reports go. */
    record Target(String name, String baseUrl, boolean authenticated) {
    }

    /** One unit's share of one task, and that unit's token. */
    record Share(String taskId, String unitCode, String token) {
    }

    static final String BASELINE = "baseline: plain Spring Boot + JPA";
    static final String DIRECT = "progress-service direct";
    static final String GATEWAY = "through the gateway";
    static final String NETTY_PROXY = "through a plain Netty proxy";
    private static final int NETTY_PROXY_PORT = 18091;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** PostgreSQL's backends publish their statistics when idle, at most once a second. */
    private static final Duration STATISTICS_FLUSH = Duration.ofSeconds(2);
    private static final String DATABASE_PREFIX = "bench";
    private static final String NARRATIVE = "本季度组织“五老”开展“十小明星”评选和关爱助学活动，走访困难学生家庭，"
            + "覆盖全县中小学，发放助学金，组织报告会，青少年参与踊跃，效果良好。";

    private final Mode mode;
    private final Path root;
    private final Path out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Results results;
    private DevStack stack;
    private List<Share> shares;

    private BenchmarkRun(Mode mode, Path root, Path out) {
        this.mode = mode;
        this.root = root;
        this.out = out;
        this.results = new Results(mode.name(), Machine.describe());
    }

    public static void main(String[] args) throws Exception {
        List<String> flags = List.of(args);
        Mode mode = flags.contains("--full") ? Mode.full() : flags.contains("--replay") ? Mode.replayOnly() : Mode.quick();
        Path root = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : ".").toAbsolutePath().normalize();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path out = root.resolve("bench/results").resolve(stamp + "-" + mode.name());
        Files.createDirectories(out);
        long begin = System.nanoTime();
        BenchmarkRun run = new BenchmarkRun(mode, root, out);
        try {
            run.runAll();
        } finally {
            if (run.stack != null) {
                run.stack.close();
            }
            deleteRecursively(out.resolve("work/kafka"));
            deleteRecursively(out.resolve("work/postgres"));
        }
        run.results.totalSeconds((System.nanoTime() - begin) / 1e9);
        run.results.write(out);
        System.out.println(Files.readString(out.resolve("results.md")));
        say("results: " + out.resolve("results.md") + ", " + out.resolve("results.csv") + ", " + out.resolve("latency.png"));
    }

    /** Where the stack's processes write their logs (DevStack's work/logs), the GC logs among them. */
    private Path logs() {
        return out.resolve("work").resolve("logs");
    }

    private void runAll() throws Exception {
        dropBenchDatabases();
        say("starting the system (" + mode.name() + " mode)…");
        stack = DevStack.start(new DevStack.Options(root, out.resolve("work"), true, 18080, 18081, 18082, 18083,
                19092, 19093, 54339, DATABASE_PREFIX, true,
                // G1, as the services run in production (the JVM's choice with two cores and this much memory; the
                // Dockerfile sets no collector): with the serial collector progress-service stopped for a full
                // collection of ~170 ms every minute or so under load, which decided every p99 (BENCHMARKS.md)
                List.of("-Xmx512m", "-XX:+UseG1GC", GcPauses.jvmOption(logs()))));
        String crudJdbc = stack.ensureDatabase("crud");
        stack.launchApplication("crud-baseline",
                root.resolve("bench/crud-baseline/target/crud-baseline-0.1.0-SNAPSHOT-exec.jar"), 18090,
                Map.of("spring.datasource.url", crudJdbc, "spring.datasource.username", stack.databaseUser(),
                        "spring.datasource.password", ""));
        // the cheapest proxy hop there is, in front of the same service: the floor for the gateway's cost
        if (!mode.onlyReplay()) {
            stack.launchJava("netty-proxy", System.getProperty("java.class.path"), NettyProxy.class.getName(),
                    List.of(String.valueOf(NETTY_PROXY_PORT), "127.0.0.1",
                            String.valueOf(URI.create(stack.url("progress-service")).getPort())),
                    NETTY_PROXY_PORT, "/actuator/health");
        }
        shares = countyShares();
        say(shares.size() + " task shares of the Jixi plan's county committees will report");
        results.idleMemory(stack.residentKib());
        if (mode.onlyReplay()) {
            replay(appendWhileStopped(mode.replayEvents(), stack.jdbcUrl("progress"), stack.databaseUser()));
            return;
        }

        limit();
        List<Target> targets = List.of(new Target(BASELINE, stack.url("crud-baseline"), false),
                new Target(DIRECT, stack.url("progress-service"), true),
                new Target(GATEWAY, stack.gatewayUrl(), true),
                new Target(NETTY_PROXY, "http://127.0.0.1:" + NETTY_PROXY_PORT, true));
        for (Target target : targets) {
            load(target);
        }
        lags();
        growthAndReplay();
    }

    // --- 1. the limit ----------------------------------------------------------------------------

    private void limit() throws Exception {
        Optional<String> pgbench = Pgbench.executable();
        if (pgbench.isEmpty()) {
            say("pgbench not found (Debian: postgresql-contrib or postgresql-client): the limit is not measured");
            return;
        }
        String jdbc = stack.ensureDatabase("pgbench");
        for (int rows : new int[]{1, 10}) {
            say("pgbench, " + rows + " row(s) per commit, " + mode.connections() + " clients…");
            results.pgbench(Pgbench.run(pgbench.get(), jdbc, stack.databaseUser(), root, out, mode.connections(), rows,
                    mode.pgbenchSeconds()));
        }
    }

    // --- 2 and 3. commands, direct and through the gateway, and the baseline -----------------------

    /** Lets the previous phase's backlog drain (and PostgreSQL checkpoint) before the next is measured. */
    private void settle(String before) throws Exception {
        double seconds = Settle.await(stack.jdbcUrl("progress"), stack.jdbcUrl("notification"), stack.databaseUser(),
                Duration.ofMinutes(10));
        results.settled(before, seconds);
        say(String.format("settled in %.0f s before %s", seconds, before));
    }

    private void load(Target target) throws Exception {
        settle(target.name());
        LoadGenerator generator = new LoadGenerator(http);
        LongFunction<HttpRequest> requests = i -> report(target, i).build();
        say(target.name() + ": warming up until the throughput is stable…");
        MemorySampler memory = new MemorySampler(stack);
        memory.start();
        List<Double> windows = new ArrayList<>();
        long warmupStart = System.nanoTime();
        do {
            LoadGenerator.Result window = generator.run(target.name(), requests, mode.connections(), 0, mode.warmupWindow());
            requireSomeSuccess(window);
            windows.add(window.throughput());
        } while (!stable(windows) && System.nanoTime() - warmupStart < mode.warmupMax().toNanos());
        double warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;
        say(String.format("%s: warm-up %.0f s, windows %s req/s%s", target.name(), warmupSeconds, rounded(windows),
                stable(windows) ? "" : " (not yet stable: cut off)"));
        results.warmup(target.name(), warmupSeconds, windows, stable(windows));

        // the warm-up's backlog digested first, so the CPU counted below is the saturation run's own
        settle("the saturation run of " + target.name());
        Map<String, Integer> gcMark = GcPauses.mark(logs(), stack.pids());
        Map<String, Double> cpuBefore = CpuTime.snapshot(stack.pids());
        LoadGenerator.Result saturation = generator.run(target.name(), requests, mode.connections(), 0, mode.saturation());
        requireSomeSuccess(saturation);
        results.load(saturation);
        // what each request cost, including the work it left behind (views, Kafka, notifications)
        settle("the fixed rates of " + target.name());
        results.cpu(target.name(), CpuTime.millisPerRequest(cpuBefore, CpuTime.snapshot(stack.pids()),
                saturation.ok() + saturation.errors()));
        say(String.format("%s: saturation %.0f req/s, p99 %.1f ms", target.name(), saturation.throughput(),
                saturation.percentileMillis(99)));
        for (double fraction : mode.loadFractions()) {
            double rate = Math.max(1, Math.round(saturation.throughput() * fraction));
            LoadGenerator.Result step = generator.run(target.name(), requests, mode.connections(), rate, mode.step());
            results.load(step);
            say(String.format("%s: %.0f req/s offered, %.0f done, p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms", target.name(),
                    rate, step.throughput(), step.percentileMillis(50), step.percentileMillis(99), step.percentileMillis(99.9)));
        }
        results.gcPauses(target.name(), GcPauses.since(logs(), stack.pids(), gcMark));
        memory.stop();
        results.loadMemory(target.name(), memory.peakKib());
    }

    private HttpRequest.Builder report(Target target, long i) {
        Share share = shares.get((int) (i % shares.size()));
        String body = "{\"period\":\"2022-Q" + (i % 4 + 1) + "\",\"status\":\"ON_TRACK\",\"narrative\":\"" + NARRATIVE + "\"}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/api/tasks/" + share.taskId() + "/reports"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (target.authenticated()) {
            request.header("Authorization", "Bearer " + share.token());
        }
        return request;
    }

    // --- 4. end-to-end lags -------------------------------------------------------------------------

    private void lags() throws Exception {
        settle("the end-to-end lags");
        say("end-to-end lags: " + mode.lagSamples() + " reports through the gateway, one at a time…");
        Target gateway = new Target(GATEWAY, stack.gatewayUrl(), true);
        String committee = stack.login(DevStack.CITY_COMMITTEE);
        String planId = stack.importResult().path("planId").asText();
        Set<String> leadUnits = new TreeSet<>();
        for (JsonNode task : get("/api/tasks?planId=" + planId, committee)) {
            leadUnits.add(task.path("leadUnit").path("code").asText());
        }
        List<String> leadTokens = new ArrayList<>();
        for (String unit : leadUnits) {
            leadTokens.add(stack.login(unit));
        }
        try (LiveChannels live = new LiveChannels(http, stack.gatewayUrl(), leadTokens, committee, planId)) {
            results.lags(EndToEndLag.measure(http, i -> report(gateway, i), mode.lagSamples(),
                    stack.jdbcUrl("progress"), stack.jdbcUrl("notification"), stack.databaseUser(), live));
        }
    }

    // --- 5 and 6. replay, and growth with the store -------------------------------------------------

    private void growthAndReplay() throws Exception {
        String progressJdbc = stack.jdbcUrl("progress");
        String user = stack.databaseUser();
        long loaded = 0;
        boolean replayed = false;
        for (long level : mode.growthLevels()) {
            if (!replayed && level >= mode.replayEvents()) {
                loaded += replay(appendWhileStopped(mode.replayEvents() - loaded, progressJdbc, user));
                replayed = true;
            }
            long toAppend = level - loaded;
            loaded += appendWhileStopped(toAppend, progressJdbc, user);
            if (toAppend <= 0 && level == 0) {
                stack.restart("progress-service", () -> null); // every level starts from a fresh JVM
            }
            long stored = EventStoreLoader.headIndex(progressJdbc, user);
            growthStep(level, stored);
        }
    }

    /** Rebuilds the views from every stored event; returns the events appended just before. */
    private long replay(long appended) throws Exception {
        String progressJdbc = stack.jdbcUrl("progress");
        String user = stack.databaseUser();
        say("replay: rebuilding the county and municipal views from " + EventStoreLoader.headIndex(progressJdbc, user)
                + " stored events…");
        Replay.Result replay = Replay.rebuildViews(stack, progressJdbc, user);
        results.replay(replay);
        say(String.format("replay: %.0f events/s", replay.eventsPerSecond()));
        return appended;
    }

    private long appendWhileStopped(long events, String jdbc, String user) throws Exception {
        if (events <= 0) {
            return 0;
        }
        long[] written = new long[1];
        stack.restart("progress-service", () -> {
            long begin = System.nanoTime();
            written[0] = EventStoreLoader.append(jdbc, user, events, n -> {
                if (n % 500_000 < 100_000) {
                    say("  loaded " + n + " events");
                }
            });
            EventStoreLoader.advanceTokensToHead(jdbc, user);
            double seconds = (System.nanoTime() - begin) / 1e9;
            say(String.format("loaded %d events in %.0f s (%.0f events/s)", written[0], seconds, written[0] / seconds));
            results.loader(written[0], seconds);
            return null;
        });
        return written[0];
    }

    private void growthStep(long level, long stored) throws Exception {
        settle("growth at " + stored + " events");
        Target direct = new Target(DIRECT, stack.url("progress-service"), true);
        LoadGenerator generator = new LoadGenerator(http);
        LongFunction<HttpRequest> requests = i -> report(direct, i).build();
        List<Double> windows = new ArrayList<>();
        long warmupStart = System.nanoTime();
        do {
            windows.add(generator.run(direct.name(), requests, mode.connections(), 0, mode.warmupWindow()).throughput());
        } while (!stable(windows) && System.nanoTime() - warmupStart < mode.warmupMax().toNanos());
        LoadGenerator.Result saturation = generator.run(direct.name(), requests, mode.connections(), 0, mode.saturation());
        settle("the fixed rate at " + stored + " events");
        double rate = Math.max(1, Math.round(results.saturationOf(DIRECT) * 0.5));
        try (Connection progress = DriverManager.getConnection(stack.jdbcUrl("progress"), stack.databaseUser(), "")) {
            ServerCounters before = ServerCounters.read(progress);
            List<LoadGenerator.Result> repeats = new ArrayList<>();
            for (int i = 0; i < mode.growthRepeats(); i++) {
                repeats.add(generator.run(direct.name(), requests, mode.connections(), rate, mode.growthStep()));
            }
            Thread.sleep(STATISTICS_FLUSH.toMillis());
            long requestsSent = repeats.stream().mapToLong(r -> r.ok() + r.errors()).sum();
            Results.Growth step = results.growth(level, stored, saturation, repeats,
                    ServerCounters.read(progress).since(before, requestsSent));
            say(String.format("growth: %d events stored: saturation %.0f req/s; at %.0f req/s p50 %.1f ms, p99 %.1f ms "
                            + "(median of %d), %.2f blocks read and %.0f WAL bytes per report",
                    stored, saturation.throughput(), rate, step.medianMillis(50), step.medianMillis(99), repeats.size(),
                    step.server().blocksRead(), step.server().walBytes()));
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** The nine county committees are responsible on every task: 9 × 30 shares, each with its unit's token. */
    private List<Share> countyShares() throws Exception {
        String committee = stack.login(DevStack.CITY_COMMITTEE);
        String planId = stack.importResult().path("planId").asText();
        List<String> taskIds = new ArrayList<>();
        for (JsonNode task : get("/api/tasks?planId=" + planId, committee)) {
            taskIds.add(task.path("taskId").asText());
        }
        List<Share> result = new ArrayList<>();
        for (JsonNode unit : get("/api/units", committee)) {
            if (!"COUNTY_COMMITTEE".equals(unit.path("kind").asText())) {
                continue;
            }
            String code = unit.path("code").asText();
            String token = stack.login(code);
            awaitShares(code, planId, token, taskIds.size());
            for (String taskId : taskIds) {
                result.add(new Share(taskId, code, token));
            }
        }
        return result;
    }

    /** progress-service learns the assignments from Kafka a moment after the import. */
    private void awaitShares(String unit, String planId, String token, int tasks) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (get("/api/views/county/" + unit + "?planId=" + planId, token).path("rows").size() < tasks) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("progress-service did not learn the assignments of " + unit);
            }
            Thread.sleep(200);
        }
    }

    private JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Stable: the last four windows within 5 % of their median, and no longer climbing (the last
     * at most 3 % above the first of the four). Three windows within 5 % were not enough: a JIT
     * still warming up slowly on a slow machine climbed 2–4 % per window and passed (453, 462,
     * 478 req/s, then 518 at saturation, where a longer warm-up had reached 791).
     */
    static boolean stable(List<Double> windows) {
        int n = 4;
        if (windows.size() < n) {
            return false;
        }
        List<Double> recent = windows.subList(windows.size() - n, windows.size());
        List<Double> sorted = new ArrayList<>(recent);
        sorted.sort(Double::compare);
        double median = (sorted.get(1) + sorted.get(2)) / 2;
        boolean close = median > 0 && sorted.get(0) >= median * 0.95 && sorted.get(n - 1) <= median * 1.05;
        boolean notClimbing = recent.get(n - 1) <= recent.get(0) * 1.03;
        return close && notClimbing;
    }

    private static void requireSomeSuccess(LoadGenerator.Result result) {
        if (result.ok() == 0) {
            throw new IllegalStateException(result.target() + ": no request succeeded; first error: " + result.firstError());
        }
    }

    private static List<Long> rounded(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }

    /** Every run starts from empty stores (when the stack uses the local PostgreSQL server). */
    private void dropBenchDatabases() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            for (String db : List.of("task", "progress", "notification", "crud", "pgbench")) {
                s.execute("DROP DATABASE IF EXISTS " + DATABASE_PREFIX + "_" + db + " WITH (FORCE)");
            }
        } catch (Exception noLocalServer) {
            // the stack will use an embedded server in a fresh directory
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void say(String line) {
        System.out.println("[bench " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + line);
    }

    /** Peak resident memory of each process while a target is under load, sampled every half second. */
    static final class MemorySampler {
        private final DevStack stack;
        private final Map<String, Long> peak = new LinkedHashMap<>();
        private volatile boolean running = true;
        private Thread thread;

        MemorySampler(DevStack stack) {
            this.stack = stack;
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    stack.residentKib().forEach((name, kib) -> peak.merge(name, kib, Math::max));
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "memory-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        Map<String, Long> peakKib() {
            return peak;
        }
    }
}
