package org.plantracker.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault suite: under a steady stream of progress reports from several county committees through
 * the gateway, each fault in turn (a service, the gateway or the Kafka broker killed with SIGKILL and
 * started again, the Kafka broker or PostgreSQL frozen with SIGSTOP and resumed, notification-service's
 * database refusing connections), then the promises checked:
 * <ul>
 *   <li>every report the gateway answered 2xx is in progress-service's event store exactly once, and
 *       in the lead unit's inbox exactly once;</li>
 *   <li>during an outage the gateway answered 503 with Retry-After, never another 5xx, and no request
 *       went unanswered past its timeout;</li>
 *   <li>after the last fault, each read model equals a fresh replay of its events ({@link ReplayCheck}).</li>
 * </ul>
 * The clients behave as a county office's client should: a report refused with 503, answered 409 while
 * its key's first attempt is still running, or left without an answer is sent again, with the same
 * Idempotency-Key, after the Retry-After the answer gave.
 *
 * <pre>
 *   dev-stack/faults            every fault (about fifteen minutes after the build)
 *   dev-stack/faults --short    a service killed and the broker frozen, then the replay check
 *                               (what .ci/run runs, through FaultSuiteEndToEndTest)
 * </pre>
 */
public final class FaultSuite {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** County committees that share every task of the Jixi plan. */
    static final List<String> REPORTING_UNITS = List.of("jixi-mishan", "jixi-hulin", "jixi-jiguan", "jixi-hengshan");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(35);
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(300);

    /** One fault: what is done to the stack, and how it is undone. */
    public record Fault(String name, Action inject, Duration held, Action recover) {

        public static Fault kill(String module) {
            return new Fault("kill -9 " + module, stack -> stack.kill(module), Duration.ofSeconds(2),
                    stack -> stack.relaunch(module));
        }

        public static Fault freeze(String name, Duration held) {
            return new Fault("SIGSTOP " + name + " " + held.toSeconds() + " s", stack -> stack.freeze(name), held,
                    stack -> stack.thaw(name));
        }

        /** A consumer's own database refuses connections (the open ones cut), the server and the rest untouched. */
        public static Fault databaseOutage(String database, Duration held) {
            return new Fault(database + " db refused " + held.toSeconds() + " s",
                    stack -> stack.refuseConnections(database, true), held,
                    stack -> stack.refuseConnections(database, false));
        }
    }

    @FunctionalInterface
    public interface Action {
        void on(DevStack stack) throws Exception;
    }

    /** One line of the table. */
    public record Result(String fault, int sent, int accepted, int lost, int duplicated, int unnotified,
                         int notifiedTwice, int other5xx, int unanswered, int without503RetryAfter,
                         Duration timeToRecover) {

        public boolean keptEveryPromise() {
            return lost == 0 && duplicated == 0 && unnotified == 0 && notifiedTwice == 0 && other5xx == 0
                    && unanswered == 0 && without503RetryAfter == 0;
        }
    }

    public static List<Fault> faults(boolean shortMode) {
        if (shortMode) {
            return List.of(Fault.kill("progress-service"), Fault.freeze("kafka", Duration.ofSeconds(15)));
        }
        // kill("kafka"): SIGKILL of the broker, then a new one on the same data directory and ports
        return List.of(Fault.kill("progress-service"), Fault.kill("task-service"), Fault.kill("notification-service"),
                Fault.kill("gateway"), Fault.freeze("kafka", Duration.ofSeconds(30)), Fault.kill("kafka"),
                Fault.freeze("postgres", Duration.ofSeconds(30)),
                // the "consumers' database unavailable for 30 s": notification-service's own
                // database (progress-service's views share their database with its event store)
                Fault.databaseOutage("notification", Duration.ofSeconds(30)));
    }

