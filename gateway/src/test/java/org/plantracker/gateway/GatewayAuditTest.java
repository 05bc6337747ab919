package org.plantracker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plantracker.gateway.GatewayTestSupport.CORRELATION;
import static org.plantracker.gateway.GatewayTestSupport.assertProblem;
import static org.plantracker.gateway.GatewayTestSupport.bearer;

/**
 * The gateway's audit API over three stand-in services: a task's trail asked of every service with
 * the caller's token and merged oldest first; a refusal by any service is the answer; a service that
 * cannot answer makes it 503, never half a trail; verification routed by ?service= or asked of all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayAuditTest {

    static final StandInService TASK = StandInService.start("task-service");
    static final StandInService PROGRESS = StandInService.start("progress-service");
    static final StandInService NOTIFICATION = StandInService.start("notification-service");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String AUDITOR = bearer("jixi-inspection", "AUDITOR");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("plan-tracker.security.jwt-secret", () -> GatewayTestSupport.JWT_SECRET);
        registry.add("plan-tracker.services.task-url", TASK::url);
        registry.add("plan-tracker.services.progress-url", PROGRESS::url);
        registry.add("plan-tracker.services.notification-url", NOTIFICATION::url);
    }

    @AfterAll
    static void stopStandIns() {
        TASK.close();
        PROGRESS.close();
        NOTIFICATION.close();
    }

    @Autowired
    WebTestClient http;

    @BeforeEach
    void trails() {
        TASK.answer(r -> trailOrReport(r, "task-service", true,
                entry("task-service", 5, "2026-12-01T08:00:00Z", "TaskCreatedEvent"),
                entry("task-service", 9, "2026-12-01T08:05:00.5Z", "AssignmentAcknowledgedEvent")));
        PROGRESS.answer(r -> trailOrReport(r, "progress-service", true,
                entry("progress-service", 2, "2026-12-01T08:01:00Z", "TaskShareAssignedEvent"),
                entry("progress-service", 3, "2026-12-01T08:10:00Z", "ProgressReportSubmittedEvent")));
        NOTIFICATION.answer(r -> trailOrReport(r, "notification-service", false));
    }

    @Test
    void aTasksTrailIsOneAnswerMergedOldestFirst() throws Exception {
        String body = http.get().uri("/api/audit/tasks/plan-1-07?limit=50").header("Authorization", AUDITOR)
                .header(CORRELATION, "audit-trail-1").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        JsonNode trail = JSON.readTree(body);
        List<String> types = new ArrayList<>();
        trail.path("entries").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).containsExactly("TaskCreatedEvent", "TaskShareAssignedEvent", "AssignmentAcknowledgedEvent",
                "ProgressReportSubmittedEvent");
        assertThat(trail.path("truncated").asBoolean()).isFalse();
        assertThat(trail.path("services")).hasSize(3);

        for (StandInService service : List.of(TASK, PROGRESS, NOTIFICATION)) {
            StandInService.Received asked = service.receivedOn("/api/audit/tasks/plan-1-07").get(0);
            assertThat(asked.pathAndQuery()).isEqualTo("/api/audit/tasks/plan-1-07?limit=50");
            assertThat(asked.header("Authorization")).isEqualTo(AUDITOR);
            assertThat(asked.header(CORRELATION)).isEqualTo("audit-trail-1");
        }
    }

    @Test
    void aRefusalByAnyServiceIsTheAnswerAndAnUnreachableServiceGivesNoHalfTrail() {
        PROGRESS.answer(r -> new StandInService.Answer(403, "application/problem+json",
                "{\"type\":\"x\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"A unit may read only its own audit trail.\",\"errors\":[]}"));
        http.get().uri("/api/audit/units/jixi-hulin").header("Authorization", bearer("jixi-mishan", "COUNTY_COMMITTEE"))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isEqualTo("A unit may read only its own audit trail.");

        PROGRESS.answer(r -> StandInService.Answer.json(500, "{}"));
        assertProblem(http.get().uri("/api/audit/users/jixi-mishan").header("Authorization", AUDITOR).exchange(), 503)
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("progress-service"));

        http.get().uri("/api/audit/tasks/plan-1-07").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void verificationIsRoutedByServiceOrAskedOfAll() throws Exception {
        http.get().uri("/api/audit/verify?service=progress").header("Authorization", AUDITOR).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.service").isEqualTo("progress-service")
                .jsonPath("$.intact").isEqualTo(true);
        assertThat(PROGRESS.receivedOn("/api/audit/verify")).isNotEmpty();

        String all = http.get().uri("/api/audit/verify").header("Authorization", AUDITOR).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        JsonNode report = JSON.readTree(all);
        assertThat(report.path("intact").asBoolean()).as("notification-service's chain is broken").isFalse();
        assertThat(report.path("services")).hasSize(3);
        assertThat(report.path("services").get(2).path("firstBrokenPosition").asLong()).isEqualTo(4);

        assertProblem(http.get().uri("/api/audit/verify?service=billing").header("Authorization", AUDITOR).exchange(), 400)
                .jsonPath("$.errors[0].field").isEqualTo("service");
        http.post().uri("/api/audit/checkpoints?service=task-service").header("Authorization", AUDITOR).exchange()
                .expectStatus().isOk();
        assertThat(TASK.receivedOn("/api/audit/checkpoints").get(0).method()).isEqualTo("POST");
    }

    private static String entry(String service, long position, String time, String type) {
        return "{\"service\":\"" + service + "\",\"position\":" + position + ",\"time\":\"" + time + "\",\"type\":\"" + type
                + "\",\"data\":{}}";
    }

    private static StandInService.Answer trailOrReport(StandInService.Received request, String service, boolean intact,
                                                       String... entries) {
        if (request.pathAndQuery().startsWith("/api/audit/verify")) {
            return StandInService.Answer.json(200, "{\"service\":\"" + service + "\",\"intact\":" + intact
                    + (intact ? "" : ",\"firstBrokenPosition\":4") + "}");
        }
        if (request.pathAndQuery().startsWith("/api/audit/checkpoints")) {
            return StandInService.Answer.json(200, "[]");
        }
        return StandInService.Answer.json(200, "{\"entries\":[" + String.join(",", entries) + "],\"truncated\":false}");
    }
}
