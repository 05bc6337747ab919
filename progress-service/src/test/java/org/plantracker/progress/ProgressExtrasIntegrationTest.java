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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supervision records, problems raised upward, good practices and the exports of the views, on
 * real PostgreSQL and a real Kafka broker, through the HTTP API with verified tokens. Assignments
 * arrive on plan-tracker.task-events as task-service publishes them; each test has a plan of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProgressExtrasIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static final UnitRef COMMITTEE = new UnitRef("jixi-committee", "市关工委", UnitKind.CITY_COMMITTEE);
    static final UnitRef PROPAGANDA = new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT);
    static final UnitRef EDUCATION = new UnitRef("jixi-education", "市教育局", UnitKind.CITY_DEPARTMENT);
    static final UnitRef JUSTICE = new UnitRef("jixi-justice", "市司法局", UnitKind.CITY_DEPARTMENT);
    static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    static final UnitRef HULIN = new UnitRef("jixi-hulin", "虎林市关工委", UnitKind.COUNTY_COMMITTEE);
    static final UnitRef JIDONG = new UnitRef("jixi-jidong", "鸡东县关工委", UnitKind.COUNTY_COMMITTEE);
    static final String SUPERVISOR = TestTokens.supervisor(COMMITTEE.code());

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "progress");
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
    void theCityCommitteeRecordsSupervisionAndTheTasksUnitsReadIt() throws Exception {
        String plan = newPlanId();
        String task = plan + "-08";
        assign(task, 8, 4, EDUCATION, List.of(MISHAN, HULIN));
        String path = "/api/tasks/" + task + "/supervision";

        ResponseEntity<String> whole = post(path, SUPERVISOR, Map.of("findings", "部分学校未建立台账。", "comment", "请于月底前补齐。"));
        assertThat(whole.getStatusCode().value()).as(whole.getBody()).isEqualTo(201);
        String wholeId = body(whole).path("recordId").asText();
        ResponseEntity<String> ofMishan = post(path, SUPERVISOR, Map.of("unitCode", MISHAN.code(), "findings", "密山市进度滞后。"));
        assertThat(ofMishan.getStatusCode().value()).as(ofMishan.getBody()).isEqualTo(201);

        // anyone else is refused, and nothing is stored
        int stored = storedEventsOfType("SupervisionRecordedEvent", task);
        for (String token : List.of(TestTokens.unit(EDUCATION.code()), TestTokens.county(MISHAN.code()))) {
            ResponseEntity<String> refused = post(path, token, Map.of("findings", "越权督导"));
            assertThat(refused.getStatusCode().value()).isEqualTo(403);
            assertThat(refused.getHeaders().getContentType().toString()).contains("application/problem+json");
        }
        ResponseEntity<String> noFindings = post(path, SUPERVISOR, Map.of("unitCode", JUSTICE.code(), "findings", " "));
        assertThat(noFindings.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(noFindings))).containsExactly("findings");
        ResponseEntity<String> notAssigned = post(path, SUPERVISOR, Map.of("unitCode", JUSTICE.code(), "findings", "x"));
        assertThat(notAssigned.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(notAssigned))).containsExactly("unitCode");
        assertThat(post("/api/tasks/" + plan + "-99/supervision", SUPERVISOR, Map.of("findings", "x"))
                .getStatusCode().value()).isEqualTo(404);
        assertThat(storedEventsOfType("SupervisionRecordedEvent", task)).isEqualTo(stored).isEqualTo(2);

        // the city committee and the lead unit read both; 虎林 reads only the one about the whole task
        JsonNode all = await(path, SUPERVISOR, list -> list.size() == 2);
        assertThat(all.get(0).path("recordId").asText()).isEqualTo(wholeId);
        assertThat(all.get(0).path("unit").isNull()).isTrue();
        assertThat(all.get(0).path("comment").asText()).isEqualTo("请于月底前补齐。");
        assertThat(all.get(0).path("recordedBy").asText()).isEqualTo(COMMITTEE.code());
        assertThat(all.get(1).path("unit").path("name").asText()).isEqualTo("密山市关工委");
        assertThat(all.get(1).path("findings").asText()).isEqualTo("密山市进度滞后。");
        assertThat(body(get(path, TestTokens.unit(EDUCATION.code())))).hasSize(2);
        assertThat(body(get(path, TestTokens.county(MISHAN.code())))).hasSize(2);
        JsonNode hulin = body(get(path, TestTokens.county(HULIN.code())));
        assertThat(hulin).hasSize(1);
        assertThat(hulin.get(0).path("recordId").asText()).isEqualTo(wholeId);
        assertThat(get(path, TestTokens.unit(JUSTICE.code())).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void aProblemRaisedByThreeCountyCommitteesIsFlaggedGeneralAndTheCityCommitteeAnswersAndClosesIt() throws Exception {
        String plan = newPlanId();
        String task = plan + "-07";
        assign(task, 7, 4, PROPAGANDA, List.of(EDUCATION, MISHAN, HULIN, JIDONG));
        String path = "/api/tasks/" + task + "/problems";

        ResponseEntity<String> first = post(path, TestTokens.county(MISHAN.code()),
                Map.of("category", "农村学校师资不足", "text", "密山市农村学校缺少专职教师。"));
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
        String problemId = body(first).path("problemId").asText();
        // not assigned, or bad input: refused, nothing stored
        assertThat(post(path, TestTokens.unit(JUSTICE.code()), Map.of("category", "农村学校师资不足", "text", "x"))
                .getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> invalid = post(path, TestTokens.county(HULIN.code()), Map.of("category", " "));
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(invalid))).containsExactlyInAnyOrder("category", "text");
        // a city department and a second county join; the same category, written differently, is the same problem
        assertThat(body(post(path, TestTokens.unit(EDUCATION.code()), Map.of("category", "农村学校 师资不足。", "text", "全市普遍存在。")))
                .path("problemId").asText()).isEqualTo(problemId);
        assertThat(body(post(path, TestTokens.county(HULIN.code()), Map.of("category", " 农村学校师资不足", "text", "虎林市也缺。")))
                .path("problemId").asText()).isEqualTo(problemId);
        assertThat(storedEventsOfType("ProblemFlaggedGeneralEvent", task)).as("two county committees are not enough").isZero();
        // the lead unit may answer a problem that is not general (yet)
        assertThat(post(path + "/" + problemId + "/answer", TestTokens.unit(PROPAGANDA.code()), Map.of("answer", "已安排培训。"))
                .getStatusCode().value()).isEqualTo(200);
        // the third county committee: general, and open again
        assertThat(post(path, TestTokens.county(JIDONG.code()), Map.of("category", "农村学校师资不足", "text", "鸡东县同样。"))
                .getStatusCode().value()).isEqualTo(201);
        assertThat(storedEventsOfType("ProblemFlaggedGeneralEvent", task)).isEqualTo(1);

        JsonNode general = await("/api/problems?planId=" + plan + "&general=true", SUPERVISOR,
                list -> list.size() == 1 && list.get(0).path("countyCount").asInt() == 3);
        JsonNode problem = general.get(0);
        assertThat(problem.path("problemId").asText()).isEqualTo(problemId);
        assertThat(problem.path("state").asText()).isEqualTo("OPEN");
        assertThat(problem.path("category").asText()).isEqualTo("农村学校师资不足");
        assertThat(problem.path("text").asText()).isEqualTo("密山市农村学校缺少专职教师。");
        List<String> raisers = new ArrayList<>();
        problem.path("raisedBy").forEach(r -> raisers.add(r.path("unit").path("code").asText()));
        assertThat(raisers).containsExactly(MISHAN.code(), EDUCATION.code(), HULIN.code(), JIDONG.code());

        // now only the city committee answers; it escalates, then closes
        int answers = storedEventsOfType("ProblemAnsweredEvent", task);
        assertThat(post(path + "/" + problemId + "/answer", TestTokens.unit(PROPAGANDA.code()), Map.of("answer", "已安排培训。"))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(post(path + "/" + problemId + "/answer", TestTokens.county(MISHAN.code()), Map.of("answer", "自行解决"))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(post(path + "/" + problemId + "/close", SUPERVISOR, Map.of()).getStatusCode().value())
                .as("an open problem is answered first").isEqualTo(409);
        assertThat(storedEventsOfType("ProblemAnsweredEvent", task)).isEqualTo(answers);
        assertThat(post(path + "/" + problemId + "/answer", SUPERVISOR, Map.of("answer", "已向省关工委反映。", "escalate", true))
                .getStatusCode().value()).isEqualTo(200);
        assertThat(post(path + "/" + problemId + "/close", TestTokens.unit(PROPAGANDA.code()), Map.of()).getStatusCode().value())
                .isEqualTo(403);
        assertThat(post(path + "/" + problemId + "/close", SUPERVISOR, Map.of("comment", "省里已统筹解决")).getStatusCode().value())
                .isEqualTo(200);
        assertThat(post(path + "/no-such-problem/answer", SUPERVISOR, Map.of("answer", "x")).getStatusCode().value()).isEqualTo(404);

        JsonNode closed = await(path + "/" + problemId, TestTokens.county(HULIN.code()),
                p -> p.path("state").asText().equals("CLOSED"));
        assertThat(closed.path("escalated").asBoolean()).isTrue();
        assertThat(closed.path("general").asBoolean()).isTrue();
        assertThat(closed.path("answer").path("text").asText()).isEqualTo("已向省关工委反映。");
        assertThat(closed.path("closeComment").asText()).isEqualTo("省里已统筹解决");
        assertThat(body(get("/api/problems?planId=" + plan + "&state=OPEN", SUPERVISOR))).isEmpty();
        assertThat(get("/api/problems?planId=" + plan, TestTokens.county(MISHAN.code())).getStatusCode().value()).isEqualTo(403);
        assertThat(get(path, TestTokens.unit(JUSTICE.code())).getStatusCode().value()).isEqualTo(403);
        assertThat(post(path, TestTokens.county(MISHAN.code()), Map.of("category", "农村学校师资不足", "text", "又出现了"))
                .getStatusCode().value()).as("a closed problem is not raised again").isEqualTo(409);
    }

    @Test
    void unitsSubmitGoodPracticesAndEveryoneReadsThoseTheCityCommitteePublished() throws Exception {
        String plan = newPlanId();
        String task = plan + "-17";
        assign(task, 17, 9, COMMITTEE, List.of(MISHAN, HULIN));
        String path = "/api/tasks/" + task + "/practices";

        ResponseEntity<String> submitted = post(path, TestTokens.county(MISHAN.code()),
                Map.of("title", "“五老”进校园", "text", "组织“五老”每月进校园宣讲，覆盖全市中小学。"));
        assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(201);
        String practiceId = body(submitted).path("practiceId").asText();
        String other = body(post(path, TestTokens.county(HULIN.code()), Map.of("title", "关爱留守儿童", "text", "结对帮扶。")))
                .path("practiceId").asText();
        assertThat(post(path, TestTokens.unit(JUSTICE.code()), Map.of("title", "x", "text", "y")).getStatusCode().value())
                .isEqualTo(403);
        ResponseEntity<String> invalid = post(path, TestTokens.county(MISHAN.code()), Map.of("title", ""));
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(invalid))).containsExactlyInAnyOrder("title", "text");

        // waiting: the city committee sees both, the plan's units none; the submitter reads its own
        await("/api/practices?planId=" + plan + "&state=SUBMITTED", SUPERVISOR, list -> list.size() == 2);
        assertThat(get("/api/practices?planId=" + plan + "&state=SUBMITTED", TestTokens.county(MISHAN.code()))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(body(get("/api/practices?planId=" + plan, TestTokens.county(HULIN.code())))).isEmpty();
        assertThat(get("/api/practices/" + practiceId, TestTokens.county(MISHAN.code())).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/api/practices/" + practiceId, TestTokens.county(HULIN.code())).getStatusCode().value()).isEqualTo(404);

        assertThat(post("/api/practices/" + practiceId + "/publish", TestTokens.county(MISHAN.code()), Map.of())
                .getStatusCode().value()).isEqualTo(403);
        assertThat(storedEventsOfType("GoodPracticePublishedEvent", task)).isZero();
        assertThat(post("/api/practices/" + practiceId + "/publish", SUPERVISOR, Map.of()).getStatusCode().value()).isEqualTo(200);
        assertThat(post("/api/practices/" + practiceId + "/publish", SUPERVISOR, Map.of()).getStatusCode().value()).isEqualTo(200);
        assertThat(storedEventsOfType("GoodPracticePublishedEvent", task)).as("published once").isEqualTo(1);
        assertThat(post("/api/practices/no-such-practice/publish", SUPERVISOR, Map.of()).getStatusCode().value()).isEqualTo(404);

        JsonNode published = await("/api/practices?planId=" + plan, TestTokens.unit(JUSTICE.code()), list -> list.size() == 1);
        assertThat(published.get(0).path("practiceId").asText()).isEqualTo(practiceId);
        assertThat(published.get(0).path("title").asText()).isEqualTo("“五老”进校园");
        assertThat(published.get(0).path("unit").path("name").asText()).isEqualTo("密山市关工委");
        assertThat(published.get(0).path("taskNumber").asInt()).isEqualTo(17);
        assertThat(published.get(0).path("publishedAt").asText()).isNotBlank();
        assertThat(get("/api/practices/" + practiceId, TestTokens.county(HULIN.code())).getStatusCode().value()).isEqualTo(200);
        assertThat(body(get("/api/practices?planId=" + plan + "&state=SUBMITTED", SUPERVISOR)).get(0).path("practiceId")
                .asText()).isEqualTo(other);
    }

    // --- task-service's events, as it publishes them ---------------------------------------------

    static String newPlanId() {
        return "it" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Assigns the task as task-service would, and waits until the views know it. */
    void assign(String taskId, int number, int section, UnitRef lead, List<UnitRef> responsible) throws Exception {
        String planId = taskId.substring(0, taskId.lastIndexOf('-'));
        TaskAssignedEvent event = new TaskAssignedEvent(taskId, planId, number, section, "第" + section + "部分",
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

    // --- HTTP and reading answers --------------------------------------------------------------------

    JsonNode await(String path, String token, Predicate<JsonNode> ready) {
        JsonNode[] last = new JsonNode[1];
        Await.until(() -> {
            ResponseEntity<String> response = get(path, token);
            if (response.getStatusCode().value() != 200) {
                return false;
            }
            last[0] = body(response);
            return ready.test(last[0]);
        }, TIMEOUT, path);
        return last[0];
    }

    ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    ResponseEntity<byte[]> getBytes(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
    }

    ResponseEntity<String> post(String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    JsonNode body(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + response.getBody(), e);
        }
    }

    static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    int storedEventsOfType(String simpleType, String taskId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE payloadtype LIKE ?
                AND convert_from(payload, 'UTF8')::json ->> 'taskId' = ?""", Integer.class, "%." + simpleType, taskId);
    }
}
