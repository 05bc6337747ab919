package org.plantracker.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A client of the stack's gateway for an end-to-end story: JSON in and out with a caller's token, and
 * waiting for what the views and inboxes show a moment after a write (they follow the events).
 */
final class Gateway {

    /** A status and the JSON body (a null node when empty). */
    record Answer(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final DevStack stack;

    Gateway(DevStack stack) {
        this.stack = stack;
    }

    Answer call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    Answer get(String path, String token) throws Exception {
        return call("GET", path, token, null);
    }

    Answer post(String path, String token, Object body) throws Exception {
        return call("POST", path, token, body);
    }

    /** Polls {@code path} until an item of {@code items(body)} matches, for up to {@code within}. */
    JsonNode awaitItem(String path, String token, Function<JsonNode, JsonNode> items, Predicate<JsonNode> match,
                       Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Answer last = null;
        while (System.nanoTime() < deadline) {
            last = get(path, token);
            if (last.status() == 200) {
                for (JsonNode item : items.apply(last.body())) {
                    if (match.test(item)) {
                        return item;
                    }
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("nothing matched at " + path + " within " + within + "; last answer: "
                + (last == null ? "none" : last.status() + " " + last.body()));
    }

    /** Sends a write again until it gets {@code status} (its precondition arrives by Kafka a moment later). */
    Answer awaitStatus(String method, String path, String token, Object body, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Answer last = call(method, path, token, body);
        while (last.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(300);
            last = call(method, path, token, body);
        }
        return last;
    }
}
