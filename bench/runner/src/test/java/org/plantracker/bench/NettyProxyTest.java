package org.plantracker.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy in front of a backend that echoes what it received: method, path, Host, body and
 * Authorization, plus the proxy-side port of the connection it came in on (which shows keep-alive).
 */
class NettyProxyTest {

    static {
        // the JDK server writes headers and body apart; with Nagle on, each response waits ~40 ms for the
        // proxy's delayed ACK. Read once per JVM: if another test started a server first, this is only slower.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private HttpServer backend;
    private NettyProxy proxy;
    private ExecutorService backendThreads;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backendThreads = Executors.newFixedThreadPool(8);
        backend.setExecutor(backendThreads);
        backend.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String echo = exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n"
                    + exchange.getRequestHeaders().getFirst("Host") + "\n"
                    + exchange.getRemoteAddress().getPort() + "\n" + body;
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            exchange.getResponseHeaders().set("X-Echo-Authorization", auth == null ? "none" : auth);
            byte[] bytes = echo.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        backend.start();
        proxy = NettyProxy.start(0, "127.0.0.1", backend.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        proxy.close();
        backend.stop(0);
        backendThreads.shutdownNow();
    }

    private HttpRequest post(String path, String json, String auth) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
                .header("Content-Type", "application/json").header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** The echoed lines: request line, Host, the proxy's port towards the backend, body. */
    private static String[] lines(HttpResponse<String> response) {
        return response.body().split("\n", 4);
    }

    @Test
    void passesMethodPathBodyAndHeadersBothWaysAndSetsHostToTheTarget() throws Exception {
        String json = "{\"taskId\":\"t-1\",\"percent\":42}";
        HttpResponse<String> response = http.send(post("/tasks/t-1/progress?x=1", json, "Bearer abc.def"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Echo-Authorization")).hasValue("Bearer abc.def");
        String[] echo = lines(response);
        assertThat(echo[0]).isEqualTo("POST /tasks/t-1/progress?x=1");
        assertThat(echo[1]).isEqualTo("127.0.0.1:" + backend.getAddress().getPort());
        assertThat(echo[3]).isEqualTo(json);

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/health"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(lines(get)[0]).isEqualTo("GET /health");
        assertThat(get.headers().firstValue("X-Echo-Authorization")).hasValue("none");
    }

    @Test
    void sequentialRequestsShareOneConnectionToTheTarget() throws Exception {
        Set<String> backendSidePorts = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 200; i++) {
            String json = "{\"n\":" + i + "}";
            HttpResponse<String> response = http.send(post("/seq/" + i, json, "Bearer s" + i), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.headers().firstValue("X-Echo-Authorization")).hasValue("Bearer s" + i);
            String[] echo = lines(response);
            assertThat(echo[0]).isEqualTo("POST /seq/" + i);
            assertThat(echo[3]).isEqualTo(json);
            backendSidePorts.add(echo[2]);
        }
        // one client connection kept alive means one proxy connection to the target; a proxy that
        // reconnected per request would show about 200
        assertThat(backendSidePorts).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void concurrentClientsEachGetTheirOwnAnswers() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        Set<String> backendSidePorts = ConcurrentHashMap.newKeySet();
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(clients.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        String json = "{\"thread\":" + thread + ",\"request\":" + i + "}";
                        HttpResponse<String> response = http.send(post("/c/" + thread + "/" + i, json, "Bearer " + thread + "-" + i),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(response.statusCode()).isEqualTo(201);
                        assertThat(response.headers().firstValue("X-Echo-Authorization")).hasValue("Bearer " + thread + "-" + i);
                        String[] echo = lines(response);
                        assertThat(echo[0]).isEqualTo("POST /c/" + thread + "/" + i);
                        assertThat(echo[3]).isEqualTo(json);
                        backendSidePorts.add(echo[2]);
                    }
                    return 50;
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get(); // rethrows a failed assertion from the thread
            }
            assertThat(total).isEqualTo(400);
            assertThat(backendSidePorts).hasSizeLessThanOrEqualTo(16);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void answers502WhenTheTargetIsDown() throws Exception {
        backend.stop(0);
        HttpResponse<String> response = http.send(post("/down", "{}", "Bearer x"), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("not reachable");
        assertThat(response.headers().firstValue("X-Echo-Authorization")).isEmpty();
    }
}
