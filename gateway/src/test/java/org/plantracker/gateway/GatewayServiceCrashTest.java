package org.plantracker.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plantracker.gateway.GatewayTestSupport.assertProblem;
import static org.plantracker.gateway.GatewayTestSupport.bearer;

/**
 * A service that dies while it handles a request (kill -9: the connection is reset, or closed before
 * any answer) is an outage to the client like one that cannot be reached: 503 with Retry-After and a
 * detail saying the request may have been carried out, never a 500 or 502. Found by the fault suite.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayServiceCrashTest {

    /** Reads the start of each request, then resets the connection (SO_LINGER 0), as a killed process's kernel does. */
    static final CrashingService progress = CrashingService.start(true);
    /** Closes each connection cleanly before answering. */
    static final CrashingService tasks = CrashingService.start(false);

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) {
        registry.add("plan-tracker.security.jwt-secret", () -> GatewayTestSupport.JWT_SECRET);
        registry.add("plan-tracker.services.task-url", tasks::url);
        registry.add("plan-tracker.services.progress-url", progress::url);
        registry.add("plan-tracker.services.notification-url", StandInService::unreachableUrl);
    }

    @AfterAll
    static void stop() throws IOException {
        progress.close();
        tasks.close();
    }

    @Autowired
    WebTestClient http;

    @Test
    void aConnectionResetInTheMiddleOfAReportIs503WithRetryAfter() {
        WebTestClient.ResponseSpec response = http.post().uri("/api/tasks/p1-07/reports")
                .header("Authorization", bearer("jixi-mishan", "COUNTY_COMMITTEE"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"period\":\"2022-Q2\",\"status\":\"ON_TRACK\",\"narrative\":\"按计划推进。\"}")
                .exchange();
        response.expectHeader().valueEquals("Retry-After", "2");
        assertProblem(response, 503).jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).startsWith("progress-service").contains("Idempotency-Key"));
    }

    @Test
    void aConnectionClosedBeforeAnyAnswerIs503WithRetryAfter() {
        WebTestClient.ResponseSpec response = http.get().uri("/api/tasks/p1-07")
                .header("Authorization", bearer("jixi-committee", "SUPERVISOR"))
                .exchange();
        response.expectHeader().valueEquals("Retry-After", "2");
        assertProblem(response, 503).jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).startsWith("task-service"));
    }

    static final class CrashingService implements AutoCloseable {

        private final ServerSocket server;

        private CrashingService(ServerSocket server, boolean reset) {
            this.server = server;
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket connection = server.accept()) {
                        InputStream in = connection.getInputStream();
                        in.read(new byte[1024]);
                        if (reset) {
                            connection.setSoLinger(true, 0);
                        }
                    } catch (IOException closedOrReset) {
                        // the next connection, or the end of the test
                    }
                }
            }, "crashing-service");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static CrashingService start(boolean reset) {
            try {
                return new CrashingService(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), reset);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
