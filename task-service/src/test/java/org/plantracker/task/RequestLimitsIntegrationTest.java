package org.plantracker.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies are refused at their limit before they are read: a declared length over it at
 * once, a body sent without a length when the limit is reached; the plan import is the city
 * committee's alone, decided before its body is read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RequestLimitsIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String COMMITTEE = TestTokens.supervisor("jixi-committee");
    private static final int THREE_MB = 3 * 1024 * 1024;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "task_limits");
    }

    @LocalServerPort
    int port;

    @Test
    void aPlanDocumentOverItsLimitIsRefusedWithItsLengthDeclaredOrNot() throws Exception {
        HttpResponse<String> declared = send(request("/api/plans/import", COMMITTEE, "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[THREE_MB])));
        assertThat(declared.statusCode()).isEqualTo(413);
        JsonNode problem = JSON.readTree(declared.body());
        assertThat(problem.path("detail").asText()).contains("2048 KiB");
        assertThat(declared.headers().firstValue("X-Correlation-Id")).isPresent();

        AtomicLong read = new AtomicLong();
        HttpResponse<String> streamed = send(request("/api/plans/import", COMMITTEE, "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> counting(read))));
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(413);
        assertThat(JSON.readTree(streamed.body()).path("detail").asText()).contains("2048 KiB");
    }

    @Test
    void onlyTheCityCommitteeMaySendAPlanDocumentDecidedBeforeItIsRead() throws Exception {
        HttpResponse<String> unit = send(request("/api/plans/import", TestTokens.unit("jixi-propaganda"), "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[THREE_MB]))));
        assertThat(unit.statusCode()).as("refused for the role, not for the size: the body was never read").isEqualTo(403);
        assertThat(JSON.readTree(unit.body()).path("detail").asText()).contains("Only the city committee");
    }

    @Test
    void anyOtherBodyIsLimitedToOneMegabyte() throws Exception {
        String big = "{\"reason\":\"" + "x".repeat(1024 * 1024) + "\"}";
        HttpResponse<String> answer = send(request("/api/tasks/plan-x-01/acknowledgement", TestTokens.county("jixi-mishan"),
                "application/json").POST(HttpRequest.BodyPublishers.ofString(big, StandardCharsets.UTF_8)));
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(answer.body()).path("detail").asText()).contains("1024 KiB");
    }

    private static java.io.InputStream counting(AtomicLong read) {
        return new java.io.InputStream() {
            @Override
            public int read() {
                return read.incrementAndGet() <= THREE_MB ? 'x' : -1;
            }
        };
    }

    private HttpRequest.Builder request(String path, String token, String contentType) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", token).header("Content-Type", contentType);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
