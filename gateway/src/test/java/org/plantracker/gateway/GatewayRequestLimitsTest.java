package org.plantracker.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plantracker.gateway.GatewayTestSupport.assertProblem;
import static org.plantracker.gateway.GatewayTestSupport.bearer;

/** A declared body over the gateway's limit is refused there, before authentication and before it is forwarded. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRequestLimitsTest {

    static final StandInService PROGRESS = StandInService.start("progress-service");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("plan-tracker.security.jwt-secret", () -> GatewayTestSupport.JWT_SECRET);
        registry.add("plan-tracker.services.task-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.services.progress-url", PROGRESS::url);
        registry.add("plan-tracker.services.notification-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.web.max-request-size", () -> "64KB");
        registry.add("plan-tracker.web.max-request-size-by-path.[/api/reports/*/attachments]", () -> "256KB");
    }

    @AfterAll
    static void stop() {
        PROGRESS.close();
    }

    @Autowired
    WebTestClient http;

    @Test
    void aBodyOverTheLimitIsRefusedAndNeverForwarded() {
        byte[] big = new byte[65 * 1024];
        assertProblem(http.post().uri("/api/tasks/plan-1-07/reports").header("Authorization", bearer("jixi-mishan", "COUNTY_COMMITTEE"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(big).exchange(), 413)
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("64 KiB"));
        // refused before authentication: no token is even looked at
        http.post().uri("/api/tasks/plan-1-07/reports").contentType(MediaType.APPLICATION_JSON).bodyValue(big).exchange()
                .expectStatus().isEqualTo(413);
        assertThat(PROGRESS.receivedOn("/api/tasks/plan-1-07/reports")).isEmpty();

        http.post().uri("/api/tasks/plan-1-07/reports").header("Authorization", bearer("jixi-mishan", "COUNTY_COMMITTEE"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"period\":\"2022-Q2\"}").exchange()
                .expectStatus().isOk();
        assertThat(PROGRESS.receivedOn("/api/tasks/plan-1-07/reports")).hasSize(1);
    }

    @Test
    void anEvidenceUploadHasALimitOfItsOwn() {
        byte[] files = new byte[200 * 1024];
        String token = bearer("jixi-mishan", "COUNTY_COMMITTEE");
        http.post().uri("/api/reports/r-1/attachments").header("Authorization", token)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(files).exchange().expectStatus().isOk();
        assertThat(PROGRESS.receivedOn("/api/reports/r-1/attachments")).hasSize(1);
        assertProblem(http.post().uri("/api/reports/r-1/attachments").header("Authorization", token)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[257 * 1024]).exchange(), 413)
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("256 KiB"));
        // elsewhere the general limit stays
        assertProblem(http.post().uri("/api/reports/r-1/review").header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(files).exchange(), 413);
        assertThat(PROGRESS.receivedOn("/api/reports/r-1/attachments")).hasSize(1);
        assertThat(PROGRESS.receivedOn("/api/reports/r-1/review")).isEmpty();
    }
}
