package org.plantracker.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.messaging.EventHeaders;
import org.plantracker.platform.test.Await;
import org.plantracker.platform.test.MutableClock;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.progress.api.ProgressTopics;
import org.plantracker.progress.query.TaskShareProjection;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.Target;
import org.plantracker.task.api.TargetRemovedEvent;
import org.plantracker.task.api.TargetSetEvent;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskClosedEvent;
import org.plantracker.task.api.TaskKind;
import org.plantracker.task.api.TaskScheduledEvent;
import org.plantracker.task.api.TaskTopics;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
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
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A share's reporting life on real PostgreSQL and Kafka with a clock the test moves: the task's assignment
 * and quarterly schedule arrive from task-service; a county reports, the lead unit returns the report with
 * a reason, the county resubmits and the lead unit accepts; another county misses its due date, is found
 * late and urged automatically, reads the urge, is urged by hand, reports late and stays red until its late
 * report is accepted; the lead unit's summary is returned, written again and accepted; the task is closed and
 * owes nothing more; a replay rebuilds every view as it was — and for each step the refusals (403, 400
 * naming the field, 409) that change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"db-scheduler.polling-interval=PT0.5S", "plan-tracker.progress.report-grace-days=5",
                "plan-tracker.progress.due-soon-days=3"})
@DirtiesContext
class ReportLifeIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ZoneId JIXI = ZoneId.of("Asia/Shanghai");
    /** 10 May 2030 in Jixi, mid Q2: later than the machine's clock, so only the test's clock makes a deadline due. */
    private static final Instant START = LocalDate.of(2030, 5, 10).atTime(10, 0).atZone(JIXI).toInstant();
    private static final MutableClock CLOCK = new MutableClock(START);

    private static final UnitRef PROPAGANDA = new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT);
    private static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    private static final UnitRef HULIN = new UnitRef("jixi-hulin", "虎林市关工委", UnitKind.COUNTY_COMMITTEE);
    private static final String COMMITTEE_TOKEN = TestTokens.supervisor("jixi-committee");
    private static final String LEAD_TOKEN = TestTokens.unit(PROPAGANDA.code());
    private static final String MISHAN_TOKEN = TestTokens.county(MISHAN.code());
    private static final String HULIN_TOKEN = TestTokens.county(HULIN.code());

    @TestConfiguration
    static class Clocks {
        @Bean
        MutableClock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "report_life");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aQuarterOfReportsReviewsLatenessAndUrges() throws Exception {
        String plan = "it" + UUID.randomUUID().toString().substring(0, 8);
        String task = plan + "-07";
        publish(new TaskAssignedEvent(task, plan, 7, 4, "加强青少年法治教育和权益保护", "深化青少年法治教育", PROPAGANDA,
                List.of(MISHAN, HULIN), List.of(), null, List.of()), TaskAssignedEvent.class, 1);
        publish(new TaskScheduledEvent(task, plan, 7, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, null),
                TaskScheduledEvent.class, 2);
        String mishanView = "/api/views/county/" + MISHAN.code() + "?planId=" + plan;
        String hulinView = "/api/views/county/" + HULIN.code() + "?planId=" + plan;
        JsonNode county = awaitJson(mishanView, MISHAN_TOKEN, v -> v.path("rows").path(0).path("schedule").isObject());
        JsonNode row = county.path("rows").get(0);
        assertThat(row.path("schedule").path("reportingCycle").asText()).isEqualTo("QUARTERLY");
        assertThat(row.path("nextReport").path("period").asText()).isEqualTo("2030-Q2");
        assertThat(row.path("nextReport").path("dueDate").asText()).isEqualTo("2030-07-05");
        assertThat(county.path("outstanding").get(0).path("period").asText()).isEqualTo("2030-Q2");
        assertThat(county.path("outstanding").get(0).path("overdue").asBoolean()).isFalse();

        // Mishan reports; the lead unit returns it with a reason, after the refusals
        String first = created(post("/api/tasks/" + task + "/reports", MISHAN_TOKEN,
                Map.of("period", "2030-Q2", "status", "ON_TRACK", "narrative", "开展法治宣讲12场")), "reportId");
        awaitJson("/api/reports/" + first, MISHAN_TOKEN, v -> v.path("version").asInt() == 1);
        assertThat(get("/api/reports/" + first, HULIN_TOKEN).getStatusCode().value()).isEqualTo(403);
        assertThat(get("/api/reports/" + first, LEAD_TOKEN).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/api/reports/" + first, COMMITTEE_TOKEN).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/api/reports/no-such-report", COMMITTEE_TOKEN).getStatusCode().value()).isEqualTo(404);

        String review = "/api/reports/" + first + "/review";
        assertThat(post(review, HULIN_TOKEN, Map.of("decision", "ACCEPT")).getStatusCode().value()).isEqualTo(403);
        assertThat(post(review, COMMITTEE_TOKEN, Map.of("decision", "ACCEPT")).getStatusCode().value())
                .as("only the lead unit reviews a responsible unit's report").isEqualTo(403);
        ResponseEntity<String> noReason = post(review, LEAD_TOKEN, Map.of("decision", "RETURN"));
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(noReason))).containsExactly("comment");
        ResponseEntity<String> badDecision = post(review, LEAD_TOKEN, Map.of("decision", "MAYBE"));
        assertThat(badDecision.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(badDecision))).containsExactly("decision");
        assertThat(post(review, LEAD_TOKEN, Map.of("decision", "RETURN", "comment", "数据与台账不符"))
                .getStatusCode().value()).isEqualTo(200);
        assertThat(post(review, LEAD_TOKEN, Map.of("decision", "ACCEPT")).getStatusCode().value())
                .as("a report is reviewed once").isEqualTo(409);
        county = awaitJson(mishanView, MISHAN_TOKEN,
                v -> "RETURNED".equals(v.path("rows").get(0).path("lastReport").path("reviewState").asText()));
        assertThat(county.path("rows").get(0).path("light").asText()).isEqualTo("RED");
        assertThat(county.path("returned").get(0).path("reason").asText()).isEqualTo("数据与台账不符");

        // the resubmission is version 2; the first stays readable; the lead unit accepts version 2
        String second = created(post("/api/tasks/" + task + "/reports", MISHAN_TOKEN,
                Map.of("period", "2030-Q2", "status", "ON_TRACK", "narrative", "开展法治宣讲12场，覆盖学生3000人")), "reportId");
        String history = "/api/tasks/" + task + "/units/" + MISHAN.code() + "/reports";
        JsonNode versions = awaitJson(history, LEAD_TOKEN, v -> v.size() == 2);
        assertThat(versions.get(0).path("reportId").asText()).isEqualTo(second);
        assertThat(versions.get(0).path("version").asInt()).isEqualTo(2);
        assertThat(versions.get(1).path("reviewState").asText()).isEqualTo("RETURNED");
        assertThat(versions.get(1).path("review").path("comment").asText()).isEqualTo("数据与台账不符");
        assertThat(versions.get(1).path("supersededBy").asText()).isEqualTo(second);
        assertThat(get(history, HULIN_TOKEN).getStatusCode().value()).isEqualTo(403);
        assertThat(post("/api/reports/" + second + "/review", LEAD_TOKEN, Map.of("decision", "ACCEPT", "comment", "同意"))
                .getStatusCode().value()).isEqualTo(200);
        county = awaitJson(mishanView, MISHAN_TOKEN,
                v -> "ACCEPTED".equals(v.path("rows").get(0).path("lastReport").path("reviewState").asText()));
        assertThat(county.path("rows").get(0).path("light").asText()).isEqualTo("GREEN");
        assertThat(post("/api/tasks/" + task + "/reports", MISHAN_TOKEN,
                Map.of("period", "2030-Q2", "status", "DONE", "narrative", "补充")).getStatusCode().value())
                .as("an accepted period takes no new version").isEqualTo(409);

        // Hulin never reports Q2: yellow three days before, then late and urged automatically
        CLOCK.set(LocalDate.of(2030, 7, 2).atTime(9, 0).atZone(JIXI).toInstant());
        JsonNode hulin = awaitJson(hulinView, HULIN_TOKEN, v -> true);
        assertThat(hulin.path("rows").get(0).path("light").asText()).isEqualTo("YELLOW");
        CLOCK.set(LocalDate.of(2030, 7, 6).atTime(9, 0).atZone(JIXI).toInstant());
        // (rows and urges are read one after the other: wait for both)
        hulin = awaitJson(hulinView, HULIN_TOKEN, v -> v.path("urges").size() == 1
                && v.path("rows").get(0).path("lateness").path("open").asInt() == 1);
        JsonNode urge = hulin.path("urges").get(0);
        assertThat(urge.path("automatic").asBoolean()).isTrue();
        assertThat(urge.path("period").asText()).isEqualTo("2030-Q2");
        assertThat(urge.path("readAt").isNull()).isTrue();
        JsonNode hulinRow = hulin.path("rows").get(0);
        assertThat(hulinRow.path("light").asText()).isEqualTo("RED");
        assertThat(hulinRow.path("lateness").path("open").asInt()).isEqualTo(1);
        assertThat(hulin.path("outstanding").get(0).path("overdue").asBoolean()).isTrue();
        assertThat(eventsOf(task + ":" + HULIN.code())).containsSubsequence("ReportDueSoonEvent", "ReportOverdueEvent",
                "UrgeIssuedEvent");
        assertThat(eventsOf(task + ":" + MISHAN.code())).doesNotContain("ReportOverdueEvent", "UrgeIssuedEvent");

        // the automatic urge went out on progress-events as the service's own doing
        ConsumerRecord<String, byte[]> published = awaitRecord(r -> "UrgeIssuedEvent".equals(header(r, EventHeaders.EVENT_TYPE))
                && (task + ":" + HULIN.code()).equals(r.key()));
        assertThat(json.readTree(published.value()).path("automatic").asBoolean()).isTrue();
        assertThat(header(published, EventHeaders.ACTOR_USER)).isEqualTo("system:progress-service");

        // the read receipt: only the urged unit, and once
        String urgeId = urge.path("urgeId").asText();
        assertThat(post("/api/urges/" + urgeId + "/read", MISHAN_TOKEN, Map.of()).getStatusCode().value()).isEqualTo(403);
        assertThat(post("/api/urges/" + urgeId + "/read", HULIN_TOKEN, Map.of()).getStatusCode().value()).isEqualTo(200);
        assertThat(post("/api/urges/" + urgeId + "/read", HULIN_TOKEN, Map.of()).getStatusCode().value()).isEqualTo(200);
        awaitJson("/api/urges/" + urgeId, LEAD_TOKEN, v -> !v.path("readAt").isNull());
        assertThat(eventsOf(task + ":" + HULIN.code()).stream().filter("UrgeReadEvent"::equals)).hasSize(1);

        // a manual urge by the lead unit; not by another county; a message is required
        String urges = "/api/tasks/" + task + "/units/" + HULIN.code() + "/urges";
        assertThat(post(urges, MISHAN_TOKEN, Map.of("message", "请报送")).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> noMessage = post(urges, LEAD_TOKEN, Map.of("period", "2030-Q2"));
        assertThat(noMessage.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(noMessage))).containsExactly("message");
        // a NUL in the message, which PostgreSQL text cannot hold, is refused where the body is read
        ResponseEntity<String> withNul = post(urges, LEAD_TOKEN, Map.of("period", "2030-Q2", "message", "请于本周内报送二季度进展\u0000"));
        assertThat(withNul.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(withNul))).containsExactly("message");
        created(post(urges, LEAD_TOKEN, Map.of("period", "2030-Q2", "message", "请于本周内报送二季度进展")), "urgeId");
        assertThat(post("/api/tasks/" + task + "/units/jixi-nowhere/urges", LEAD_TOKEN, Map.of("message", "请报送"))
                .getStatusCode().value()).isEqualTo(404);
        hulin = awaitJson(hulinView, HULIN_TOKEN, v -> v.path("urges").size() == 2
                && v.path("rows").get(0).path("urges").path("received").asInt() == 2);
        assertThat(hulin.path("rows").get(0).path("urges").path("unread").asInt()).isEqualTo(1);

        // the late report does not turn the cell green; its acceptance does
        String late = created(post("/api/tasks/" + task + "/reports", HULIN_TOKEN,
                Map.of("period", "2030-Q2", "status", "ON_TRACK", "narrative", "补报二季度进展")), "reportId");
        hulin = awaitJson(hulinView, HULIN_TOKEN,
                v -> late.equals(v.path("rows").get(0).path("lastReport").path("reportId").asText()));
        assertThat(hulin.path("rows").get(0).path("light").asText()).isEqualTo("RED");
        assertThat(post("/api/reports/" + late + "/review", LEAD_TOKEN, Map.of("decision", "ACCEPT")).getStatusCode().value())
                .isEqualTo(200);
        hulin = awaitJson(hulinView, HULIN_TOKEN, v -> v.path("rows").get(0).path("lateness").path("open").asInt() == 0);
        assertThat(hulin.path("rows").get(0).path("light").asText()).isEqualTo("GREEN");

        // the lead unit's view and the municipal view's on-time rates
        JsonNode lead = awaitJson("/api/views/lead/" + PROPAGANDA.code() + "?planId=" + plan, LEAD_TOKEN, v -> true);
        assertThat(lead.path("tasks").get(0).path("rows")).hasSize(3);
        assertThat(get("/api/views/lead/" + PROPAGANDA.code() + "?planId=" + plan, MISHAN_TOKEN).getStatusCode().value())
                .isEqualTo(403);
        JsonNode municipal = awaitJson("/api/views/municipal?planId=" + plan, COMMITTEE_TOKEN, v -> true);
        // the lead unit's own share never reported Q2: the only share still late
        assertThat(municipal.path("overdue")).hasSize(1);
        assertThat(municipal.path("overdue").get(0).path("unit").path("code").asText()).isEqualTo(PROPAGANDA.code());
        assertThat(municipal.path("overdue").get(0).path("period").asText()).isEqualTo("2030-Q2");
        Map<String, JsonNode> rates = new HashMap<>();
        municipal.path("onTimeRates").forEach(r -> rates.put(r.path("code").asText(), r));
        assertThat(rates.get(MISHAN.code()).path("rate").asDouble()).isEqualTo(1.0);
        assertThat(rates.get(HULIN.code()).path("onTime").asInt()).isZero();
        assertThat(rates.get(HULIN.code()).path("late").asInt()).isEqualTo(1);
        assertThat(rates.get(HULIN.code()).path("rate").asDouble()).isZero();

        // the lead unit's summary: returned by the city committee, written again, accepted (and published)
        String summaries = "/api/tasks/" + task + "/summaries";
        assertThat(post(summaries, MISHAN_TOKEN, Map.of("period", "2030-H1", "text", "总结")).getStatusCode().value())
                .isEqualTo(403);
        String summary = created(post(summaries, LEAD_TOKEN, Map.of("period", "2030-H1", "text", "上半年开展宣讲36场")),
                "summaryId");
        awaitJson(summaries, LEAD_TOKEN, v -> v.size() == 1);
        assertThat(post("/api/summaries/" + summary + "/review", LEAD_TOKEN, Map.of("decision", "ACCEPT"))
                .getStatusCode().value()).as("the lead unit does not review its own summary").isEqualTo(403);
        assertThat(post("/api/summaries/" + summary + "/review", COMMITTEE_TOKEN,
                Map.of("decision", "RETURN", "comment", "缺少覆盖人数")).getStatusCode().value()).isEqualTo(200);
        String rewritten = created(post(summaries, LEAD_TOKEN,
                Map.of("period", "2030-H1", "text", "上半年开展宣讲36场，覆盖学生9000人")), "summaryId");
        awaitJson(summaries, COMMITTEE_TOKEN, v -> v.size() == 2);
        assertThat(post("/api/summaries/" + rewritten + "/review", COMMITTEE_TOKEN, Map.of("decision", "ACCEPT"))
                .getStatusCode().value()).isEqualTo(200);
        JsonNode written = awaitJson(summaries, COMMITTEE_TOKEN,
                v -> "ACCEPTED".equals(v.path(0).path("reviewState").asText()));
        assertThat(written.get(1).path("reviewState").asText()).isEqualTo("RETURNED");
        assertThat(written.get(1).path("reviewComment").asText()).isEqualTo("缺少覆盖人数");
        assertThat(eventsOf(task + ":" + PROPAGANDA.code())).contains("TaskSummaryAcceptedEvent");

        // the city committee closes the task in task-service: no report is owed or taken any more
        publish(new TaskClosedEvent(task, plan, 7, "深化青少年法治教育", summary, "任务圆满完成"), TaskClosedEvent.class, 3);
        awaitJson(mishanView, MISHAN_TOKEN, v -> v.path("rows").get(0).path("taskClosed").asBoolean());
        assertThat(post("/api/tasks/" + task + "/reports", MISHAN_TOKEN,
                Map.of("period", "2030-Q3", "status", "DONE", "narrative", "完成")).getStatusCode().value()).isEqualTo(409);
        assertThat(post(urges, LEAD_TOKEN, Map.of("message", "请报送")).getStatusCode().value()).isEqualTo(409);
        CLOCK.set(LocalDate.of(2030, 10, 7).atTime(9, 0).atZone(JIXI).toInstant());
        JsonNode closed = awaitJson(mishanView, MISHAN_TOKEN, v -> true);
        assertThat(closed.path("rows").get(0).path("light").asText()).as("a closed task owes no Q3 report").isEqualTo("GREEN");
        assertThat(closed.path("rows").get(0).path("nextReport").isNull()).isTrue();

        // a replay from zero rebuilds every view identical to the live one
        Map<String, String> readers = Map.of("/api/views/municipal?planId=" + plan, COMMITTEE_TOKEN,
                mishanView, MISHAN_TOKEN, hulinView, HULIN_TOKEN,
                "/api/views/lead/" + PROPAGANDA.code() + "?planId=" + plan, LEAD_TOKEN,
                history, LEAD_TOKEN, summaries, COMMITTEE_TOKEN, "/api/reports/" + first, COMMITTEE_TOKEN);
        Map<String, JsonNode> live = new HashMap<>();
        readers.forEach((path, token) -> live.put(path, body(get(path, token))));
        StreamingEventProcessor views = processing
                .eventProcessor(TaskShareProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        views.shutDown();
        views.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM progress_report", Integer.class)).isZero();
        views.start();
        readers.forEach((path, token) -> assertThat(awaitJson(path, token, v -> v.equals(live.get(path))))
                .as(path).isEqualTo(live.get(path)));
    }

    /**
     * The light "behind its targets": task-service's measurable target reaches progress-service from Kafka; a
     * report whose figure is below it turns the ON_TRACK share YELLOW; a correction on target, GREEN again; the
     * target raised, YELLOW; the target removed, GREEN.
     */
    @Test
    void aUnitWhoseLastValueIsBehindAMeasurableTargetIsYellow() throws Exception {
        String plan = "it" + UUID.randomUUID().toString().substring(0, 8);
        String task = plan + "-12";
        publish(new TaskAssignedEvent(task, plan, 12, 6, "加强关工委自身建设", "五好关工委创建", PROPAGANDA,
                List.of(MISHAN), List.of(), null, List.of()), TaskAssignedEvent.class, 1);
        publish(new TargetSetEvent(task, plan, 12, new Target("T1", Target.TargetType.MEASURABLE, "五好关工委达标率保持在90%左右",
                "五好关工委达标率", "%", new BigDecimal("90"), Target.Direction.AT_LEAST, null, null), false),
                TargetSetEvent.class, 2);
        String view = "/api/views/county/" + MISHAN.code() + "?planId=" + plan;
        awaitJson(view, MISHAN_TOKEN, v -> v.path("rows").size() == 1);

        String report = created(post("/api/tasks/" + task + "/reports", MISHAN_TOKEN, Map.of("period", "2030-Q2",
                "status", "ON_TRACK", "narrative", "达标率85.5%", "figures", List.of(Map.of("targetId", "T1", "value", 85.5)))),
                "reportId");
        awaitJson(view, MISHAN_TOKEN, v -> v.path("rows").get(0).path("lastReport").path("reportId").asText().equals(report)
                && v.path("rows").get(0).path("light").asText().equals("YELLOW"));
        String corrected = created(post("/api/tasks/" + task + "/reports", MISHAN_TOKEN, Map.of("period", "2030-Q2",
                "status", "ON_TRACK", "narrative", "更正：达标率92%", "figures", List.of(Map.of("targetId", "T1", "value", 92)))),
                "reportId");
        awaitJson(view, MISHAN_TOKEN, v -> v.path("rows").get(0).path("lastReport").path("reportId").asText().equals(corrected)
                && v.path("rows").get(0).path("light").asText().equals("GREEN"));

        publish(new TargetSetEvent(task, plan, 12, new Target("T1", Target.TargetType.MEASURABLE, "五好关工委达标率达到95%",
                "五好关工委达标率", "%", new BigDecimal("95"), Target.Direction.AT_LEAST, null, null), true),
                TargetSetEvent.class, 3);
        awaitJson(view, MISHAN_TOKEN, v -> v.path("rows").get(0).path("light").asText().equals("YELLOW"));
        publish(new TargetRemovedEvent(task, plan, 12, "T1", "并入T2"), TargetRemovedEvent.class, 4);
        awaitJson(view, MISHAN_TOKEN, v -> v.path("rows").get(0).path("light").asText().equals("GREEN"));
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private void publish(Object event, Class<?> type, long sequence) throws Exception {
        String taskId = json.valueToTree(event).path("taskId").asText();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TaskTopics.TASK_EVENTS, taskId,
                json.writeValueAsBytes(event));
        String eventId = UUID.randomUUID().toString();
        Map<String, String> headers = new HashMap<>();
        headers.put(EventHeaders.EVENT_ID, eventId);
        headers.put(EventHeaders.EVENT_TYPE, type.getSimpleName());
        headers.put(EventHeaders.AGGREGATE_ID, taskId);
        headers.put(EventHeaders.AGGREGATE_SEQUENCE, Long.toString(sequence));
        headers.put(EventHeaders.OCCURRED_AT, Instant.now().toString());
        headers.put(EventHeaders.CORRELATION_ID, "task-" + UUID.randomUUID());
        headers.put(EventHeaders.ACTOR_USER, "jixi-committee");
        headers.put(EventHeaders.ACTOR_UNIT, "jixi-committee");
        headers.put(EventHeaders.CLIENT, "http");
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        kafka.send(record).get();
        Await.until(() -> jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class,
                eventId) == 1, TIMEOUT, "event " + eventId + " consumed");
    }

    private ConsumerRecord<String, byte[]> awaitRecord(Predicate<ConsumerRecord<String, byte[]>> match) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(ProgressTopics.PROGRESS_EVENTS));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + ProgressTopics.PROGRESS_EVENTS + " within " + TIMEOUT);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private List<String> eventsOf(String shareId) {
        return new ArrayList<>(jdbc.queryForList(
                "SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                String.class, shareId).stream().map(t -> t.substring(t.lastIndexOf('.') + 1)).toList());
    }

    private JsonNode awaitJson(String path, String token, Predicate<JsonNode> ready) {
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

    private String created(ResponseEntity<String> response, String field) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        return body(response).path(field).asText();
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
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + response.getBody(), e);
        }
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }
}
