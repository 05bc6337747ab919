package org.plantracker.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.modelling.command.ConcurrencyException;
import org.plantracker.platform.axon.GroupCommitEventStorageEngine;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.TaskShareWithdrawnEvent;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.messaging.EventHeaders;
import org.plantracker.platform.messaging.KafkaEventPublisher;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.progress.api.ProgressTopics;
import org.plantracker.progress.query.TaskShareProjection;
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
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * progress-service as it runs: real PostgreSQL, a real Kafka broker, the HTTP API with verified
 * tokens. Task assignments arrive on plan-tracker.task-events exactly as task-service publishes
 * them. Each test works on a plan of its own, so the tests do not see each other's rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProgressServiceIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final UnitRef COMMITTEE = new UnitRef("jixi-committee", "市关工委", UnitKind.CITY_COMMITTEE);
    private static final UnitRef PROPAGANDA = new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT);
    private static final UnitRef JUSTICE = new UnitRef("jixi-justice", "市司法局", UnitKind.CITY_DEPARTMENT);
    private static final UnitRef EDUCATION = new UnitRef("jixi-education", "市教育局", UnitKind.CITY_DEPARTMENT);
    private static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    private static final UnitRef HULIN = new UnitRef("jixi-hulin", "虎林市关工委", UnitKind.COUNTY_COMMITTEE);
    private static final String NARRATIVE = "密山市组织“五老”开展“十小明星”评选，覆盖全市中小学。";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "progress");
        // a poison record is dead-lettered after its retries; keep them short in tests
        registry.add("plan-tracker.messaging.retry-interval", () -> "100ms");
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
    @Autowired
    GroupCommitEventStorageEngine groupCommit;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TransactionManager transactions;

    @Test
    void aCountyCommitteeReportsAndBothViewsShowIt() throws Exception {
        String plan = newPlanId();
        String task7 = plan + "-07";
        String task8 = plan + "-08";
        awaitProcessed(publish(assignment(task7, 7, 4, COMMITTEE, List.of(PROPAGANDA, MISHAN, HULIN), null, List.of()), 1));
        awaitProcessed(publish(assignment(task8, 8, 5, PROPAGANDA, List.of(MISHAN), null, List.of()), 1));

        String correlationId = "it-" + UUID.randomUUID();
        ResponseEntity<String> created = post("/api/tasks/" + task7 + "/reports", TestTokens.county(MISHAN.code()),
                correlationId, Map.of("period", "2022-Q2", "status", "ON_TRACK", "narrative", NARRATIVE,
                        "figures", List.of(Map.of("targetId", "t-17", "value", 90.5)),
                        "problems", List.of("农村学校覆盖不足")));
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        String reportId = body(created).path("reportId").asText();
        assertThat(UUID.fromString(reportId)).isNotNull();

        // the county committee's own view
        String countyPath = "/api/views/county/" + MISHAN.code() + "?planId=" + plan;
        JsonNode county = awaitView(countyPath, TestTokens.county(MISHAN.code()),
                view -> row(view, task7, MISHAN.code()).path("lastReport").path("reportId").asText().equals(reportId));
        assertThat(county.path("unit").path("name").asText()).isEqualTo("密山市关工委");
        assertThat(county.path("rows")).hasSize(2);
        JsonNode reported = row(county, task7, MISHAN.code());
        assertThat(reported.path("light").asText()).isEqualTo("GREEN");
        assertThat(reported.path("lastReport").path("narrative").asText()).isEqualTo(NARRATIVE);
        assertThat(reported.path("lastReport").path("period").asText()).isEqualTo("2022-Q2");
        assertThat(reported.path("lastReport").path("submittedAt").asText()).isNotBlank();
        assertThat(reported.path("openProblems").asInt()).isEqualTo(1);
        assertThat(reported.path("responsible").asBoolean()).isTrue();
        assertThat(reported.path("lead").asBoolean()).isFalse();
        assertThat(reported.path("leadUnit").path("name").asText()).isEqualTo("市关工委");
        assertThat(reported.path("section").path("title").asText()).isEqualTo("第4部分");
        JsonNode notYetReported = row(county, task8, MISHAN.code());
        assertThat(notYetReported.path("light").asText()).isEqualTo("YELLOW");
        assertThat(notYetReported.has("lastReport")).isTrue();
        assertThat(notYetReported.get("lastReport").isNull()).isTrue();

        // who may read which county view
        assertThat(get(countyPath, TestTokens.county(HULIN.code())).getStatusCode().value())
                .as("a county committee reads only its own county view").isEqualTo(403);
        assertThat(get(countyPath, TestTokens.unit(PROPAGANDA.code())).getStatusCode().value()).isEqualTo(403);
        assertThat(get(countyPath, TestTokens.supervisor(COMMITTEE.code())).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/api/views/county/jixi-nowhere?planId=" + plan, TestTokens.supervisor(COMMITTEE.code()))
                .getStatusCode().value()).isEqualTo(404);

        // the city committee's municipal view
        String municipalPath = "/api/views/municipal?planId=" + plan;
        JsonNode municipal = awaitView(municipalPath, TestTokens.supervisor(COMMITTEE.code()),
                view -> row(view, task7, MISHAN.code()).path("lastReport").path("reportId").asText().equals(reportId));
        assertThat(municipal.path("rows")).hasSize(6);
        assertThat(row(municipal, task7, MISHAN.code()).path("light").asText()).isEqualTo("GREEN");
        assertThat(row(municipal, task7, COMMITTEE.code()).path("lead").asBoolean()).isTrue();
        assertThat(municipal.path("rows").get(0).path("unit").path("code").asText())
                .as("the lead unit comes first").isEqualTo(COMMITTEE.code());
        JsonNode counts = municipal.path("counts");
        assertThat(counts.path("bySection")).hasSize(2);
        assertThat(counts.path("bySection").get(0).path("ordinal").asInt()).isEqualTo(4);
        assertThat(counts.path("bySection").get(0).path("title").asText()).isEqualTo("第4部分");
        assertThat(lights(counts.path("bySection").get(0))).isEqualTo(List.of(1, 3, 0));
        assertThat(counts.path("bySection").get(1).path("ordinal").asInt()).isEqualTo(5);
        assertThat(lights(counts.path("bySection").get(1))).isEqualTo(List.of(0, 2, 0));
        assertThat(count(counts.path("byLeadUnit"), COMMITTEE.code())).isEqualTo(List.of(1, 3, 0));
        assertThat(count(counts.path("byLeadUnit"), PROPAGANDA.code())).isEqualTo(List.of(0, 2, 0));
        assertThat(count(counts.path("byCounty"), MISHAN.code())).isEqualTo(List.of(1, 1, 0));
        assertThat(count(counts.path("byCounty"), HULIN.code())).isEqualTo(List.of(0, 1, 0));
        assertThat(counts.path("byCounty")).hasSize(2);

        assertThat(get(municipalPath, TestTokens.county(MISHAN.code())).getStatusCode().value()).isEqualTo(403);
        assertThat(get(municipalPath, TestTokens.unit(PROPAGANDA.code())).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> noPlan = get("/api/views/municipal", TestTokens.supervisor(COMMITTEE.code()));
        assertThat(noPlan.getStatusCode().value()).isEqualTo(400);
        assertThat(body(noPlan).path("errors").toString()).contains("planId");

        // the report went out on progress-events, with who did it and under which correlation id
        ConsumerRecord<String, byte[]> published = awaitRecord(ProgressTopics.PROGRESS_EVENTS,
                r -> "ProgressReportSubmittedEvent".equals(header(r, EventHeaders.EVENT_TYPE))
                        && reportId.equals(json.readTree(r.value()).path("reportId").asText()));
        assertThat(published.key()).isEqualTo(task7 + ":" + MISHAN.code());
        assertThat(header(published, EventHeaders.CORRELATION_ID)).isEqualTo(correlationId);
        assertThat(header(published, EventHeaders.ACTOR_USER)).isEqualTo(MISHAN.code());
        assertThat(header(published, EventHeaders.ACTOR_UNIT)).isEqualTo(MISHAN.code());
        JsonNode event = json.readTree(published.value());
        assertThat(event.path("narrative").asText()).isEqualTo(NARRATIVE);
        assertThat(event.path("leadUnit").path("code").asText()).isEqualTo(COMMITTEE.code());
        assertThat(event.path("figures").get(0).path("value").decimalValue()).isEqualByComparingTo("90.5");
    }

    @Test
    void aUnitNotAssignedIsRefusedAndAnInvalidReportNamesEachBadField() throws Exception {
        String plan = newPlanId();
        String task = plan + "-03";
        awaitProcessed(publish(assignment(task, 3, 1, COMMITTEE, List.of(PROPAGANDA, MISHAN), null, List.of()), 1));
        String path = "/api/tasks/" + task + "/reports";
        Map<String, Object> valid = Map.of("period", "2022-05", "status", "AT_RISK", "narrative", "进展缓慢");

        ResponseEntity<String> notAssigned = post(path, TestTokens.unit(JUSTICE.code()), null, valid);
        assertThat(notAssigned.getStatusCode().value()).isEqualTo(403);
        assertThat(body(notAssigned).path("status").asInt()).isEqualTo(403);
        assertThat(notAssigned.getHeaders().getContentType().toString()).contains("application/problem+json");
        assertThat(post(path, TestTokens.county(HULIN.code()), null, valid).getStatusCode().value()).isEqualTo(403);
        assertThat(post("/api/tasks/" + plan + "-99/reports", TestTokens.county(MISHAN.code()), null, valid)
                .getStatusCode().value()).isEqualTo(403);

        ResponseEntity<String> invalid = post(path, TestTokens.county(MISHAN.code()), null,
                Map.of("period", "2022-13", "narrative", " ", "problems", List.of("")));
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(invalid))).containsExactlyInAnyOrder("period", "status", "narrative", "problems[0]");

        ResponseEntity<String> tooLong = post(path, TestTokens.county(MISHAN.code()), null,
                Map.of("period", "2022-H1", "status", "GREAT", "narrative", "长".repeat(10_001)));
        assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(tooLong))).containsExactlyInAnyOrder("status", "narrative");

        for (String period : List.of("2022", "2022-01", "2022-12", "2022-Q4", "2022-H2")) {
            assertThat(post(path, TestTokens.county(MISHAN.code()), null,
                    Map.of("period", period, "status", "DONE", "narrative", "按期完成")).getStatusCode().value())
                    .as(period).isEqualTo(201);
        }
        assertThat(storedEvents(task + ":" + MISHAN.code()))
                .as("the refused requests stored nothing: one assignment and the five accepted reports")
                .isEqualTo(6);
        assertThat(storedEvents(task + ":" + JUSTICE.code())).isZero();
    }

    @Test
    void aRedeliveredAssignmentChangesNothingAndAReassignmentWithdrawsDroppedUnits() throws Exception {
        String plan = newPlanId();
        String task = plan + "-12";
        ProducerRecord<String, byte[]> first = record(
                assignment(task, 12, 6, COMMITTEE, List.of(MISHAN, HULIN), null, List.of()), 4, UUID.randomUUID().toString());
        kafka.send(first).get();
        kafka.send(first).get();
        // the same task version under another event id: the shares see it is not newer
        String sameVersion = publish(assignment(task, 12, 6, COMMITTEE, List.of(MISHAN, HULIN), null, List.of()), 4);
        awaitProcessed(header(first, EventHeaders.EVENT_ID));
        awaitProcessed(sameVersion);
        assertThat(storedEvents(task + ":" + COMMITTEE.code())).isEqualTo(1);
        assertThat(storedEvents(task + ":" + MISHAN.code())).isEqualTo(1);
        assertThat(storedEvents(task + ":" + HULIN.code())).isEqualTo(1);

        // 虎林 is dropped, 市司法局 added; 市教育局 was never seen here and has nothing to withdraw
        awaitProcessed(publish(assignment(task, 12, 6, COMMITTEE, List.of(MISHAN, JUSTICE),
                COMMITTEE, List.of(MISHAN, HULIN, EDUCATION)), 9));
        assertThat(storedEvents(task + ":" + HULIN.code())).isEqualTo(2);
        assertThat(storedEvents(task + ":" + JUSTICE.code())).isEqualTo(1);
        assertThat(storedEvents(task + ":" + MISHAN.code())).isEqualTo(2);
        assertThat(storedEvents(task + ":" + EDUCATION.code())).isZero();
        assertThat(post("/api/tasks/" + task + "/reports", TestTokens.county(HULIN.code()), null,
                Map.of("period", "2022", "status", "DONE", "narrative", "已完成")).getStatusCode().value())
                .as("a withdrawn unit no longer reports").isEqualTo(403);

        // a late copy of the old assignment does not bring 虎林 back
        awaitProcessed(publish(assignment(task, 12, 6, COMMITTEE, List.of(MISHAN, HULIN), null, List.of()), 4));
        assertThat(storedEvents(task + ":" + HULIN.code())).isEqualTo(2);

        JsonNode municipal = awaitView("/api/views/municipal?planId=" + plan, TestTokens.supervisor(COMMITTEE.code()),
                view -> units(view).equals(List.of(COMMITTEE.code(), JUSTICE.code(), MISHAN.code())));
        assertThat(units(municipal)).containsExactly(COMMITTEE.code(), JUSTICE.code(), MISHAN.code());
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndDoesNotBlockTheNextOne() throws Exception {
        String plan = newPlanId();
        String task = plan + "-20";
        String poisonId = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>(TaskTopics.TASK_EVENTS, task,
                "{\"taskId\": \"not json".getBytes(StandardCharsets.UTF_8));
        headers(poison, poisonId, "TaskAssignedEvent", task, 2);
        kafka.send(poison).get();
        // same key, so same partition: it queues right behind the poison record
        awaitProcessed(publish(assignment(task, 20, 9, COMMITTEE, List.of(MISHAN), null, List.of()), 3));
        assertThat(storedEvents(task + ":" + MISHAN.code())).isEqualTo(1);

        ConsumerRecord<String, byte[]> dead = awaitRecord(EventHeaders.deadLetterTopic(TaskTopics.TASK_EVENTS),
                r -> poisonId.equals(header(r, EventHeaders.EVENT_ID)));
        assertThat(dead.key()).isEqualTo(task);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"taskId\": \"not json");
    }

    @Test
    void theViewsAndThePublisherCommitAsynchronouslyAndEverythingElseWaitsForTheFlush() {
        TransactionManager views = processing.transactionManager(TaskShareProjection.PROCESSING_GROUP);
        TransactionManager publisher = processing.transactionManager(KafkaEventPublisher.PROCESSING_GROUP);
        for (int i = 0; i < 3; i++) {
            assertThat(synchronousCommitIn(views)).isEqualTo("off");
            assertThat(synchronousCommitIn(publisher)).isEqualTo("off");
            // the service's own transactions (the event store's group commit, the Kafka listener's
            // commands) stay synchronous, and so does a pooled connection the processors used before
            assertThat(synchronousCommitIn(transactions)).isEqualTo("on");
            assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
        }
    }

    private String synchronousCommitIn(TransactionManager transactionManager) {
        return transactionManager.fetchInTransaction(() -> jdbc.queryForObject("SHOW synchronous_commit", String.class));
    }

    @Test
    void theViewsRebuildFromTheEventStoreWhenTheirProcessorIsReset() throws Exception {
        String plan = newPlanId();
        String task = plan + "-30";
        awaitProcessed(publish(assignment(task, 30, 14, COMMITTEE, List.of(MISHAN, HULIN), null, List.of()), 1));
        assertThat(post("/api/tasks/" + task + "/reports", TestTokens.county(HULIN.code()), null,
                Map.of("period", "2022-Q1", "status", "NOT_STARTED", "narrative", "尚未启动", "problems",
                        List.of("经费不足", "人员不足"))).getStatusCode().value()).isEqualTo(201);
        String path = "/api/views/municipal?planId=" + plan;
        String supervisor = TestTokens.supervisor(COMMITTEE.code());
        JsonNode before = awaitView(path, supervisor, view -> row(view, task, HULIN.code()).path("openProblems").asInt() == 2);

        StreamingEventProcessor views = processing
                .eventProcessor(TaskShareProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        views.shutDown();
        views.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM task_share_view", Integer.class)).isZero();
        views.start();

        JsonNode after = awaitView(path, supervisor, view -> view.equals(before));
        assertThat(after).isEqualTo(before);
        assertThat(row(after, task, HULIN.code()).path("light").asText()).isEqualTo("YELLOW");
    }

    @Test
    void concurrentReportsAreCommittedTogetherAndEachOneIsStored() throws Exception {
        String plan = newPlanId();
        List<String> tasks = List.of(plan + "-01", plan + "-02", plan + "-03", plan + "-04");
        for (int i = 0; i < tasks.size(); i++) {
            awaitProcessed(publish(assignment(tasks.get(i), i + 1, 1, COMMITTEE, List.of(MISHAN, HULIN), null, List.of()), 1));
        }
        long appendsBefore = groupCommit.appendsCommitted();
        long groupsBefore = groupCommit.groupsCommitted();

        int reports = 64;
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
        for (int i = 0; i < reports; i++) {
            String task = tasks.get(i % tasks.size());
            UnitRef unit = i % 2 == 0 ? MISHAN : HULIN;
            String period = "2022-" + String.format("%02d", i % 12 + 1);
            answers.add(clients.submit(() -> post("/api/tasks/" + task + "/reports", TestTokens.county(unit.code()), null,
                    Map.of("period", period, "status", "ON_TRACK", "narrative", NARRATIVE))));
        }
        List<String> reportIds = new ArrayList<>();
        for (Future<ResponseEntity<String>> answer : answers) {
            ResponseEntity<String> response = answer.get(60, TimeUnit.SECONDS);
            assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
            reportIds.add(body(response).path("reportId").asText());
        }
        clients.shutdown();

        // every acknowledged report is in the store, each once, with its share's sequence numbers unbroken
        assertThat(jdbc.queryForObject("""
                SELECT count(DISTINCT convert_from(payload, 'UTF8')::json ->> 'reportId') FROM domainevententry
                WHERE aggregateidentifier LIKE ? AND payloadtype = ?""", Integer.class,
                plan + "-%", ProgressReportSubmittedEvent.class.getName())).isEqualTo(reports);
        assertThat(jdbc.queryForList("""
                SELECT aggregateidentifier FROM domainevententry WHERE aggregateidentifier LIKE ?
                GROUP BY aggregateidentifier HAVING max(sequencenumber) + 1 <> count(*)""", String.class, plan + "-%"))
                .as("shares with a gap or a duplicate in their sequence numbers").isEmpty();
        assertThat(reportIds).doesNotHaveDuplicates();
        // the reports went through the group committer, and concurrent ones shared transactions
        assertThat(groupCommit.appendsCommitted() - appendsBefore).isEqualTo(reports);
        assertThat(groupCommit.groupsCommitted() - groupsBefore).isLessThan(reports);
        assertThat(meters.get("plantracker.eventstore.group.appends").functionCounter().count())
                .as("the figures operators see").isEqualTo((double) groupCommit.appendsCommitted());
    }

    @Test
    void aConflictInAGroupFailsOnlyTheAppendAtFault() {
        String prefix = "it-group-" + UUID.randomUUID().toString().substring(0, 8);
        String contested = prefix + "-contested";
        groupCommit.appendEvents(List.of(withdrawal(contested, 0), withdrawal(contested, 1)));

        List<RuntimeException> outcomes = groupCommit.appendAsOneGroup(List.of(
                List.of(withdrawal(prefix + "-first", 0)),
                List.of(withdrawal(contested, 1)),
                List.of(withdrawal(prefix + "-last", 0), withdrawal(prefix + "-last", 1))));

        assertThat(outcomes.get(0)).isNull();
        assertThat(outcomes.get(1)).as("another writer already stored sequence number 1")
                .isInstanceOf(ConcurrencyException.class);
        assertThat(outcomes.get(2)).isNull();
        assertThat(jdbc.queryForList("SELECT aggregateidentifier FROM domainevententry WHERE aggregateidentifier LIKE ?"
                + " ORDER BY globalindex", String.class, prefix + "-%"))
                .containsExactly(contested, contested, prefix + "-first", prefix + "-last", prefix + "-last");
    }

    /** An event of progress-service's own that no view row matches: enough to exercise the store. */
    private static GenericDomainEventMessage<TaskShareWithdrawnEvent> withdrawal(String shareId, long sequence) {
        return new GenericDomainEventMessage<>("TaskShare", shareId, sequence,
                new TaskShareWithdrawnEvent(shareId, "no-such-task", "no-such-unit", sequence + 1));
    }

    // --- task-service's events, as it publishes them ---------------------------------------------

    private static String newPlanId() {
        return "it" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static TaskAssignedEvent assignment(String taskId, int number, int section, UnitRef lead,
                                                List<UnitRef> responsible, UnitRef previousLead,
                                                List<UnitRef> previousResponsible) {
        String planId = taskId.substring(0, taskId.lastIndexOf('-'));
        return new TaskAssignedEvent(taskId, planId, number, section, "第" + section + "部分", "任务" + number, lead,
                responsible, List.of(), previousLead, previousResponsible);
    }

    /** @return the event id */
    private String publish(TaskAssignedEvent event, long taskVersion) throws Exception {
        String eventId = UUID.randomUUID().toString();
        kafka.send(record(event, taskVersion, eventId)).get();
        return eventId;
    }

    /** The record task-service's publisher would send: key the task id, the headers of {@link EventHeaders}. */
    private ProducerRecord<String, byte[]> record(TaskAssignedEvent event, long taskVersion, String eventId)
            throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TaskTopics.TASK_EVENTS, event.taskId(),
                json.writeValueAsBytes(event));
        headers(record, eventId, TaskAssignedEvent.class.getSimpleName(), event.taskId(), taskVersion);
        return record;
    }

    private static void headers(ProducerRecord<String, byte[]> record, String eventId, String type, String aggregateId,
                                long sequence) {
        Map<String, String> headers = new HashMap<>();
        headers.put(EventHeaders.EVENT_ID, eventId);
        headers.put(EventHeaders.EVENT_TYPE, type);
        headers.put(EventHeaders.AGGREGATE_ID, aggregateId);
        headers.put(EventHeaders.AGGREGATE_SEQUENCE, Long.toString(sequence));
        headers.put(EventHeaders.OCCURRED_AT, Instant.now().toString());
        headers.put(EventHeaders.CORRELATION_ID, "task-" + UUID.randomUUID());
        headers.put(EventHeaders.ACTOR_USER, COMMITTEE.code());
        headers.put(EventHeaders.ACTOR_UNIT, COMMITTEE.code());
        headers.put(EventHeaders.CLIENT, "http");
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    // --- waiting for asynchronous work -------------------------------------------------------------

    private void awaitProcessed(String eventId) {
        await(() -> jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class, eventId) == 1,
                "event " + eventId + " consumed");
    }

    private JsonNode awaitView(String path, String token, Predicate<JsonNode> ready) {
        JsonNode[] last = new JsonNode[1];
        await(() -> {
            ResponseEntity<String> response = get(path, token);
            if (response.getStatusCode().value() != 200) {
                return false;
            }
            last[0] = body(response);
            return ready.test(last[0]);
        }, "view " + path);
        return last[0];
    }

    private ConsumerRecord<String, byte[]> awaitRecord(String topic, ThrowingPredicate<ConsumerRecord<String, byte[]>> match)
            throws Exception {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        return record;
                    }
                }
            }
        }
        return fail("no matching record on " + topic + " within " + TIMEOUT);
    }

    private static void await(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        fail("timed out waiting for " + what);
    }

    @FunctionalInterface
    private interface ThrowingPredicate<T> {
        boolean test(T t) throws Exception;
    }

    // --- HTTP and reading answers --------------------------------------------------------------------

    private ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private ResponseEntity<String> post(String path, String token, String correlationId, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (correlationId != null) {
            headers.set("X-Correlation-Id", correlationId);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private JsonNode body(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + response.getBody(), e);
        }
    }

    private static JsonNode row(JsonNode view, String taskId, String unitCode) {
        for (JsonNode row : view.path("rows")) {
            if (row.path("taskId").asText().equals(taskId) && row.path("unit").path("code").asText().equals(unitCode)) {
                return row;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static List<String> units(JsonNode view) {
        return java.util.stream.StreamSupport.stream(view.path("rows").spliterator(), false)
                .map(row -> row.path("unit").path("code").asText()).toList();
    }

    private static List<Integer> count(JsonNode counts, String code) {
        for (JsonNode count : counts) {
            if (count.path("code").asText().equals(code)) {
                return lights(count);
            }
        }
        return List.of();
    }

    private static List<Integer> lights(JsonNode count) {
        return List.of(count.path("green").asInt(), count.path("yellow").asInt(), count.path("red").asInt());
    }

    private static List<String> fields(JsonNode problem) {
        return java.util.stream.StreamSupport.stream(problem.path("errors").spliterator(), false)
                .map(error -> error.path("field").asText()).toList();
    }

    private int storedEvents(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, aggregateId);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
