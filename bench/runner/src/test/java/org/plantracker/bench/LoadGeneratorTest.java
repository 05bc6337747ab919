package org.plantracker.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The load generator against a tiny server that takes 20 ms per request, one request at a time. */
class LoadGeneratorTest {

    private HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newSingleThreadExecutor()); // one at a time: a queue forms beyond 50 req/s
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/fail") ? 500 : 201, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path)).GET().build();
    }

    @Test
    void anOpenLoopBelowCapacityKeepsTheOfferedRateAndMeasuresServiceTime() throws Exception {
        LoadGenerator.Result result = new LoadGenerator(http).run("t", i -> request("/"), 2, 20, Duration.ofSeconds(2));
        assertThat(result.ok()).isBetween(36L, 41L);
        assertThat(result.errors()).isZero();
        assertThat(result.percentileMillis(50)).isBetween(19.0, 60.0);
    }

    @Test
    void anOpenLoopAboveCapacityShowsTheQueueInTheLatencies() throws Exception {
        // 100 req/s offered to a server that does 50: each request waits longer than the one before
        LoadGenerator.Result result = new LoadGenerator(http).run("t", i -> request("/"), 8, 100, Duration.ofSeconds(2));
        assertThat(result.throughput()).isLessThan(70);
        assertThat(result.percentileMillis(99)).as("a closed loop would report about 8 x 20 ms").isGreaterThan(400);
    }

    @Test
    void saturationFindsTheServersCapacityAndCountsFailures() throws Exception {
        LoadGenerator generator = new LoadGenerator(http);
        LoadGenerator.Result ok = generator.run("t", i -> request("/"), 4, 0, Duration.ofSeconds(2));
        assertThat(ok.throughput()).isBetween(30.0, 55.0);
        LoadGenerator.Result failing = generator.run("t", i -> request("/fail"), 2, 0, Duration.ofMillis(500));
        assertThat(failing.ok()).isZero();
        assertThat(failing.errors()).isPositive();
        assertThat(failing.firstError()).startsWith("500");
    }

    @Test
    void warmUpEndsWhenFourWindowsAgreeWithinFivePercentAndStopClimbing() {
        assertThat(BenchmarkRun.stable(List.of(100.0, 400.0))).isFalse();
        assertThat(BenchmarkRun.stable(List.of(100.0, 400.0, 800.0, 950.0))).isFalse();
        assertThat(BenchmarkRun.stable(List.of(100.0, 400.0, 960.0, 1000.0, 990.0))).isFalse();
        assertThat(BenchmarkRun.stable(List.of(100.0, 400.0, 960.0, 1000.0, 990.0, 975.0))).isTrue();
        assertThat(BenchmarkRun.stable(List.of(419.0, 453.0, 462.0, 478.0)))
                .as("still climbing a few per cent per window").isFalse();
        assertThat(BenchmarkRun.stable(List.of(453.0, 462.0, 478.0, 489.0)))
                .as("within 5 % of each other, but climbing").isFalse();
    }
}
