package org.plantracker.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.messaging.EventHeaders;
import org.plantracker.platform.test.Await;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskTopics;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The municipal dashboard's reports over time, on real PostgreSQL and Kafka through the HTTP API:
 * reports submitted (and resubmitted) are counted in the month they were sent, Beijing time; only
 * the city committee reads them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportsPerMonthIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final UnitRef COMMITTEE = new UnitRef("jixi-committee", "市关工委", UnitKind.CITY_COMMITTEE);
    static final UnitRef JUSTICE = new UnitRef("jixi-justice", "市司法局", UnitKind.CITY_DEPARTMENT);
    static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    static final UnitRef HULIN = new UnitRef("jixi-hulin", "虎林市关工委", UnitKind.COUNTY_COMMITTEE);
    static final String SUPERVISOR = TestTokens.supervisor(COMMITTEE.code());

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "progress_per_month");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void reportsAreCountedInTheMonthTheyWereSentAndOnlyTheCityCommitteeReadsThem() throws Exception {
        String plan = "it" + UUID.randomUUID().toString().substring(0, 8);
        String task9 = plan + "-09";
        assign(task9, 9, JUSTICE, List.of(COMMITTEE, MISHAN, HULIN));
        String path = "/api/views/municipal/reports-per-month?planId=" + plan;

        JsonNode none = body(get(path, SUPERVISOR));
        assertThat(none.path("planId").asText()).isEqualTo(plan);
        assertThat(none.path("months")).as("no report yet").isEmpty();

        String first = body(post("/api/tasks/" + task9 + "/reports", TestTokens.county(MISHAN.code()),
                Map.of("period", "2022-Q2", "status", "ON_TRACK", "narrative", "帮教活动6次。"))).path("reportId").asText();
        assertThat(post("/api/tasks/" + task9 + "/reports", TestTokens.county(HULIN.code()),
                Map.of("period", "2022-Q2", "status", "AT_RISK", "narrative", "帮教队伍尚未组建。")).getStatusCode().value())
                .isEqualTo(201);
        awaitReports(plan, 2);
        assertThat(post("/api/reports/" + first + "/review", TestTokens.unit(JUSTICE.code()),
                Map.of("decision", "RETURN", "comment", "请补充帮教对象人数。")).getStatusCode().value()).isEqualTo(200);
        assertThat(post("/api/tasks/" + task9 + "/reports", TestTokens.county(MISHAN.code()),
                Map.of("period", "2022-Q2", "status", "ON_TRACK", "narrative", "帮教活动6次，帮教对象15人。"))
                .getStatusCode().value()).isEqualTo(201);
        awaitReports(plan, 3);
        Await.until(() -> "RETURNED".equals(jdbc.queryForObject(
                "SELECT review_state FROM progress_report WHERE report_id = ?", String.class, first)), TIMEOUT, "the return");

        // a report sent two months ago, as the views hold it (the projection writes the time it was sent)
        YearMonth now = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        jdbc.update("""
                INSERT INTO progress_report (report_id, share_id, task_id, plan_id, task_number, task_title, unit_code,
                    unit_name, lead_unit_code, lead_unit_name, period, version, status, narrative, figures, problems,
                    submitted_at, review_state)
                SELECT 'old-' || report_id, share_id, task_id, plan_id, task_number, task_title, unit_code, unit_name,
                    lead_unit_code, lead_unit_name, '2022-Q1', 1, status, narrative, figures, problems,
                    ?::timestamptz, 'ACCEPTED'
                FROM progress_report WHERE report_id = ?""",
                now.minusMonths(2).atDay(15).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime(), first);

        JsonNode months = body(get(path, SUPERVISOR)).path("months");
        assertThat(months).hasSize(3);
        assertThat(months.get(0).path("month").asText()).isEqualTo(now.minusMonths(2).toString());
        assertThat(months.get(0).path("submitted").asInt()).isEqualTo(1);
        assertThat(months.get(1).path("month").asText()).as("a month without reports is there, as 0")
                .isEqualTo(now.minusMonths(1).toString());
        assertThat(months.get(1).path("submitted").asInt()).isZero();
        JsonNode thisMonth = months.get(2);
        assertThat(thisMonth.path("month").asText()).isEqualTo(now.toString());
        assertThat(thisMonth.path("submitted").asInt()).as("every version sent, the resubmission too").isEqualTo(3);
        assertThat(thisMonth.path("units").asInt()).isEqualTo(2);
        assertThat(thisMonth.path("returned").asInt()).isEqualTo(1);

        assertThat(get(path, TestTokens.county(MISHAN.code())).getStatusCode().value()).isEqualTo(403);
        assertThat(get(path, TestTokens.unit(JUSTICE.code())).getStatusCode().value()).isEqualTo(403);
        assertThat(get("/api/views/municipal/reports-per-month", SUPERVISOR).getStatusCode().value()).isEqualTo(400);
        assertThat(get("/api/views/municipal/reports-per-month?planId=nowhere", SUPERVISOR).getStatusCode().value())
                .isEqualTo(404);
    }

    private void awaitReports(String plan, int count) {
        Await.until(() -> jdbc.queryForObject("SELECT count(*) FROM progress_report WHERE plan_id = ?", Integer.class,
                plan) == count, TIMEOUT, count + " reports in the views");
    }

    /** Assigns the task as task-service would publish it, and waits until the views know it. */
    private void assign(String taskId, int number, UnitRef lead, List<UnitRef> responsible) throws Exception {
        String planId = taskId.substring(0, taskId.lastIndexOf('-'));
        TaskAssignedEvent event = new TaskAssignedEvent(taskId, planId, number, 4, "加强青少年法治教育和权益保护",
                "任务" + number, lead, responsible, List.of(), null, List.of());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TaskTopics.TASK_EVENTS, taskId,
                json.writeValueAsBytes(event));
        Map<String, String> headers = new HashMap<>();
        headers.put(EventHeaders.EVENT_ID, UUID.randomUUID().toString());
        headers.put(EventHeaders.EVENT_TYPE, TaskAssignedEvent.class.getSimpleName());
        headers.put(EventHeaders.AGGREGATE_ID, taskId);
        headers.put(EventHeaders.AGGREGATE_SEQUENCE, "1");
        headers.put(EventHeaders.OCCURRED_AT, Instant.now().toString());
        headers.put(EventHeaders.CORRELATION_ID, "task-" + UUID.randomUUID());
        headers.put(EventHeaders.ACTOR_USER, COMMITTEE.code());
        headers.put(EventHeaders.ACTOR_UNIT, COMMITTEE.code());
        headers.put(EventHeaders.CLIENT, "http");
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        kafka.send(record).get();
        int units = 1 + (int) responsible.stream().filter(u -> !u.code().equals(lead.code())).count();
        Await.until(() -> jdbc.queryForObject("SELECT count(*) FROM task_share_view WHERE task_id = ?", Integer.class,
                taskId) == units, TIMEOUT, "the shares of " + taskId);
    }

    private ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private ResponseEntity<String> post(String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private JsonNode body(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isBetween(200, 201);
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + response.getBody(), e);
        }
    }
}
