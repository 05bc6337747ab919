package org.plantracker.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton's story, end to end, through the real gateway: the stack is the dev stack
 * itself (a Kafka broker process, an embedded PostgreSQL server, each service and the gateway in
 * its own JVM from its runnable jar). A city-committee user imports the Jixi plan; 密山市关工委
 * reports progress on task 7; its county view and the municipal view show it; the lead unit
 * (市关工委) finds a notification carrying the report's correlation id, returns the report with a reason,
 * accepts the resubmission, and urges another county, which reads the urge.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String MISHAN = "jixi-mishan";
    private static final String HULIN = "jixi-hulin";
    private static final String JIDONG = "jixi-jidong";

    @TempDir
    static Path work;
    private static DevStack stack;
    private static String planId;
    private static String task7;
    private static final String correlationId = "e2e-" + UUID.randomUUID();

    @BeforeAll
    static void startTheStack() throws Exception {
        Path root = RepoRoot.path();
        stack = DevStack.startOnFreePorts(root, work, "e2e", false);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theCityCommitteeImportsTheJixiPlanOnceAndOnlyOnce() throws Exception {
        String committee = stack.login(DevStack.CITY_COMMITTEE);
        JsonNode me = get("/api/me", committee).body;
        assertThat(me.path("unit").path("code").asText()).isEqualTo(DevStack.CITY_COMMITTEE);
        assertThat(me.path("roles").toString()).contains("SUPERVISOR");

        String plan = Files.readString(RepoRoot.path().resolve(DevStack.SEED_PLAN), StandardCharsets.UTF_8);
        Response first = importPlan(plan, committee);
        assertThat(first.status).as(first.body.toString()).isEqualTo(201);
        assertThat(first.body.path("sections").asInt()).isEqualTo(14);
        assertThat(first.body.path("tasks").asInt()).isEqualTo(30);
        assertThat(first.body.path("warnings").toString()).contains("市文化广电和旅游局");
        planId = first.body.path("planId").asText();

        Response again = importPlan(plan, committee);
        assertThat(again.status).isEqualTo(200);
        assertThat(again.body.path("planId").asText()).isEqualTo(planId);
        assertThat(get("/api/plans", committee).body.size()).isEqualTo(1);

        Response countyTasks = get("/api/tasks?planId=" + planId + "&unit=" + MISHAN, committee);
        assertThat(countyTasks.body.size()).as("密山市关工委 has a share in every task").isEqualTo(30);
        JsonNode seventh = find(countyTasks.body, t -> t.path("number").asInt() == 7);
        task7 = seventh.path("taskId").asText();
        assertThat(seventh.path("leadUnit").path("code").asText()).isEqualTo(DevStack.CITY_COMMITTEE);
        assertThat(seventh.path("responsibleUnits").toString()).contains("市委宣传部", "密山市关工委");
    }

    @Test
    @Order(2)
    void onlyAuthenticatedCallersGetInAndEveryResponseCarriesACorrelationId() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/tasks"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("X-Correlation-Id")).isPresent();
        assertThat(JSON.readTree(anonymous.body()).path("status").asInt()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void aCountyCommitteeReportsForItselfAndOthersAreRefused() throws Exception {
        String mishan = stack.login(MISHAN);
        // progress-service learns the assignment from Kafka a moment after the import: the county
        // view listing task 7 is the sign it knows 密山市关工委 may report on it
        awaitRow("/api/views/county/" + MISHAN + "?planId=" + planId, mishan,
                row -> row.path("taskId").asText().equals(task7));
        Response report = post("/api/tasks/" + task7 + "/reports", mishan, Map.of(
                "period", "2022-Q2", "status", "ON_TRACK",
                "narrative", "密山市组织“五老”开展“十小明星”评选，覆盖全市中小学。",
                "figures", List.of(), "problems", List.of("农村学校覆盖不足")));
        assertThat(report.status).as(report.body.toString()).isEqualTo(201);
        assertThat(report.body.path("reportId").asText()).isNotBlank();
        assertThat(report.correlationId).isEqualTo(correlationId);

        // 市司法局 has no share in task 7
        Response notAssigned = post("/api/tasks/" + task7 + "/reports", stack.login("jixi-justice"), Map.of(
                "period", "2022-Q2", "status", "ON_TRACK", "narrative", "无关单位的报告"));
        assertThat(notAssigned.status).isEqualTo(403);

        Response invalid = post("/api/tasks/" + task7 + "/reports", mishan, Map.of("narrative", "缺少周期和状态"));
        assertThat(invalid.status).isEqualTo(400);
        assertThat(invalid.body.path("errors").toString()).contains("period", "status");
    }

    @Test
    @Order(4)
    void theCountyAndMunicipalViewsShowTheReport() throws Exception {
        String mishan = stack.login(MISHAN);
        JsonNode countyRow = awaitRow("/api/views/county/" + MISHAN + "?planId=" + planId, mishan,
                row -> row.path("taskId").asText().equals(task7) && row.path("lastReport").path("status").asText().equals("ON_TRACK"));
        assertThat(countyRow.path("light").asText()).isEqualTo("GREEN");
        assertThat(countyRow.path("lastReport").path("narrative").asText()).contains("十小明星");

        assertThat(get("/api/views/county/" + MISHAN + "?planId=" + planId, stack.login(HULIN)).status)
                .as("a county committee reads only its own county view").isEqualTo(403);

        String committee = stack.login(DevStack.CITY_COMMITTEE);
        JsonNode municipalRow = awaitRow("/api/views/municipal?planId=" + planId, committee,
                row -> row.path("taskId").asText().equals(task7) && row.path("unit").path("code").asText().equals(MISHAN)
                        && row.path("lastReport").path("status").asText().equals("ON_TRACK"));
        assertThat(municipalRow.path("light").asText()).isEqualTo("GREEN");
    }

    @Test
    @Order(5)
    void theLeadUnitFindsTheNotificationWithTheReportsCorrelationId() throws Exception {
        String committee = stack.login(DevStack.CITY_COMMITTEE);
        JsonNode notification = await("/api/notifications?unread=true", committee,
                n -> "PROGRESS_REPORTED".equals(n.path("type").asText()) && task7.equals(n.path("taskId").asText()));
        assertThat(notification.path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(notification.path("title").asText()).contains("密山市关工委");

        JsonNode assigned = await("/api/notifications", stack.login("jixi-propaganda"),
                n -> "TASK_ASSIGNED".equals(n.path("type").asText()) && task7.equals(n.path("taskId").asText()));
        assertThat(assigned.path("unit").asText()).isEqualTo("jixi-propaganda");
    }

    @Test
    @Order(7)
    void theLeadUnitReturnsTheReportTheCountyResubmitsItAndAnUrgeIsRead() throws Exception {
        String mishan = stack.login(MISHAN);
        String committee = stack.login(DevStack.CITY_COMMITTEE);
        String hulin = stack.login(HULIN);
        // 密山市关工委's third-quarter report (test 6)
        String history = "/api/tasks/" + task7 + "/units/" + MISHAN + "/reports?period=2022-Q3";
        String first = await(history, mishan, r -> r.path("version").asInt() == 1).path("reportId").asText();
        assertThat(get(history, hulin).status).as("another county reads no other county's reports").isEqualTo(403);

        // 市关工委 leads task 7: it returns the report with a reason; the county hears of it
        assertThat(post("/api/reports/" + first + "/review", stack.login("jixi-propaganda"), Map.of("decision", "ACCEPT"))
                .status).as("only the lead unit reviews").isEqualTo(403);
        assertThat(post("/api/reports/" + first + "/review", committee, Map.of("decision", "RETURN")).body
                .path("errors").toString()).contains("comment");
        assertThat(post("/api/reports/" + first + "/review", committee,
                Map.of("decision", "RETURN", "comment", "请补充覆盖学校数量")).status).isEqualTo(200);
        JsonNode returned = await("/api/notifications", mishan,
                n -> "REPORT_RETURNED".equals(n.path("type").asText()) && task7.equals(n.path("taskId").asText()));
        assertThat(returned.path("body").asText()).contains("请补充覆盖学校数量");
        awaitRow("/api/views/county/" + MISHAN + "?planId=" + planId, mishan,
                row -> row.path("taskId").asText().equals(task7) && row.path("light").asText().equals("RED"));

        // the resubmission is version 2, accepted; the returned version stays readable
        Response again = post("/api/tasks/" + task7 + "/reports", mishan, Map.of("period", "2022-Q3", "status", "ON_TRACK",
                "narrative", "密山市第三季度开展普法进校园12场，覆盖中小学42所。"));
        assertThat(again.status).as(again.body.toString()).isEqualTo(201);
        String second = again.body.path("reportId").asText();
        await(history, mishan, r -> r.path("reportId").asText().equals(second) && r.path("version").asInt() == 2);
        assertThat(post("/api/reports/" + second + "/review", committee, Map.of("decision", "ACCEPT")).status).isEqualTo(200);
        await("/api/notifications", mishan,
                n -> "REPORT_ACCEPTED".equals(n.path("type").asText()) && task7.equals(n.path("taskId").asText()));
        JsonNode old = get("/api/reports/" + first, mishan).body;
        assertThat(old.path("reviewState").asText()).isEqualTo("RETURNED");
        assertThat(old.path("supersededBy").asText()).isEqualTo(second);

        // the lead unit urges 虎林市关工委, which reads the urge; the lead unit gets the read receipt
        Response urge = post("/api/tasks/" + task7 + "/units/" + HULIN + "/urges", committee,
                Map.of("period", "2022-Q4", "message", "请尽快报送四季度进展"));
        assertThat(urge.status).as(urge.body.toString()).isEqualTo(201);
        String urgeId = urge.body.path("urgeId").asText();
        await("/api/notifications", hulin, n -> "URGED".equals(n.path("type").asText()) && task7.equals(n.path("taskId").asText()));
        JsonNode received = awaitIn("/api/views/county/" + HULIN + "?planId=" + planId, hulin, body -> body.path("urges"),
                u -> u.path("urgeId").asText().equals(urgeId));
        assertThat(received.path("automatic").asBoolean()).isFalse();
        assertThat(post("/api/urges/" + urgeId + "/read", mishan, Map.of()).status).isEqualTo(403);
        assertThat(post("/api/urges/" + urgeId + "/read", hulin, Map.of()).status).isEqualTo(200);
        await("/api/notifications", committee,
                n -> "URGE_READ".equals(n.path("type").asText()) && task7.equals(n.path("taskId").asText()));
    }

    @Test
    @Order(6)
    void theLeadUnitFollowsReportsLiveThroughTheGatewayResumesAfterADisconnectAndGetsASignedWebhook() throws Exception {
        String committee = stack.login(DevStack.CITY_COMMITTEE);
        try (WebhookSink sink = new WebhookSink()) {
            Response subscribed = post("/api/subscriptions", committee, Map.of("url", sink.url(),
                    "eventTypes", List.of("ProgressReportSubmittedEvent"), "filter", Map.of("taskIds", List.of(task7))));
            assertThat(subscribed.status).as(subscribed.body.toString()).isEqualTo(201);
            String secret = subscribed.body.path("secret").asText();

            String lastId;
            try (EventStream stream = EventStream.open(stack.gatewayUrl() + "/api/notifications/stream", committee, null)) {
                assertThat(stream.status).isEqualTo(200);
                stream.awaitComment(c -> c.startsWith("connected"));
                Response mishan = post("/api/tasks/" + task7 + "/reports", stack.login(MISHAN), Map.of(
                        "period", "2022-Q3", "status", "ON_TRACK", "narrative", "密山市第三季度开展普法进校园12场。"));
                assertThat(mishan.status).as(mishan.body.toString()).isEqualTo(201);
                JsonNode live = stream.awaitEvent(n -> "PROGRESS_REPORTED".equals(n.path("type").asText())
                        && n.path("title").asText().contains("密山市关工委"));
                assertThat(live.path("correlationId").asText()).isEqualTo(correlationId);
                lastId = stream.lastId();
            }
            // away: 虎林's report arrives meanwhile
            Response hulin = post("/api/tasks/" + task7 + "/reports", stack.login(HULIN), Map.of(
                    "period", "2022-Q3", "status", "AT_RISK", "narrative", "虎林市农村学校覆盖不足。"));
            assertThat(hulin.status).as(hulin.body.toString()).isEqualTo(201);
            try (EventStream resumed = EventStream.open(stack.gatewayUrl() + "/api/notifications/stream", committee, lastId)) {
                JsonNode missed = resumed.awaitEvent(n -> n.path("title").asText().contains("虎林市关工委"));
                assertThat(missed.path("type").asText()).isEqualTo("PROGRESS_REPORTED");
                assertThat(resumed.events()).noneMatch(n -> n.path("title").asText().contains("密山市关工委")
                        && n.path("body").asText().contains("普法进校园"));
            }

            // both reports reached the subscription, signed as Standard Webhooks documents
            List<WebhookSink.Delivery> deliveries = sink.await(2);
            assertThat(deliveries).allSatisfy(d -> assertThat(d.verifies(secret)).isTrue());
            assertThat(deliveries).extracting(d -> JSON.readTree(d.body()).path("data").path("unit").path("code").asText())
                    .containsExactlyInAnyOrder(MISHAN, HULIN);
        }
    }

    @Test
    @Order(7)
    void aTasksAuditTrailIsOneAnswerAcrossTheServicesAndEveryServicesChainVerifies() throws Exception {
        String committee = stack.login(DevStack.CITY_COMMITTEE);
        JsonNode submitted = awaitIn("/api/audit/tasks/" + task7, committee, body -> body.path("entries"),
                e -> "ProgressReportSubmittedEvent".equals(e.path("type").asText()));
        assertThat(submitted.path("service").asText()).isEqualTo("progress-service");
        assertThat(submitted.path("actorUnit").asText()).isEqualTo(MISHAN);
        assertThat(submitted.path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(submitted.path("data").path("narrative").asText()).contains("十小明星");

        JsonNode trail = get("/api/audit/tasks/" + task7, committee).body;
        List<String> services = new java.util.ArrayList<>();
        String previous = "";
        for (JsonNode entry : trail.path("entries")) {
            services.add(entry.path("service").asText());
            assertThat(java.time.Instant.parse(entry.path("time").asText()))
                    .as("oldest first").isAfterOrEqualTo(previous.isEmpty() ? java.time.Instant.EPOCH : java.time.Instant.parse(previous));
            previous = entry.path("time").asText();
        }
        assertThat(services).contains("task-service", "progress-service");
        assertThat(trail.path("entries").get(0).path("type").asText()).isEqualTo("TaskCreatedEvent");

        // a county committee reads its own share's trail only
        for (JsonNode entry : get("/api/audit/tasks/" + task7, stack.login(MISHAN)).body.path("entries")) {
            assertThat(List.of(entry.path("unit").asText(), entry.path("actorUnit").asText())).contains(MISHAN);
        }
        assertThat(get("/api/audit/units/" + MISHAN, stack.login(HULIN)).status).isEqualTo(403);

        Response verified = get("/api/audit/verify", committee);
        assertThat(verified.status).as(verified.body.toString()).isEqualTo(200);
        assertThat(verified.body.path("services")).hasSize(3);
        assertThat(verified.body.path("intact").asBoolean()).as(verified.body.toString()).isTrue();
        assertThat(get("/api/audit/verify?service=progress", stack.login(MISHAN)).status).isEqualTo(403);
    }

    /** A Server-Sent Events reader over one HTTP connection. */
    private static final class EventStream implements AutoCloseable {
        final int status;
        private final java.io.InputStream body;
        private final List<String[]> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();

        private EventStream(HttpResponse<java.io.InputStream> response) {
            status = response.statusCode();
            body = response.body();
            Thread reader = new Thread(this::read, "e2e-sse");
            reader.setDaemon(true);
            reader.start();
        }

        static EventStream open(String url, String token, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            return new EventStream(HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
        }

        private void read() {
            try (java.io.BufferedReader lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new String[]{id, data.toString()});
                        }
                        id = null;
                        data.setLength(0);
                    } else if (line.startsWith(":")) {
                        comments.add(line.substring(1).strip());
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            } catch (IOException closed) {
                // closed by the test
            }
        }

        List<JsonNode> events() throws IOException {
            List<JsonNode> parsed = new ArrayList<>();
            for (String[] e : events) {
                parsed.add(JSON.readTree(e[1]));
            }
            return parsed;
        }

        String lastId() {
            return events.get(events.size() - 1)[0];
        }

        void awaitComment(Predicate<String> match) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                if (comments.stream().anyMatch(match)) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no such comment on the stream; got " + comments);
        }

        JsonNode awaitEvent(Predicate<JsonNode> match) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (JsonNode n : events()) {
                    if (match.test(n)) {
                        return n;
                    }
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no such event on the stream within 60 s; got " + events());
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** A real HTTP server receiving webhooks, and the documented signature check. */
    private static final class WebhookSink implements AutoCloseable {
        record Delivery(String id, String timestamp, String signature, String body) {
            boolean verifies(String secret) throws Exception {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(
                        java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
                String expected = "v1," + java.util.Base64.getEncoder().encodeToString(
                        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                return List.of(signature.split(" ")).contains(expected);
            }
        }

        private final com.sun.net.httpserver.HttpServer server;
        private final List<Delivery> received = new java.util.concurrent.CopyOnWriteArrayList<>();

        WebhookSink() throws IOException {
            server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    var h = exchange.getRequestHeaders();
                    received.add(new Delivery(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                            h.getFirst("webhook-signature"), body));
                    exchange.sendResponseHeaders(204, -1);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/plan-tracker";
        }

        List<Delivery> await(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && received.size() < count) {
                Thread.sleep(100);
            }
            assertThat(received).hasSize(count);
            return List.copyOf(received);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    @Order(20)
    void threeCountyCommitteesRaiseTheSameProblemAndTheCityCommitteeAnswersItAsGeneral() throws Exception {
        String committee = stack.login(DevStack.CITY_COMMITTEE);
        String problemId = null;
        for (String county : List.of(MISHAN, HULIN, JIDONG)) {
            String token = stack.login(county);
            awaitRow("/api/views/county/" + county + "?planId=" + planId, token,
                    row -> row.path("taskId").asText().equals(task7));
            Response raised = post("/api/tasks/" + task7 + "/problems", token,
                    Map.of("category", "农村学校覆盖不足", "text", county + "：农村学校尚未覆盖。"));
            assertThat(raised.status).as(raised.body.toString()).isEqualTo(201);
            problemId = raised.body.path("problemId").asText();
        }
        String id = problemId;
        JsonNode general = await("/api/problems?planId=" + planId + "&general=true", committee,
                p -> p.path("problemId").asText().equals(id));
        assertThat(general.path("countyCount").asInt()).isEqualTo(3);
        JsonNode flagged = await("/api/notifications?type=PROBLEM_FLAGGED_GENERAL&taskId=" + task7, committee,
                n -> "PROBLEM_FLAGGED_GENERAL".equals(n.path("type").asText()) && task7.equals(n.path("taskId").asText()));
        assertThat(flagged.path("title").asText()).contains("3个县级关工委");

        Response answered = post("/api/tasks/" + task7 + "/problems/" + problemId + "/answer", committee,
                Map.of("answer", "已向省关工委反映，统筹解决。", "escalate", true));
        assertThat(answered.status).as(answered.body.toString()).isEqualTo(200);
        JsonNode heard = await("/api/notifications?type=PROBLEM_ANSWERED&taskId=" + task7, stack.login(JIDONG),
                n -> "PROBLEM_ANSWERED".equals(n.path("type").asText()) && task7.equals(n.path("taskId").asText()));
        assertThat(heard.path("body").asText()).contains("已向省关工委反映");
    }

    @Test
    @Order(21)
    void theCityCommitteeSupervisesPublishesAGoodPracticeAndDownloadsTheLedger() throws Exception {
        String committee = stack.login(DevStack.CITY_COMMITTEE);
        Response supervised = post("/api/tasks/" + task7 + "/supervision", committee,
                Map.of("unitCode", HULIN, "findings", "虎林市尚未报送进展。", "comment", "请于本周内报送。"));
        assertThat(supervised.status).as(supervised.body.toString()).isEqualTo(201);
        await("/api/notifications?type=SUPERVISION_RECORDED&taskId=" + task7, stack.login(HULIN),
                n -> "SUPERVISION_RECORDED".equals(n.path("type").asText()) && task7.equals(n.path("taskId").asText()));

        String mishan = stack.login(MISHAN);
        Response submitted = post("/api/tasks/" + task7 + "/practices", mishan,
                Map.of("title", "“十小明星”评选", "text", "组织“五老”开展“十小明星”评选，覆盖全市中小学。"));
        assertThat(submitted.status).as(submitted.body.toString()).isEqualTo(201);
        Response published = post("/api/practices/" + submitted.body.path("practiceId").asText() + "/publish", committee, Map.of());
        assertThat(published.status).isEqualTo(200);
        await("/api/practices?planId=" + planId, stack.login(HULIN), p -> p.path("title").asText().equals("“十小明星”评选"));

        HttpResponse<byte[]> xlsx = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                        + "/api/views/municipal/export?planId=" + planId + "&format=xlsx"))
                .header("Authorization", "Bearer " + committee).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.ISO_8859_1)).as("a zip file, as .xlsx is").isEqualTo("PK");
        HttpResponse<String> csv = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                        + "/api/views/county/" + MISHAN + "/export?planId=" + planId + "&format=csv"))
                .header("Authorization", "Bearer " + mishan).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFF部分,任务序号,任务,牵头单位,单位");
        assertThat(lines).as("a row per task of the plan").hasSize(1 + 30);
        // 密山 reported on task 7 (on track): its row is green and shows the report
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(",7,").contains(",密山市关工委,责任单位,绿,")
                .contains("按计划推进"));
    }

    @Test
    @Order(22)
    void mishanAttachesAPhotoAndAPdfToItsReportAndTheCityCommitteeDownloadsThemThroughTheGateway() throws Exception {
        String mishan = stack.login(MISHAN);
        String committee = stack.login(DevStack.CITY_COMMITTEE);
        Response history = get("/api/tasks/" + task7 + "/units/" + MISHAN + "/reports", mishan);
        assertThat(history.status).as(history.body.toString()).isEqualTo(200);
        String report = history.body.get(0).path("reportId").asText();
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(5, 5, 0x00ff00);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", png);
        byte[] pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
                .getBytes(StandardCharsets.US_ASCII);

        Response attached = upload("/api/reports/" + report + "/attachments", mishan,
                Map.of("活动照片.png", png.toByteArray(), "会议纪要.pdf", pdf));
        assertThat(attached.status).as(attached.body.toString()).isEqualTo(201);
        assertThat(attached.body.path("attachments")).hasSize(2);
        // an executable is refused whatever it is called
        Response exe = upload("/api/reports/" + report + "/attachments", mishan, Map.of("通知.pdf", new byte[]{'M', 'Z', 0, 0, 0, 0}));
        assertThat(exe.status).isEqualTo(415);
        assertThat(exe.body.path("detail").asText()).contains("通知.pdf");

        JsonNode minutes = await("/api/reports/" + report + "/attachments", committee,
                a -> a.path("fileName").asText().equals("会议纪要.pdf"));
        assertThat(minutes.path("mediaType").asText()).isEqualTo("application/pdf");
        assertThat(minutes.path("uploaderUnit").asText()).isEqualTo(MISHAN);
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(
                        URI.create(stack.gatewayUrl() + "/api/attachments/" + minutes.path("attachmentId").asText()))
                .header("Authorization", "Bearer " + committee).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
        assertThat(download.headers().firstValue("X-Content-SHA256")).contains(minutes.path("sha256").asText());
        assertThat(get("/api/attachments/" + minutes.path("attachmentId").asText(), stack.login(HULIN)).status).isEqualTo(403);

        // the task's evidence package: both files and a manifest with their SHA-256
        HttpResponse<byte[]> zip = HTTP.send(HttpRequest.newBuilder(
                        URI.create(stack.gatewayUrl() + "/api/tasks/" + task7 + "/evidence-package"))
                .header("Authorization", "Bearer " + committee).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        Map<String, byte[]> entries = new java.util.HashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()),
                StandardCharsets.UTF_8)) {
            for (java.util.zip.ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        assertThat(entries.get(MISHAN + "/" + report + "/会议纪要.pdf")).isEqualTo(pdf);
        assertThat(entries.get(MISHAN + "/" + report + "/活动照片.png")).isEqualTo(png.toByteArray());
        assertThat(new String(entries.get("manifest.csv"), StandardCharsets.UTF_8))
                .contains(report + "," + MISHAN + ",会议纪要.pdf," + pdf.length + "," + minutes.path("sha256").asText() + ",true");
        assertThat(get("/api/tasks/" + task7 + "/evidence-package", mishan).status).isEqualTo(403);
    }

    /** A multipart/form-data upload of the files (name → bytes) as parts named "files". */
    private static Response upload(String path, String token, Map<String, byte[]> files) throws IOException, InterruptedException {
        String boundary = "----e2e" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + file.getKey()
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(file.getValue());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    // --- helpers -------------------------------------------------------------------------------

    private record Response(int status, JsonNode body, String correlationId) {
    }

    private static Response importPlan(String plan, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/plans/import"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(plan, StandardCharsets.UTF_8)));
    }

    private static Response get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token).GET());
    }

    private static Response post(String path, String token, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("X-Correlation-Id", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)));
    }

    private static Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Response(response.statusCode(), body, response.headers().firstValue("X-Correlation-Id").orElse(null));
    }

    /** Polls a view until one of its rows matches: read models follow the events a moment later. */
    private static JsonNode awaitRow(String path, String token, Predicate<JsonNode> match) throws Exception {
        return awaitIn(path, token, body -> body.path("rows"), match);
    }

    private static JsonNode await(String path, String token, Predicate<JsonNode> match) throws Exception {
        return awaitIn(path, token, body -> body, match);
    }

    private static JsonNode awaitIn(String path, String token, java.util.function.Function<JsonNode, JsonNode> items,
                                    Predicate<JsonNode> match) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            last = get(path, token);
            if (last.status == 200) {
                for (JsonNode item : items.apply(last.body)) {
                    if (match.test(item)) {
                        return item;
                    }
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("nothing matched at " + path + " within 60 s; last answer: "
                + (last == null ? "none" : last.status + " " + last.body));
    }

    private static JsonNode find(JsonNode array, Predicate<JsonNode> match) {
        for (JsonNode item : array) {
            if (match.test(item)) {
                return item;
            }
        }
        throw new AssertionError("no match in " + array);
    }
}
