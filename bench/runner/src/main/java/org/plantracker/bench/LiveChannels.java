package org.plantracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two channels a county committee's system follows live, as a client would follow them: the
 * lead units' Server-Sent Event streams through the gateway, and a webhook subscription whose
 * receiver runs here. Each remembers when it first saw a correlation id, for the lag phase.
 */
final class LiveChannels implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Long> streamed = new ConcurrentHashMap<>();
    private final Map<String, Long> hooked = new ConcurrentHashMap<>();
    private final List<InputStream> streams = new ArrayList<>();
    private final HttpServer receiver;

    /**
     * @param leadTokens a token for each unit whose stream is followed (the lead units of the reported tasks)
     * @param subscriberToken the city committee's token, which subscribes the receiver to every report of the plan
     */
    LiveChannels(HttpClient http, String gatewayUrl, List<String> leadTokens, String subscriberToken, String planId)
            throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        receiver.createContext("/hook", exchange -> {
            long at = System.nanoTime();
            try (exchange) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                String correlationId = body.path("correlationId").asText("");
                if (!correlationId.isEmpty()) {
                    hooked.putIfAbsent(correlationId, at);
                }
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        String hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        HttpResponse<String> subscribed = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/subscriptions"))
                .header("Authorization", "Bearer " + subscriberToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("url", hookUrl,
                        "eventTypes", List.of("ProgressReportSubmittedEvent"), "filter", Map.of("planId", planId)))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (subscribed.statusCode() != 201) {
            throw new IllegalStateException("subscribing the webhook receiver failed: " + subscribed.statusCode() + " " + subscribed.body());
        }
        for (String token : leadTokens) {
            HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/notifications/stream"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (stream.statusCode() != 200) {
                throw new IllegalStateException("opening a live stream failed: " + stream.statusCode());
            }
            streams.add(stream.body());
            Thread reader = new Thread(() -> read(stream.body()), "bench-sse");
            reader.setDaemon(true);
            reader.start();
        }
    }

    private void read(InputStream body) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    long at = System.nanoTime();
                    String correlationId = JSON.readTree(line.substring(5).strip()).path("correlationId").asText("");
                    if (!correlationId.isEmpty()) {
                        streamed.putIfAbsent(correlationId, at);
                    }
                }
            }
        } catch (IOException closed) {
            // closed at the end of the phase
        }
    }

    /** When the lead unit's stream delivered the notification of this request, or 0 not yet. */
    long streamedAt(String correlationId) {
        return streamed.getOrDefault(correlationId, 0L);
    }

    /** When the webhook receiver was sent this request's event, or 0 not yet. */
    long hookedAt(String correlationId) {
        return hooked.getOrDefault(correlationId, 0L);
    }

    @Override
    public void close() {
        for (InputStream stream : streams) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // the stream is gone either way
            }
        }
        receiver.stop(0);
    }
}
