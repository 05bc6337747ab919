package org.plantracker.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/** Calls a running task-service over HTTP as a client app does, with a bearer token. */
final class HttpClientForTests {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    HttpClientForTests(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    record Response(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            return read(body);
        }

        /** The fields errors[] names, in order. */
        java.util.List<String> fields() {
            return json().path("errors").findValues("field").stream().map(JsonNode::asText).toList();
        }
    }

    Response get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET());
    }

    Response post(String path, String token, Object body) throws IOException, InterruptedException {
        return send(json(request(path, token), "POST", body));
    }

    Response put(String path, String token, String ifMatch, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = json(request(path, token), "PUT", body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request);
    }

    Response delete(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).DELETE());
    }

    Response importPlan(String document, String token, String correlationId) throws IOException, InterruptedException {
        HttpRequest.Builder request = request("/api/plans/import", token)
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(document, StandardCharsets.UTF_8));
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return send(request);
    }

    /** Reads {@code path} until {@code done} holds for its body: read models follow events a moment later. */
    JsonNode await(String path, String token, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Response response = get(path, token);
            if (response.status() == 200) {
                last = response.json();
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("gave up waiting on " + path + "; last seen: " + last);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", token);
        }
        return request;
    }

    private static HttpRequest.Builder json(HttpRequest.Builder request, String method, Object body) throws IOException {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
    }

    private static Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(response.statusCode(), response.body(), response.headers());
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** The Jixi plan, with a line of its preamble changed so the test's plan (and task ids) are its own. */
    static String jixiPlanVariant(String marker) throws IOException {
        try (InputStream in = HttpClientForTests.class.getResourceAsStream("/plans/jixi-responsibility-plan-2022.zh.txt")) {
            String seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String line = "2022-03-24 黑龙江关心下一代网";
            if (!seed.contains(line)) {
                throw new IllegalStateException("the seed plan no longer has the line " + line);
            }
            return seed.replace(line, line + "（" + marker + "）");
        }
    }
}