    private final DevStack stack;
    private final String planId;
    private final List<String> taskIds;
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    public FaultSuite(DevStack stack) throws Exception {
        this.stack = stack;
        this.planId = stack.importResult().path("planId").asText();
        String committee = stack.login(DevStack.CITY_COMMITTEE);
        JsonNode tasks = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                        + "/api/tasks?planId=" + planId + "&unit=" + REPORTING_UNITS.get(0)))
                .header("Authorization", "Bearer " + committee).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        this.taskIds = new ArrayList<>();
        tasks.forEach(task -> taskIds.add(task.path("taskId").asText()));
        if (taskIds.isEmpty()) {
            throw new IllegalStateException("no task of plan " + planId + " is shared by " + REPORTING_UNITS.get(0));
        }
        for (String unit : REPORTING_UNITS) {
            tokens.put(unit, stack.login(unit));
            awaitShares(unit);
        }
    }

    /** progress-service learns the assignments from Kafka a moment after the import; a report before that is refused. */
    private void awaitShares(String unit) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<String> view = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                            + "/api/views/county/" + unit + "?planId=" + planId))
                    .header("Authorization", "Bearer " + tokens.get(unit)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (view.statusCode() == 200 && JSON.readTree(view.body()).path("rows").size() >= taskIds.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("progress-service did not learn the shares of " + unit + " within 120 s");
            }
            Thread.sleep(250);
        }
    }

    /**
     * With the load stopped, each read model (progress-service's views, task-service's projections)
     * compared with a fresh replay of its events; a difference is printed with a few of its rows.
     */
    public List<ReplayCheck.Result> compareReadModelsWithReplay() throws Exception {
        List<ReplayCheck.Result> results = new ArrayList<>();
        ReplayCheck check = new ReplayCheck(stack);
        for (ReadModel model : ReadModel.all()) {
            ReplayCheck.Result result = check.compare(model);
            results.add(result);
            System.out.println("[faults] " + model.module() + " (" + model.processor() + ") rebuilt from the events: "
                    + (result.equal() ? "equal to the live views" : "DIFFERENT") + ", " + result.liveRows() + " rows");
            result.examples().forEach(row -> System.out.println("[faults]   " + row));
        }
        return results;
    }

    /** Runs each fault under load, one after the other, and checks each one's reports. */
    public List<Result> run(List<Fault> faults, Duration steadyBefore, Duration steadyAfter) throws Exception {
        List<Result> results = new ArrayList<>();
        int round = 0;
        for (Fault fault : faults) {
            results.add(runOne(fault, round++, steadyBefore, steadyAfter));
            System.out.println("[faults] " + format(results.get(results.size() - 1)));
        }
        return results;
    }

    private Result runOne(Fault fault, int round, Duration steadyBefore, Duration steadyAfter) throws Exception {
        String prefix = "fault-" + runId + "-" + round + "-";
        Load load = new Load(prefix, round);
        load.start();
        Thread.sleep(steadyBefore.toMillis());
        long injected = System.nanoTime();
        load.faultStartedAt.set(injected);
        try {
            fault.inject().on(stack);
            Thread.sleep(fault.held().toMillis());
        } finally {
            fault.recover().on(stack);
        }
        Thread.sleep(steadyAfter.toMillis());
        load.stop();

        List<Sent> sent = List.copyOf(load.sent);
        List<String> accepted = sent.stream().filter(Sent::accepted).map(Sent::correlationId).toList();
        Map<String, Integer> stored = awaitCounts(accepted, this::storedReports);
        Map<String, Integer> notified = awaitCounts(accepted, this::leadUnitNotifications);
        int lost = (int) accepted.stream().filter(id -> stored.getOrDefault(id, 0) == 0).count();
        int duplicated = (int) stored.values().stream().filter(count -> count > 1).count();
        int unnotified = (int) accepted.stream().filter(id -> notified.getOrDefault(id, 0) == 0).count();
        int notifiedTwice = (int) notified.values().stream().filter(count -> count > 1).count();
        long recoveredAt = load.firstAcceptedAfterFault.get();
        Duration recovery = recoveredAt == 0 ? null : Duration.ofNanos(recoveredAt - injected);
        return new Result(fault.name(), sent.size(), accepted.size(), lost, duplicated, unnotified, notifiedTwice,
                (int) load.other5xx.get(), (int) load.unanswered.get(), (int) load.without503RetryAfter.get(), recovery);
    }

    /** Waits (up to two minutes) until every accepted report is counted, then answers the counts. */
    private Map<String, Integer> awaitCounts(List<String> accepted, Counter counter) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        Map<String, Integer> counts;
        do {
            counts = counter.count();
            Map<String, Integer> seen = counts;
            if (accepted.stream().allMatch(id -> seen.getOrDefault(id, 0) > 0)) {
                return counts;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        return counts;
    }

    @FunctionalInterface
    private interface Counter {
        Map<String, Integer> count() throws Exception;
    }

    /** Stored ProgressReportSubmittedEvents by the correlation id of the request that stored them. */
    private Map<String, Integer> storedReports() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("progress"), stack.databaseUser(), "");
             PreparedStatement query = connection.prepareStatement("""
                     SELECT convert_from(metadata, 'UTF8') FROM domainevententry
                     WHERE payloadtype LIKE '%ProgressReportSubmittedEvent'
                       AND convert_from(metadata, 'UTF8') LIKE ?""")) {
            query.setString(1, "%fault-" + runId + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String correlationId = JSON.readTree(rows.getString(1)).path("correlation-id").asText();
                    counts.merge(correlationId, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** Inbox notifications of a report to its task's lead unit (市关工委 leads or co-leads every task it is named on). */
    private Map<String, Integer> leadUnitNotifications() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("notification"), stack.databaseUser(), "");
             PreparedStatement query = connection.prepareStatement("""
                     SELECT correlation_id, count(DISTINCT unit_code), count(*) FROM notification
                     WHERE correlation_id LIKE ? AND event_type LIKE '%ProgressReportSubmittedEvent'
                     GROUP BY correlation_id""")) {
            query.setString(1, "fault-" + runId + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    // more notifications than units told means one unit was told twice
                    counts.put(rows.getString(1), rows.getLong(3) > rows.getLong(2) ? 2 : 1);
                }
            }
        }
        return counts;
    }

    record Sent(String correlationId, boolean accepted) {
    }

    /** The county committees' report stream: each unit in its own thread, a report every quarter second. */
    private final class Load {

        private final String prefix;
        private final int round;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        private final AtomicLong other5xx = new AtomicLong();
        private final AtomicLong unanswered = new AtomicLong();
        private final AtomicLong without503RetryAfter = new AtomicLong();
        private final AtomicLong faultStartedAt = new AtomicLong(Long.MAX_VALUE);
        private final AtomicLong firstAcceptedAfterFault = new AtomicLong();
        private final ExecutorService threads = Executors.newFixedThreadPool(REPORTING_UNITS.size());

        Load(String prefix, int round) {
            this.prefix = prefix;
            this.round = round;
        }

        void start() {
            for (String unit : REPORTING_UNITS) {
                threads.submit(() -> report(unit));
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            if (!threads.awaitTermination(GIVE_UP_AFTER.toSeconds() + 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the report stream did not stop");
            }
        }

        private void report(String unit) {
            for (int i = 0; running.get(); i++) {
                String taskId = taskIds.get(i % taskIds.size());
                // a period of its own for every report of a unit on a task: (round, i) → a month from 2022 on
                int month = round * 1000 + i / taskIds.size();
                String period = String.format("%04d-%02d", 2022 + month / 12, month % 12 + 1);
                String correlationId = prefix + unit + "-" + i;
                boolean accepted = sendUntilAnswered(unit, taskId, period, correlationId);
                sent.add(new Sent(correlationId, accepted));
                sleep(250);
            }
        }

        /** Sends one report, again with the same Idempotency-Key while the answer is 503 or none, until a final answer. */
        private boolean sendUntilAnswered(String unit, String taskId, String period, String correlationId) {
            String idempotencyKey = UUID.randomUUID().toString();
            long giveUp = System.nanoTime() + GIVE_UP_AFTER.toNanos();
            while (System.nanoTime() < giveUp) {
                long sentAt = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                                    + "/api/tasks/" + taskId + "/reports"))
                            .timeout(REQUEST_TIMEOUT)
                            .header("Authorization", "Bearer " + tokens.get(unit))
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", idempotencyKey)
                            .header("X-Correlation-Id", correlationId)
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                                    "period", period, "status", "ON_TRACK",
                                    "narrative", unit + " 按计划推进（" + period + "）。"))))
                            .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    int status = response.statusCode();
                    if (status / 100 == 2) {
                        if (sentAt > faultStartedAt.get()) {
                            firstAcceptedAfterFault.compareAndSet(0, System.nanoTime());
                        }
                        return true;
                    }
                    if (status == 503) {
                        if (response.headers().firstValue("Retry-After").isEmpty()) {
                            without503RetryAfter.incrementAndGet();
                        }
                        sleep(retryAfterMillis(response));
                        continue;
                    }
                    if (status == 409 && response.headers().firstValue("Retry-After").isPresent()) {
                        // the first attempt with this key is still running (or died with a killed
                        // service, its claim not yet stale): the draft's client asks again later
                        sleep(retryAfterMillis(response));
                        continue;
                    }
                    if (status >= 500) {
                        other5xx.incrementAndGet();
                        System.out.println("[faults] " + status + " for " + correlationId + ": " + response.body());
                        sleep(1000);
                        continue;
                    }
                    System.out.println("[faults] refused " + correlationId + ": " + status + " " + response.body());
                    return false;
                } catch (HttpTimeoutException timedOut) {
                    unanswered.incrementAndGet();
                } catch (IOException connectionFailed) {
                    // the gateway itself is down: connection refused, or reset by a kill; try again shortly
                    sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            System.out.println("[faults] gave up on " + correlationId + " after " + GIVE_UP_AFTER.toSeconds() + " s");
            return false;
        }
    }

    /** The answer's Retry-After (seconds), held between 1 and 10 s; 1 s without one. */
    private static long retryAfterMillis(HttpResponse<?> response) {
        String retryAfter = response.headers().firstValue("Retry-After").orElse("1");
        return 1000L * Math.max(1, Math.min(10, Integer.parseInt(retryAfter.trim())));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String format(Result r) {
        return String.format("| %-28s | %6d | %8d | %4d | %10d | %10d | %12d | %9d | %10d | %11d | %9s |", r.fault(),
                r.sent(), r.accepted(), r.lost(), r.duplicated(), r.unnotified(), r.notifiedTwice(), r.other5xx(),
                r.unanswered(), r.without503RetryAfter(),
                r.timeToRecover() == null ? "—" : String.format("%.1f s", r.timeToRecover().toMillis() / 1000.0));
    }

    public static String table(List<Result> results) {
        StringBuilder table = new StringBuilder();
        table.append("| fault                        |   sent | accepted | lost | duplicated | unnotified | notified 2× | other 5xx | unanswered | 503 no R-A  | recovered |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        results.forEach(r -> table.append(format(r)).append('\n'));
        return table.toString();
    }

    /** {@code dev-stack/faults [--short]}: starts its own stack (embedded PostgreSQL, fresh Kafka), runs, prints the table. */
    public static void main(String[] args) throws Exception {
        Path repoRoot = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : ".").toAbsolutePath().normalize();
        boolean shortMode = List.of(args).contains("--short");
        Path work = Files.createTempDirectory("plan-tracker-faults");
        int exit;
        try (DevStack stack = DevStack.startOnFreePorts(repoRoot, work, "faults", true)) {
            FaultSuite suite = new FaultSuite(stack);
            List<Result> results = suite.run(faults(shortMode), Duration.ofSeconds(10), Duration.ofSeconds(15));
            List<ReplayCheck.Result> replays = suite.compareReadModelsWithReplay();
            System.out.println();
            System.out.println(table(results));
            System.out.println(ReplayCheck.table(replays));
            exit = results.stream().allMatch(Result::keptEveryPromise) && replays.stream().allMatch(ReplayCheck.Result::equal)
                    ? 0 : 1;
        }
        System.exit(exit);
    }
}
