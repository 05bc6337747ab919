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
import java.net.ServerSocket;
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
 * (市关工委) finds a notification carrying the report's correlation id.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String MISHAN = "jixi-mishan";
    private static final String HULIN = "jixi-hulin";

    @TempDir
    static Path work;
    private static DevStack stack;
    private static String planId;
    private static String task7;
    private static final String correlationId = "e2e-" + UUID.randomUUID();

    @BeforeAll
    static void startTheStack() throws Exception {
        Path root = RepoRoot.path();
        DevStack.Options defaults = DevStack.Options.defaults(root);
        int[] ports = freePorts(7);
        stack = DevStack.start(new DevStack.Options(root, work, false, ports[0], ports[1], ports[2], ports[3],
                ports[4], ports[5], ports[6], "e2e", false, defaults.javaOptions()));
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

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
