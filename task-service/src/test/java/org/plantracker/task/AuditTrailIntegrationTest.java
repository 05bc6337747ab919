package org.plantracker.task;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.plantracker.platform.security.Roles;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.task.HttpClientForTests.Response;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * task-service's audit trail (/api/audit/tasks/{id}, /units/{code}, /users/{name}) on real
 * PostgreSQL: every change to a task oldest first with actor, unit, time, correlation id and data;
 * the city committee and auditors read all of it, a unit only its own share's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class AuditTrailIntegrationTest {

    private static final String COMMITTEE = TestTokens.supervisor("jixi-committee");
    private static final String AUDITOR = TestTokens.bearer("jixi-inspection", Roles.AUDITOR);
    private static final String MISHAN = TestTokens.county("jixi-mishan");
    private static final String HULIN = TestTokens.county("jixi-hulin");
    private static final String IMPORT_CORRELATION = "import-" + UUID.randomUUID();

    private static String task7;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "task_trail");
    }

    @LocalServerPort
    int port;

    private HttpClientForTests http() {
        return new HttpClientForTests(port);
    }

    @Test
    @Order(1)
    void aTasksTrailListsEveryChangeOldestFirstWithWhoWhenAndWhy() throws Exception {
        Response imported = http().importPlan(HttpClientForTests.jixiPlanVariant("审计测试"), COMMITTEE, IMPORT_CORRELATION);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        task7 = imported.json().path("planId").asText() + "-07";
        assertThat(http().post("/api/tasks/" + task7 + "/acknowledgement", MISHAN, "").status()).isEqualTo(200);

        JsonNode trail = http().await("/api/audit/tasks/" + task7, AUDITOR,
                t -> types(t).contains("AssignmentAcknowledgedEvent"));
        List<String> types = types(trail);
        assertThat(types.get(0)).isEqualTo("TaskCreatedEvent");
        assertThat(types).contains("TaskAssignedEvent");
        assertThat(types.indexOf("AssignmentAcknowledgedEvent")).isGreaterThan(types.indexOf("TaskAssignedEvent"));
        long previous = 0;
        for (JsonNode entry : trail.path("entries")) {
            assertThat(entry.path("service").asText()).isEqualTo("task-service");
            assertThat(entry.path("taskId").asText()).isEqualTo(task7);
            assertThat(entry.path("data").path("taskId").asText()).isEqualTo(task7);
            assertThat(entry.path("time").asText()).isNotBlank();
            assertThat(entry.path("position").asLong()).as("oldest first").isGreaterThan(previous);
            previous = entry.path("position").asLong();
        }
        JsonNode created = trail.path("entries").get(0);
        assertThat(created.path("actorUser").asText()).isEqualTo("jixi-committee");
        assertThat(created.path("actorUnit").asText()).isEqualTo("jixi-committee");
        assertThat(created.path("correlationId").asText()).isEqualTo(IMPORT_CORRELATION);
        JsonNode acknowledged = entry(trail, "AssignmentAcknowledgedEvent");
        assertThat(acknowledged.path("actorUnit").asText()).isEqualTo("jixi-mishan");
        assertThat(acknowledged.path("unit").asText()).isEqualTo("jixi-mishan");
        assertThat(acknowledged.path("correlationId").asText()).isNotBlank();
        assertThat(trail.path("truncated").asBoolean()).isFalse();

        assertThat(http().get("/api/audit/tasks/" + task7, COMMITTEE).json().path("entries")).hasSameSizeAs(trail.path("entries"));
        JsonNode two = http().get("/api/audit/tasks/" + task7 + "?limit=2", AUDITOR).json();
        assertThat(two.path("entries")).hasSize(2);
        assertThat(two.path("truncated").asBoolean()).isTrue();
        Response zero = http().get("/api/audit/tasks/" + task7 + "?limit=0", AUDITOR);
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("errors").get(0).path("field").asText()).isEqualTo("limit");
    }

    @Test
    @Order(2)
    void aUnitReadsOnlyItsOwnSharesTrail() throws Exception {
        JsonNode mishan = http().get("/api/audit/tasks/" + task7, MISHAN).json();
        assertThat(types(mishan)).contains("AssignmentAcknowledgedEvent").doesNotContain("TaskCreatedEvent", "TaskAssignedEvent");
        for (JsonNode entry : mishan.path("entries")) {
            assertThat(List.of(entry.path("unit").asText(), entry.path("actorUnit").asText())).contains("jixi-mishan");
        }
        assertThat(types(http().get("/api/audit/tasks/" + task7, HULIN).json())).doesNotContain("AssignmentAcknowledgedEvent");

        assertThat(types(http().get("/api/audit/units/jixi-mishan", MISHAN).json())).contains("AssignmentAcknowledgedEvent");
        assertThat(http().get("/api/audit/units/jixi-mishan", HULIN).status()).isEqualTo(403);
        assertThat(types(http().get("/api/audit/units/jixi-mishan", AUDITOR).json())).contains("AssignmentAcknowledgedEvent");

        JsonNode byUser = http().get("/api/audit/users/jixi-mishan", AUDITOR).json();
        assertThat(types(byUser)).containsExactly("AssignmentAcknowledgedEvent");
        assertThat(http().get("/api/audit/users/jixi-mishan", MISHAN).status()).isEqualTo(200);
        assertThat(http().get("/api/audit/users/jixi-committee", MISHAN).status()).isEqualTo(403);
        assertThat(http().get("/api/audit/tasks/" + task7, null).status()).isEqualTo(401);
    }

    private static List<String> types(JsonNode trail) {
        List<String> types = new ArrayList<>();
        trail.path("entries").forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    private static JsonNode entry(JsonNode trail, String type) {
        for (JsonNode entry : trail.path("entries")) {
            if (entry.path("type").asText().equals(type)) {
                return entry;
            }
        }
        throw new AssertionError("no " + type + " in " + trail);
    }
}
