package org.plantracker.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation the OpenAPI documents describe, driven through the real gateway with malformed
 * input: wrong types, missing and extra fields, nulls, unknown enum values, 300,000-character
 * strings, odd Unicode (a lone surrogate, NUL, a right-to-left override), impossible dates,
 * 20,000-item lists, unreadable and deeply nested bodies, wrong query values, and path ids that do
 * not exist. Sent as the city committee and as a county committee, every answer must be below 500,
 * every refusal a problem-details document whose status is the response's, no request may hang, and
 * no refused request may leave an event in any service's store (each request carries its own
 * correlation id, which every stored event records).
 *
 * <p>Also here, as bad input of another kind: two reviews of one report sent at the same moment, of
 * which one stands and the other gets 409, with exactly one review stored.
 *
 * <p>The generator reads the documents at run time, so an operation added later is covered
 * without touching this test.
 */
class MalformedInputEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration NO_REQUEST_HANGS_PAST = Duration.ofSeconds(30);
    private static final List<String> SERVICES = List.of("task-service", "progress-service", "notification-service");
    private static final String COUNTY = "jixi-mishan";
    private static final String HUGE = "长".repeat(300_000);
    /** Marker replaced in the serialized body by a JSON escape of a lone surrogate, which no Java string can hold. */
    private static final String LONE_SURROGATE_MARKER = "__lone_surrogate__";

    @TempDir
    static Path work;
    private static DevStack stack;
    private static String planId;
    private static String taskId;
    /** Another task, which no malformed request touches (their valid variants may schedule {@link #taskId}). */
    private static String raceTaskId;
    private static String raceLeadUnit;
    private static final Map<String, String> raceTokens = new LinkedHashMap<>();
    private static final Map<String, String> tokens = new LinkedHashMap<>();
    private static final String runId = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger sequence = new AtomicInteger();

    @BeforeAll
    static void startTheStackWithTheJixiPlan() throws Exception {
        Path root = RepoRoot.path();
        stack = DevStack.startOnFreePorts(root, work, "malformed", true);
        planId = stack.importResult().path("planId").asText();
        tokens.put("city committee", stack.login(DevStack.CITY_COMMITTEE));
        tokens.put("county committee", stack.login(COUNTY));
        JsonNode tasks = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                        + "/api/tasks?planId=" + planId + "&unit=" + COUNTY))
                .header("Authorization", "Bearer " + tokens.get("city committee")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        taskId = tasks.get(0).path("taskId").asText();
        raceTaskId = tasks.get(1).path("taskId").asText();
        // the race's own logins, taken now: the sweep's logins with wrong passwords lock this address for a while
        raceLeadUnit = tasks.get(1).path("leadUnit").path("code").asText();
        raceTokens.put(COUNTY, stack.login(COUNTY));
        raceTokens.put(raceLeadUnit, stack.login(raceLeadUnit));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyOperationRefusesMalformedInputWithAProblemAndStoresNothing() throws Exception {
        String control = "malformed-" + runId + "-control";
        Outcome report = send(new Attempt("POST", "/api/tasks/" + taskId + "/reports", "application/json",
                JSON.writeValueAsString(Map.of("period", "2022-Q2", "status", "ON_TRACK", "narrative", "按计划推进。",
                        "figures", List.of(), "problems", List.of())), "a valid report"), tokens.get("county committee"), control);
        assertThat(report.status()).as(report.body()).isEqualTo(201);
        assertThat(eventsStoredUnder(List.of(control))).as("the check below finds what a request stored").isNotEmpty();

        List<Operation> operations = operations();
        assertThat(operations).as("the OpenAPI documents list the operations").hasSizeGreaterThan(20);
        List<String> failures = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        int sent = 0;
        for (Operation operation : operations) {
            for (Attempt attempt : attempts(operation)) {
                for (Map.Entry<String, String> caller : tokens.entrySet()) {
                    String correlationId = "malformed-" + runId + "-" + sequence.incrementAndGet();
                    Outcome outcome = send(attempt, caller.getValue(), correlationId);
                    sent++;
                    covered.add(operation.method() + " " + operation.path());
                    String what = operation.method() + " " + attempt.uri() + " [" + attempt.what() + "] as " + caller.getKey();
                    String problem = outcome.problem();
                    if (problem == null && outcome.status() < 300 && attempt.exceedsEveryLimit()) {
                        problem = outcome.status() + ": accepted " + attempt.what() + " (no limit)";
                    }
                    if (problem != null) {
                        failures.add(what + ": " + problem);
                    }
                    if (outcome.status() >= 400) {
                        refused.add(correlationId);
                    }
                }
            }
        }
        System.out.printf("[malformed] %d operations, %d requests, %d refused, %d failures%n",
                covered.size(), sent, refused.size(), failures.size());
        assertThat(failures.subList(0, Math.min(40, failures.size())))
                .as("answers that were a 5xx, a hang or a refusal without a problem document (first 40 of %d)",
                        failures.size())
                .isEmpty();
        assertThat(eventsStoredUnder(refused)).as("events stored by refused requests").isEmpty();
    }

    @Test
    void twoReviewsRacingOnOneReportGiveOneDecisionAndOne409() throws Exception {
        String county = raceTokens.get(COUNTY);
        Outcome submitted = send(new Attempt("POST", "/api/tasks/" + raceTaskId + "/reports", "application/json",
                JSON.writeValueAsString(Map.of("period", "2022-Q3", "status", "ON_TRACK", "narrative", "三季度按计划推进。")),
                "a report to race on"), county, "race-" + runId + "-report");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String reportId = JSON.readTree(submitted.body()).path("reportId").asText();
        String lead = raceTokens.get(raceLeadUnit);
        // the report reaches the lead unit's side through the views a moment after it is stored
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (send(new Attempt("GET", "/api/reports/" + reportId, null, null, "read"), lead, "race-" + runId + "-read").status() != 200) {
            assertThat(System.nanoTime()).as("the report can be read").isLessThan(deadline);
            Thread.sleep(200);
        }

        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<Outcome>> decisions = new ArrayList<>();
            for (Map<String, String> decision : List.of(Map.of("decision", "ACCEPT"),
                    Map.of("decision", "RETURN", "comment", "数据与台账不符"))) {
                String body = JSON.writeValueAsString(decision);
                decisions.add(two.submit(() -> {
                    start.await();
                    return send(new Attempt("POST", "/api/reports/" + reportId + "/review", "application/json", body,
                            "review " + decision.get("decision")), lead, "race-" + runId + "-" + decision.get("decision"));
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (java.util.concurrent.Future<Outcome> decision : decisions) {
                Outcome outcome = decision.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(outcome.problem()).as(outcome.body()).isNull();
                statuses.add(outcome.status());
            }
            assertThat(statuses).as("one decision stands, the other is refused as a conflict").containsExactlyInAnyOrder(200, 409);
        } finally {
            two.shutdownNow();
        }
        assertThat(reviewEventsOf(reportId)).as("one review stored, nothing half written").hasSize(1);
    }

    /** The review events stored for one report, by type. */
    private static List<String> reviewEventsOf(String reportId) throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("progress"), stack.databaseUser(), "");
             PreparedStatement query = connection.prepareStatement("""
                     SELECT payloadtype FROM domainevententry
                     WHERE (payloadtype LIKE '%ProgressReportAcceptedEvent' OR payloadtype LIKE '%ProgressReportReturnedEvent')
                       AND convert_from(payload, 'UTF8') LIKE ?""")) {
            query.setString(1, "%" + reportId + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    types.add(rows.getString(1));
                }
            }
        }
        return types;
    }

    // ---- what is sent

    record Operation(String service, String method, String path, JsonNode definition, JsonNode document) {
    }

    record Attempt(String method, String uri, String contentType, String body, String what) {

        /** Input no field of this product may take: a 300,000-character string or a 20,000-item list. */
        boolean exceedsEveryLimit() {
            return what.endsWith("300,000 characters") || what.endsWith("20,000 items");
        }
    }

    record Outcome(int status, String contentType, String body, String error) {

        /** Why this answer breaks the contract, or null when it keeps it. */
        String problem() {
            if (error != null) {
                return error;
            }
            if (status >= 500) {
                return status + " " + abbreviate(body);
            }
            if (status >= 400) {
                if (contentType == null || !contentType.startsWith("application/problem+json")) {
                    return status + " with content type " + contentType + ": " + abbreviate(body);
                }
                try {
                    JsonNode problem = JSON.readTree(body);
                    if (problem.path("status").asInt() != status || problem.path("title").asText().isBlank()) {
                        return status + " with a problem document that does not say so: " + abbreviate(body);
                    }
                } catch (Exception e) {
                    return status + " with an unreadable problem document: " + abbreviate(body);
                }
            }
            return null;
        }
    }

    private static List<Operation> operations() throws Exception {
        List<Operation> operations = new ArrayList<>();
        for (String service : SERVICES) {
            readOperations(service, "/v3/api-docs/" + service, operations);
        }
        readOperations("gateway", "/v3/api-docs", operations);
        return operations;
    }

    private static void readOperations(String service, String docPath, List<Operation> into) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + docPath))
                .header("Authorization", "Bearer " + tokens.get("city committee")).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(docPath).isEqualTo(200);
        JsonNode document = JSON.readTree(response.body());
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!Set.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                    continue;
                }
                if (path.getKey().startsWith("/actuator") || producesAStream(method.getValue())) {
                    continue; // the live stream answers forever by design; actuator is not the client contract
                }
                if (path.getKey().equals("/api/auth/logout")) {
                    // a logout revokes the caller's own access token whatever its body says, and every later
                    // request of the sweep would then be a 401; its refusals are GatewayRefreshTokensTest's
                    continue;
                }
                into.add(new Operation(service, method.getKey().toUpperCase(), path.getKey(), method.getValue(), document));
            }
        }
    }

    private static boolean producesAStream(JsonNode operation) {
        return operation.path("responses").toString().contains("text/event-stream");
    }

    private static List<Attempt> attempts(Operation operation) throws Exception {
        List<Attempt> attempts = new ArrayList<>();
        Map<String, String> realIds = new LinkedHashMap<>();
        List<JsonNode> queryParameters = new ArrayList<>();
        for (JsonNode parameter : operation.definition().path("parameters")) {
            if (parameter.path("in").asText().equals("path")) {
                realIds.put(parameter.path("name").asText(), realValueFor(parameter.path("name").asText()));
            } else if (parameter.path("in").asText().equals("query")) {
                queryParameters.add(parameter);
            }
        }
        String path = fill(operation.path(), realIds);
        // path ids that do not exist, or are no id at all
        for (String name : realIds.keySet()) {
            for (String wrong : List.of(UUID.randomUUID().toString(), "no-such-thing", "%E2%80%AE%F0%A0%80%80",
                    "x".repeat(1_000), "a%00b", "a%2Fb", "..%2F..%2Fetc", "a;b=c")) {
                Map<String, String> ids = new LinkedHashMap<>(realIds);
                ids.put(name, wrong);
                attempts.add(attempt(operation, fill(operation.path(), ids), validBody(operation), "path " + name + "=" + abbreviate(wrong)));
            }
        }
        // query values of the wrong type, unknown values and huge ones
        for (JsonNode parameter : queryParameters) {
            for (String wrong : List.of("not-a-" + typeOf(resolve(operation.document(), parameter.path("schema"))), "NOT_A_VALUE",
                    "2022-02-30", "-1", "99999999999999999999", "y".repeat(3_000))) {
                String uri = path + "?" + parameter.path("name").asText() + "=" + URLEncoder.encode(wrong, StandardCharsets.UTF_8);
                attempts.add(attempt(operation, uri, validBody(operation), "query " + parameter.path("name").asText() + "=" + abbreviate(wrong)));
            }
        }
        JsonNode content = operation.definition().path("requestBody").path("content");
        if (content.has("application/json")) {
            JsonNode schema = resolve(operation.document(), content.path("application/json").path("schema"));
            for (Map.Entry<String, String> body : malformedBodies(operation.document(), schema).entrySet()) {
                attempts.add(new Attempt(operation.method(), path, "application/json", body.getValue(), body.getKey()));
            }
        } else if (content.size() > 0) {
            String type = content.fieldNames().next();
            for (Map.Entry<String, String> body : Map.of("empty body", "", "300,000 characters", HUGE,
                    "binary noise", "\u0000\u0001\uFFFE" + "\u202E".repeat(100)).entrySet()) {
                attempts.add(new Attempt(operation.method(), path, type, body.getValue(), body.getKey()));
            }
        }
        return attempts;
    }

    private static Attempt attempt(Operation operation, String uri, String body, String what) {
        return new Attempt(operation.method(), uri, body == null ? null : "application/json", body, what);
    }

    private static String validBody(Operation operation) throws Exception {
        JsonNode content = operation.definition().path("requestBody").path("content");
        if (!content.has("application/json")) {
            return null;
        }
        return JSON.writeValueAsString(valid(operation.document(), resolve(operation.document(),
                content.path("application/json").path("schema")), 0));
    }

    private static String realValueFor(String name) {
        String lower = name.toLowerCase();
        if (lower.contains("plan")) {
            return planId;
        }
        if (lower.contains("task")) {
            return taskId;
        }
        if (lower.contains("unit") || lower.equals("code") || lower.contains("county")) {
            return COUNTY;
        }
        return UUID.randomUUID().toString();
    }

    private static String fill(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }

    /** The body variants: each field broken in each way its type allows, and the whole body broken. */
    private static Map<String, String> malformedBodies(JsonNode document, JsonNode schema) throws Exception {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("empty body", "");
        bodies.put("unreadable JSON", "{\"a\":");
        bodies.put("a list instead of an object", "[]");
        bodies.put("null", "null");
        bodies.put("empty object", "{}");
        bodies.put("10,000 nested lists", "[".repeat(10_000) + "]".repeat(10_000));
        JsonNode valid = valid(document, schema, 0);
        if (!(valid instanceof ObjectNode object)) {
            return bodies;
        }
        ObjectNode extra = object.deepCopy();
        extra.put("unknownField", "x");
        bodies.put("an unknown field", JSON.writeValueAsString(extra));
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            String name = property.getKey();
            JsonNode fieldSchema = resolve(document, property.getValue());
            String type = typeOf(fieldSchema);
            Map<String, JsonNode> broken = new LinkedHashMap<>();
            broken.put("missing", null);
            broken.put("null", NODES.nullNode());
            broken.put("an object", NODES.objectNode().put("nested", true));
            switch (type) {
                case "string" -> {
                    broken.put("a number", NODES.numberNode(12345));
                    broken.put("300,000 characters", NODES.textNode(HUGE));
                    broken.put("odd Unicode", NODES.textNode("\u0000\u202E\uFEFF𠀀" + LONE_SURROGATE_MARKER));
                    broken.put("blank", NODES.textNode("   "));
                    broken.put("an unknown value", NODES.textNode("NOT_A_VALUE"));
                    broken.put("an impossible date", NODES.textNode("2022-02-30"));
                    broken.put("a date in year 99999", NODES.textNode("+99999-01-01"));
                }
                case "integer", "number" -> {
                    broken.put("text", NODES.textNode("many"));
                    broken.put("negative", NODES.numberNode(-1));
                    broken.put("beyond long", NODES.numberNode(new java.math.BigInteger("99999999999999999999999")));
                    broken.put("1e400", NODES.numberNode(new java.math.BigDecimal("1e400")));
                }
                case "boolean" -> broken.put("text", NODES.textNode("maybe"));
                case "array" -> {
                    broken.put("not a list", NODES.textNode("not-a-list"));
                    ArrayNode many = NODES.arrayNode();
                    JsonNode item = valid(document, resolve(document, fieldSchema.path("items")), 1);
                    for (int i = 0; i < 20_000; i++) {
                        many.add(item);
                    }
                    broken.put("20,000 items", many);
                    broken.put("a list of nulls", NODES.arrayNode().addNull().addNull());
                }
                default -> {
                }
            }
            for (Map.Entry<String, JsonNode> variant : broken.entrySet()) {
                ObjectNode body = object.deepCopy();
                if (variant.getValue() == null) {
                    body.remove(name);
                } else {
                    body.set(name, variant.getValue());
                }
                String text = JSON.writeValueAsString(body).replace(LONE_SURROGATE_MARKER, "\\ud800");
                bodies.put(name + " " + variant.getKey(), text);
            }
        }
        return bodies;
    }

    /** A body the schema accepts, as far as the schema says. */
    private static JsonNode valid(JsonNode document, JsonNode schema, int depth) {
        schema = resolve(document, schema);
        if (schema.has("example") && depth > 0) {
            return schema.get("example");
        }
        switch (typeOf(schema)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth > 4) {
                    return object;
                }
                for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    object.set(property.getKey(), valid(document, property.getValue(), depth + 1));
                }
                return object;
            }
            case "array" -> {
                return NODES.arrayNode().add(valid(document, schema.path("items"), depth + 1));
            }
            case "integer", "number" -> {
                return NODES.numberNode(1);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                if (schema.has("enum")) {
                    return schema.get("enum").get(0);
                }
                return switch (schema.path("format").asText()) {
                    case "date" -> NODES.textNode("2022-06-30");
                    case "date-time" -> NODES.textNode("2022-06-30T08:00:00Z");
                    case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
                    default -> NODES.textNode("2022-Q2");
                };
            }
        }
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        for (int hops = 0; schema.has("$ref") && hops < 10; hops++) {
            String ref = schema.get("$ref").asText();
            schema = document.at(ref.substring(1));
        }
        if (schema.has("allOf") && schema.get("allOf").size() == 1) {
            return resolve(document, schema.get("allOf").get(0));
        }
        return schema;
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode each : type) {
                if (!each.asText().equals("null")) {
                    return each.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }

    private static Outcome send(Attempt attempt, String token, String correlationId) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + attempt.uri()))
                    .timeout(NO_REQUEST_HANGS_PAST)
                    .header("Authorization", "Bearer " + token)
                    .header("X-Correlation-Id", correlationId);
            HttpRequest.BodyPublisher body = attempt.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(attempt.body(), StandardCharsets.UTF_8);
            if (attempt.contentType() != null) {
                request.header("Content-Type", attempt.contentType());
            }
            request.method(attempt.method(), body);
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Outcome(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), null);
        } catch (HttpTimeoutException e) {
            return new Outcome(0, null, null, "no answer within " + NO_REQUEST_HANGS_PAST.toSeconds() + " s");
        } catch (IllegalArgumentException e) {
            return new Outcome(0, null, null, "the test built an unusable URI: " + e.getMessage());
        } catch (Exception e) {
            return new Outcome(0, null, null, "the connection failed: " + e);
        }
    }

    // ---- what is stored

    /** Events in any service's store whose metadata carries one of the given correlation ids. */
    private static List<String> eventsStoredUnder(List<String> correlationIds) throws Exception {
        return StoredEvents.under(stack, "malformed-" + runId + "-", correlationIds);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 160 ? text : text.substring(0, 160) + "…";
    }
}
