package org.plantracker.task;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.plantracker.platform.messaging.EventHeaders;
import org.plantracker.platform.test.MutableClock;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.progress.api.ProgressTopics;
import org.plantracker.progress.api.TaskSummaryAcceptedEvent;
import org.plantracker.task.HttpClientForTests.Response;
import org.plantracker.task.api.AcknowledgementOverdueEvent;
import org.plantracker.task.api.TaskSummaryAcceptanceRecordedEvent;
import org.plantracker.task.api.TaskTopics;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.plantracker.task.query.ProjectionCatchUp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task's life over HTTP on real PostgreSQL and Kafka, with a clock the test moves: acknowledgement,
 * an adjustment request and the reassignment it leads to, the schedule, the lead unit's targets and
 * milestones, an extension, the deadlines firing as the clock passes them, the accepted summary arriving
 * from progress-service on Kafka, closing and reopening — and for each, the refusals (403, 400 naming the
 * field, 409) that change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"db-scheduler.polling-interval=PT0.5S", "plan-tracker.tasks.acknowledgement-days=5"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class TaskLifeIntegrationTest {

    private static final ZoneId JIXI = ZoneId.of("Asia/Shanghai");
    /** 10:00 on 4 March 2030 in Jixi: later than the machine's clock, so only the test's clock can make a deadline due. */
    private static final Instant START = Instant.parse("2030-03-04T02:00:00Z");
    private static final LocalDate ACKNOWLEDGE_BY = LocalDate.of(2030, 3, 9);
    private static final MutableClock CLOCK = new MutableClock(START);

    private static final String COMMITTEE = TestTokens.supervisor("jixi-committee");
    private static final String PROPAGANDA = TestTokens.unit("jixi-propaganda");
    private static final String EDUCATION = TestTokens.unit("jixi-education");
    private static final String JUSTICE = TestTokens.unit("jixi-justice");
    private static final String MISHAN = TestTokens.county("jixi-mishan");
    private static final String HULIN = TestTokens.county("jixi-hulin");
    private static final String IMPORT_CORRELATION = "import-" + UUID.randomUUID();
    private static final List<String> COUNTIES_BUT_HULIN = List.of("jixi-jiguan", "jixi-hengshan", "jixi-didao",
            "jixi-lishu", "jixi-chengzihe", "jixi-mashan", "jixi-mishan", "jixi-jidong");

    private static String planId;
    private static String task7;

    @TestConfiguration
    static class Clocks {
        @Bean
        MutableClock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "task_life");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProjectionCatchUp catchUp;

    private HttpClientForTests http() {
        return new HttpClientForTests(port);
    }

    private JsonNode task() throws Exception {
        Response response = http().get("/api/tasks/" + task7, COMMITTEE);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private String version() throws Exception {
        return task().path("version").asText();
    }

    @Test
    @Order(1)
    void everyUnitOfAnImportedTaskButTheCityCommitteeIsAskedToAcknowledge() throws Exception {
        Response imported = http().importPlan(HttpClientForTests.jixiPlanVariant("任务全周期测试"), COMMITTEE,
                IMPORT_CORRELATION);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().path("tasks").asInt()).isEqualTo(30);
        planId = imported.json().path("planId").asText();
        task7 = planId + "-07";

        JsonNode task = task();
        assertThat(task.path("leadUnit").path("code").asText()).isEqualTo("jixi-committee");
        assertThat(task.path("acknowledgements")).hasSize(3 + 9);
        for (JsonNode acknowledgement : task.path("acknowledgements")) {
            assertThat(acknowledgement.path("state").asText()).isEqualTo("PENDING");
            assertThat(acknowledgement.path("dueDate").asText()).isEqualTo(ACKNOWLEDGE_BY.toString());
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Long.class))
                .as("one acknowledgement deadline per task").isEqualTo(30);
    }

    @Test
    @Order(2)
    void anAssignedUnitAcknowledgesForItselfAndNoOneElse() throws Exception {
        long before = storedEvents();
        assertThat(http().post("/api/tasks/" + task7 + "/acknowledgement", JUSTICE, "").status())
                .as("市司法局 is not on task 7").isEqualTo(403);
        Response committee = http().post("/api/tasks/" + task7 + "/acknowledgement", COMMITTEE, "");
        assertThat(committee.status()).isEqualTo(409);
        assertThat(committee.json().path("detail").asText()).contains("does not acknowledge");
        assertThat(storedEvents()).isEqualTo(before);

        Response acknowledged = http().post("/api/tasks/" + task7 + "/acknowledgement", MISHAN, "");
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        assertThat(acknowledged.headers().firstValue("ETag")).hasValue("\"" + acknowledged.json().path("version").asLong() + "\"");
        Response again = http().post("/api/tasks/" + task7 + "/acknowledgement", MISHAN, "");
        assertThat(again.json().path("version")).isEqualTo(acknowledged.json().path("version"));
        assertThat(storedEvents()).isEqualTo(before + 1);

        JsonNode mishan = acknowledgementOf(task(), "jixi-mishan");
        assertThat(mishan.path("state").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(mishan.path("acknowledgedAt").asText()).isNotBlank();
    }

    @Test
    @Order(3)
    void aUnitAsksForAnAdjustmentTheCityCommitteeApprovesAndReassignsWithAReason() throws Exception {
        String path = "/api/tasks/" + task7 + "/adjustment-requests";
        long before = storedEvents();
        Response noReason = http().post(path, HULIN, Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.fields()).containsExactly("reason");
        assertThat(http().post(path, JUSTICE, Map.of("reason", "不相关")).status()).isEqualTo(403);
        assertThat(storedEvents()).isEqualTo(before);

        Response requested = http().post(path, HULIN, Map.of("reason", "虎林市已将此项工作并入边境教育专项"));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String requestId = requested.json().path("requestId").asText();
        assertThat(requestId).isEqualTo(task7 + "-adjustment-1");
        JsonNode open = task().path("adjustmentRequests");
        assertThat(open).hasSize(1);
        assertThat(open.get(0).path("unit").path("name").asText()).isEqualTo("虎林市关工委");
        assertThat(open.get(0).path("reason").asText()).isEqualTo("虎林市已将此项工作并入边境教育专项");

        String decision = path + "/" + requestId + "/decision";
        assertThat(http().post(decision, HULIN, Map.of("decision", "APPROVE")).status()).isEqualTo(403);
        Response noComment = http().post(decision, COMMITTEE, Map.of("decision", "REJECT"));
        assertThat(noComment.status()).isEqualTo(400);
        assertThat(noComment.fields()).containsExactly("comment");
        // a value the JSON cannot hold (how the platform's problem details name it is the platform's business)
        assertThat(http().post(decision, COMMITTEE, Map.of("decision", "MAYBE")).status()).isEqualTo(400);
        assertThat(storedEvents()).isEqualTo(before + 1);

        Response approved = http().post(decision, COMMITTEE, Map.of("decision", "APPROVE", "comment", "同意调整"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(task().path("adjustmentRequests")).isEmpty();
        assertThat(http().post(decision, COMMITTEE, Map.of("decision", "APPROVE")).status())
                .as("decided already").isEqualTo(409);

        List<String> responsible = new ArrayList<>(List.of("jixi-education", "jixi-youth-league"));
        responsible.addAll(COUNTIES_BUT_HULIN);
        Map<String, Object> assignment = new HashMap<>(Map.of("leadUnit", "jixi-propaganda", "responsibleUnits", responsible));
        Response withoutReason = http().put("/api/tasks/" + task7 + "/assignment", COMMITTEE, version(), assignment);
        assertThat(withoutReason.status()).isEqualTo(400);
        assertThat(withoutReason.fields()).containsExactly("reason");
        assignment.put("reason", "同意虎林市调整申请；由市委宣传部牵头");
        Response reassigned = http().put("/api/tasks/" + task7 + "/assignment", COMMITTEE, version(), assignment);
        assertThat(reassigned.status()).as(reassigned.body()).isEqualTo(200);

        JsonNode task = task();
        assertThat(task.path("leadUnit").path("code").asText()).isEqualTo("jixi-propaganda");
        assertThat(task.path("acknowledgements").findValues("code")).extracting(JsonNode::asText)
                .as("虎林市 left the task; no unit was new to it").doesNotContain("jixi-hulin").hasSize(2 + 9);
        assertThat(acknowledgementOf(task, "jixi-mishan").path("state").asText()).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    @Order(4)
    void theCityCommitteeSchedulesTheTaskAndBadSchedulesAreRefusedNamingTheField() throws Exception {
        String path = "/api/tasks/" + task7 + "/schedule";
        long before = storedEvents();
        assertThat(http().put(path, MISHAN, null, Map.of("kind", "NEAR_TERM", "dueDate", "2030-06-30")).status())
                .isEqualTo(403);
        Response noCycle = http().put(path, COMMITTEE, null, Map.of("kind", "LONG_TERM"));
        assertThat(noCycle.status()).isEqualTo(400);
        assertThat(noCycle.fields()).containsExactly("reportingCycle");
        assertThat(http().put(path, COMMITTEE, null, Map.of("kind", "SOMETIMES")).status()).isEqualTo(400);
        assertThat(http().put(path, COMMITTEE, null, Map.of("kind", "NEAR_TERM", "dueDate", "2030-13-01")).status())
                .isEqualTo(400);
        Response past = http().put(path, COMMITTEE, null, Map.of("kind", "NEAR_TERM", "dueDate", "2030-03-01"));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.fields()).containsExactly("dueDate");
        assertThat(storedEvents()).isEqualTo(before);

        Response scheduled = http().put(path, COMMITTEE, version(),
                Map.of("kind", "NEAR_TERM", "dueDate", "2030-06-30", "reportingCycle", "MONTHLY"));
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
        JsonNode task = task();
        assertThat(task.path("kind").asText()).isEqualTo("NEAR_TERM");
        assertThat(task.path("dueDate").asText()).isEqualTo("2030-06-30");
        assertThat(task.path("reportingCycle").asText()).isEqualTo("MONTHLY");
        assertThat(task.path("overdue").asBoolean()).isFalse();

        Response noReason = http().put(path, COMMITTEE, null, Map.of("kind", "NEAR_TERM", "dueDate", "2030-07-31"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.fields()).containsExactly("reason");
        Response stale = http().put(path, COMMITTEE, "1",
                Map.of("kind", "NEAR_TERM", "dueDate", "2030-07-31", "reason", "推迟"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.fields()).containsExactly("If-Match");
        assertThat(storedEvents()).isEqualTo(before + 1);
    }

    @Test
    @Order(5)
    void theLeadUnitRefinesTheTaskWithTargetsAndMilestones() throws Exception {
        String targets = "/api/tasks/" + task7 + "/targets";
        Map<String, Object> fiveGood = Map.of("description", "五好关工委达标率保持在90%左右", "metric", "五好关工委达标率",
                "unit", "%", "targetValue", 90, "direction", "AT_LEAST");
        long before = storedEvents();
        assertThat(http().post(targets, COMMITTEE, fiveGood).status())
                .as("the city committee no longer leads task 7").isEqualTo(403);
        Response mixed = http().post(targets, PROPAGANDA, Map.of("description", "混合", "metric", "达标率",
                "targetValue", 90, "direction", "AT_LEAST", "from", "2021-09-01"));
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.fields()).containsExactly("from");
        Response tooLong = http().post(targets, PROPAGANDA, Map.of("description", "长".repeat(501)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.fields()).containsExactly("description");
        assertThat(storedEvents()).isEqualTo(before);

        Response t1 = http().post(targets, PROPAGANDA, fiveGood);
        assertThat(t1.status()).as(t1.body()).isEqualTo(201);
        assertThat(t1.json().path("targetId").asText()).isEqualTo("T1");
        Response t2 = http().post(targets, PROPAGANDA, Map.of("description", "“明亮眼睛”近视防控行动",
                "from", "2021-09-01", "to", "2023-09-01"));
        assertThat(t2.json().path("targetId").asText()).isEqualTo("T2");
        Response t3 = http().post(targets, PROPAGANDA, Map.of("description", "未成年人零犯罪创建常态化、规范化"));
        assertThat(t3.json().path("targetId").asText()).isEqualTo("T3");

        Response revised = http().put(targets + "/T1", PROPAGANDA, t3.json().path("version").asText(),
                Map.of("description", "五好关工委达标率达到95%", "metric", "五好关工委达标率", "unit", "%",
                        "targetValue", 95.0, "direction", "AT_LEAST"));
        assertThat(revised.status()).as(revised.body()).isEqualTo(200);
        assertThat(http().put(targets + "/T9", PROPAGANDA, null, fiveGood).status()).isEqualTo(404);
        Response noReason = http().delete(targets + "/T3", PROPAGANDA);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.fields()).containsExactly("reason");
        assertThat(http().delete(targets + "/T3?reason=" + encode("已并入T1"), PROPAGANDA).status()).isEqualTo(200);

        JsonNode task = task();
        JsonNode listed = task.path("targets");
        assertThat(listed.findValues("targetId")).extracting(JsonNode::asText).containsExactly("T1", "T2");
        assertThat(listed.get(0).path("type").asText()).isEqualTo("MEASURABLE");
        assertThat(listed.get(0).path("targetValue").asInt()).isEqualTo(95);
        assertThat(listed.get(0).path("direction").asText()).isEqualTo("AT_LEAST");
        assertThat(listed.get(1).path("type").asText()).isEqualTo("DATED");
        assertThat(listed.get(1).path("from").asText()).isEqualTo("2021-09-01");
        assertThat(listed.get(1).path("to").asText()).isEqualTo("2023-09-01");

        String milestones = "/api/tasks/" + task7 + "/milestones";
        Response noTitle = http().post(milestones, PROPAGANDA, Map.of("dueDate", "2030-05-31"));
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.fields()).containsExactly("title");
        assertThat(http().post(milestones, EDUCATION, Map.of("title", "节点", "dueDate", "2030-05-31")).status())
                .isEqualTo(403);
        Response m1 = http().post(milestones, PROPAGANDA, Map.of("title", "完成“五老”宣讲团组建", "dueDate", "2030-05-31"));
        assertThat(m1.status()).as(m1.body()).isEqualTo(201);
        assertThat(m1.json().path("milestoneId").asText()).isEqualTo("M1");
        Response m2 = http().post(milestones, PROPAGANDA, Map.of("title", "临时节点", "dueDate", "2030-04-30"));
        assertThat(http().put(milestones + "/M1", PROPAGANDA, null,
                Map.of("title", "完成“五老”宣讲团组建", "dueDate", "2030-06-15")).status()).isEqualTo(200);
        assertThat(http().delete(milestones + "/" + m2.json().path("milestoneId").asText() + "?reason="
                + encode("与M1重复"), PROPAGANDA).status()).isEqualTo(200);
        JsonNode listedMilestones = task().path("milestones");
        assertThat(listedMilestones).hasSize(1);
        assertThat(listedMilestones.get(0).path("title").asText()).isEqualTo("完成“五老”宣讲团组建");
        assertThat(listedMilestones.get(0).path("dueDate").asText()).isEqualTo("2030-06-15");
    }

    @Test
    @Order(6)
    void aUnitAsksForMoreTimeAndTheCityCommitteeGrantsIt() throws Exception {
        String path = "/api/tasks/" + task7 + "/extension-requests";
        long before = storedEvents();
        assertThat(http().post(path, JUSTICE, Map.of("requestedDueDate", "2030-08-31", "reason", "x")).status())
                .isEqualTo(403);
        Response notLater = http().post(path, EDUCATION, Map.of("requestedDueDate", "2030-06-30", "reason", "暑期"));
        assertThat(notLater.status()).isEqualTo(400);
        assertThat(notLater.fields()).containsExactly("requestedDueDate");
        assertThat(storedEvents()).isEqualTo(before);

        Response requested = http().post(path, EDUCATION, Map.of("requestedDueDate", "2030-08-31",
                "reason", "暑期无法组织学生参加活动"));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String requestId = requested.json().path("requestId").asText();
        JsonNode open = task().path("extensionRequests");
        assertThat(open).hasSize(1);
        assertThat(open.get(0).path("requestedDueDate").asText()).isEqualTo("2030-08-31");

        String decision = path + "/" + requestId + "/decision";
        assertThat(http().post(decision, EDUCATION, Map.of("decision", "APPROVE")).status()).isEqualTo(403);
        Response granted = http().post(decision, COMMITTEE, Map.of("decision", "APPROVE", "comment", "同意延期至8月底"));
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        JsonNode task = task();
        assertThat(task.path("dueDate").asText()).isEqualTo("2030-08-31");
        assertThat(task.path("extensionsGranted").asInt()).isEqualTo(1);
        assertThat(task.path("extensionRequests")).isEmpty();
    }

    @Test
    @Order(7)
    void deadlinesFireAsTheClockPassesThem() throws Exception {
        assertThat(acknowledgementOf(task(), "jixi-education").path("state").asText()).isEqualTo("PENDING");

        CLOCK.set(ACKNOWLEDGE_BY.plusDays(1).atStartOfDay(JIXI).toInstant().plusSeconds(1));
        JsonNode task = http().await("/api/tasks/" + task7, COMMITTEE,
                t -> "OVERDUE".equals(acknowledgementOf(t, "jixi-education").path("state").asText()));
        assertThat(acknowledgementOf(task, "jixi-mishan").path("state").asText())
                .as("acknowledged in time").isEqualTo("ACKNOWLEDGED");
        assertThat(task.path("overdue").asBoolean()).as("due 2030-08-31").isFalse();
        List<String> overdueMetadata = jdbc.queryForList("""
                SELECT convert_from(metadata, 'UTF8') FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = ?
                """, String.class, task7, AcknowledgementOverdueEvent.class.getName());
        assertThat(overdueMetadata).hasSize(10);
        for (String metadata : overdueMetadata) {
            JsonNode m = HttpClientForTests.read(metadata);
            assertThat(m.path("actor-user").asText()).isEqualTo("system:task-service");
            assertThat(m.path("correlation-id").asText()).as("the import set the date").isEqualTo(IMPORT_CORRELATION);
        }

        Response late = http().post("/api/tasks/" + task7 + "/acknowledgement", EDUCATION, "");
        assertThat(late.status()).as("a late unit may still acknowledge").isEqualTo(200);
        assertThat(acknowledgementOf(task(), "jixi-education").path("state").asText()).isEqualTo("ACKNOWLEDGED");

        CLOCK.set(LocalDate.of(2030, 9, 1).atStartOfDay(JIXI).toInstant().plusSeconds(1));
        http().await("/api/tasks/" + task7, COMMITTEE, t -> t.path("overdue").asBoolean());
    }

    @Test
    @Order(8)
    void theTaskClosesOnceItsLeadUnitsSummaryWasAcceptedAndReopensWithAReason() throws Exception {
        String close = "/api/tasks/" + task7 + "/close";
        Response early = http().post(close, COMMITTEE, Map.of("comment", "办结"));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().path("detail").asText()).contains("summary");

        publish(progressRecord("ProgressReportSubmittedEvent", UUID.randomUUID().toString(), task7, "{}"));
        String eventId = UUID.randomUUID().toString();
        TaskSummaryAcceptedEvent accepted = new TaskSummaryAcceptedEvent("summary-" + eventId, task7, planId, 7, "2030",
                new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT));
        String payload = HttpClientForTests.JSON.writeValueAsString(accepted);
        publish(progressRecord("TaskSummaryAcceptedEvent", eventId, accepted.summaryId(), payload));
        publish(progressRecord("TaskSummaryAcceptedEvent", eventId, accepted.summaryId(), payload));
        JsonNode task = http().await("/api/tasks/" + task7, COMMITTEE, t -> !t.path("acceptedSummary").isNull());
        assertThat(task.path("acceptedSummary").path("summaryId").asText()).isEqualTo(accepted.summaryId());
        assertThat(task.path("acceptedSummary").path("period").asText()).isEqualTo("2030");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM processed_event WHERE event_id = ?
                """, Long.class, eventId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?
                """, Long.class, task7, TaskSummaryAcceptanceRecordedEvent.class.getName()))
                .as("the re-delivered event was recorded once").isEqualTo(1);

        long before = storedEvents();
        assertThat(http().post(close, PROPAGANDA, Map.of()).status()).as("only the city committee closes").isEqualTo(403);
        assertThat(storedEvents()).isEqualTo(before);
        Response closed = http().post(close, COMMITTEE, Map.of("comment", "任务圆满完成"));
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(task().path("status").asText()).isEqualTo("CLOSED");
        assertThat(http().post("/api/tasks/" + task7 + "/targets", PROPAGANDA, Map.of("description", "新目标")).status())
                .as("a closed task is not refined").isEqualTo(409);

        String reopen = "/api/tasks/" + task7 + "/reopen";
        Response noReason = http().post(reopen, COMMITTEE, Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.fields()).containsExactly("reason");
        Response reopened = http().post(reopen, COMMITTEE, Map.of("reason", "督导发现宣讲覆盖不足，需整改"));
        assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
        task = task();
        assertThat(task.path("status").asText()).isEqualTo("OPEN");
        assertThat(task.path("acceptedSummary").isNull()).isTrue();
        assertThat(http().post(close, COMMITTEE, Map.of()).status()).as("a new summary first").isEqualTo(409);
    }

    @Test
    @Order(9)
    void theLifeOfTheTaskIsPublishedToKafkaWithWhoDidIt() {
        Map<String, ConsumerRecord<String, byte[]>> byType = new HashMap<>();
        List<String> wanted = List.of("TaskScheduledEvent", "TargetSetEvent", "ExtensionDecidedEvent",
                "AcknowledgementOverdueEvent", "TaskOverdueEvent", "TaskClosedEvent", "TaskReopenedEvent");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            consumer.subscribe(List.of(TaskTopics.TASK_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!byType.keySet().containsAll(wanted) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (task7.equals(record.key())) {
                        byType.putIfAbsent(header(record, EventHeaders.EVENT_TYPE), record);
                    }
                }
            }
        }
        assertThat(byType.keySet()).containsAll(wanted);
        assertThat(header(byType.get("TaskScheduledEvent"), EventHeaders.ACTOR_UNIT)).isEqualTo("jixi-committee");
        assertThat(header(byType.get("TargetSetEvent"), EventHeaders.ACTOR_UNIT)).isEqualTo("jixi-propaganda");
        assertThat(header(byType.get("TaskOverdueEvent"), EventHeaders.ACTOR_USER)).isEqualTo("system:task-service");
        JsonNode extension = HttpClientForTests.read(new String(byType.get("ExtensionDecidedEvent").value(),
                StandardCharsets.UTF_8));
        assertThat(extension.path("newDueDate").asText()).isEqualTo("2030-08-31");
        assertThat(extension.path("extensionsGranted").asInt()).isEqualTo(1);
    }

    @Test
    @Order(10)
    void theTaskViewIsRebuiltFromTheEventsAlone() throws Exception {
        String tasksBefore = http().get("/api/tasks?planId=" + planId, COMMITTEE).body();

        StreamingEventProcessor projections = processing.eventProcessor(ProjectionCatchUp.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        projections.shutDown();
        projections.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM task_target_view", Long.class)).as("reset empties").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM task_acknowledgement_view", Long.class)).isZero();
        projections.start();
        assertThat(catchUp.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();

        assertThat(http().get("/api/tasks?planId=" + planId, COMMITTEE).body()).isEqualTo(tasksBefore);
    }

    @Test
    @Order(11)
    void everyOperationIsInTheOpenApiDocument() throws Exception {
        JsonNode paths = http().get("/v3/api-docs", null).json().path("paths");
        for (String path : List.of("/api/tasks/{taskId}/schedule", "/api/tasks/{taskId}/targets",
                "/api/tasks/{taskId}/targets/{targetId}", "/api/tasks/{taskId}/milestones",
                "/api/tasks/{taskId}/milestones/{milestoneId}", "/api/tasks/{taskId}/acknowledgement",
                "/api/tasks/{taskId}/adjustment-requests", "/api/tasks/{taskId}/adjustment-requests/{requestId}/decision",
                "/api/tasks/{taskId}/extension-requests", "/api/tasks/{taskId}/extension-requests/{requestId}/decision",
                "/api/tasks/{taskId}/close", "/api/tasks/{taskId}/reopen")) {
            assertThat(paths.has(path)).as(path).isTrue();
            paths.path(path).fields().forEachRemaining(operation ->
                    assertThat(operation.getValue().path("summary").asText()).as(path + " " + operation.getKey())
                            .isNotBlank());
        }
    }

    // --- helpers --------------------------------------------------------------------------------------

    private static JsonNode acknowledgementOf(JsonNode task, String unit) {
        for (JsonNode acknowledgement : task.path("acknowledgements")) {
            if (unit.equals(acknowledgement.path("unit").path("code").asText())) {
                return acknowledgement;
            }
        }
        throw new AssertionError(unit + " has no acknowledgement on " + task.path("taskId").asText());
    }

    private long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A record as progress-service's publisher writes it (platform's KafkaEventPublisher headers). */
    private static ProducerRecord<String, byte[]> progressRecord(String type, String eventId, String key, String json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(ProgressTopics.PROGRESS_EVENTS, key,
                json.getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = Map.of(EventHeaders.EVENT_ID, eventId, EventHeaders.EVENT_TYPE, type,
                EventHeaders.AGGREGATE_ID, key, EventHeaders.AGGREGATE_SEQUENCE, "0",
                EventHeaders.OCCURRED_AT, Instant.now().toString(), EventHeaders.CORRELATION_ID, "summary-" + eventId,
                EventHeaders.ACTOR_USER, "jixi-committee", EventHeaders.ACTOR_UNIT, "jixi-committee");
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static void publish(ProducerRecord<String, byte[]> record) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(record).get();
        }
    }

    private static Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "task-life-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
