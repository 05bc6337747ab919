package org.plantracker.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.plantracker.platform.axon.GroupCommitEventStorageEngine;
import org.plantracker.platform.idempotency.IdempotencyRecords;
import org.plantracker.progress.api.TaskShareWithdrawnEvent;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.messaging.EventEnvelope;
import org.plantracker.platform.messaging.EventHeaders;
import org.plantracker.platform.messaging.IncomingEvents;
import org.plantracker.platform.test.Await;
import org.plantracker.platform.test.DatabaseOutage;
import org.plantracker.platform.test.PublishedEvents;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.progress.command.AssignTaskShareCommand;
import org.plantracker.progress.command.SubmitProgressReportCommand;
import org.plantracker.progress.command.TaskShare;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskTopics;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event path under faults, on real PostgreSQL and Kafka: what a consumer does when its database
 * goes away, when a record can never be processed, and when a transaction that sent commands rolls
 * back. Issue 13's defects 2 and 3; defect 1 (the publisher) is {@link PublisherOutageIntegrationTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventPathIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final UnitRef COMMITTEE = new UnitRef("jixi-committee", "市关工委", UnitKind.CITY_COMMITTEE);
    private static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    private static final UnitRef HULIN = new UnitRef("jixi-hulin", "虎林市关工委", UnitKind.COUNTY_COMMITTEE);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "eventpath");
        registry.add("plan-tracker.messaging.retry-interval", () -> "100ms");
        registry.add("plan-tracker.messaging.max-retry-interval", () -> "1s");
        // an attempt during an outage fails within half a second instead of waiting 30 s for a connection
        registry.add("spring.datasource.hikari.connection-timeout", () -> "500");
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
    IncomingEvents incoming;
    @Autowired
    CommandGateway commands;
    @Autowired
    GroupCommitEventStorageEngine groupCommit;
    @Autowired
    IdempotencyRecords idempotency;
    @Value("${spring.datasource.url}")
    String databaseUrl;

    /**
     * Defect 2: a listener sends several commands in one transaction; the second fails and the
     * transaction rolls back. The first command's share must not stay cached as assigned: on
     * redelivery the assignment is stored, and the unit's report is accepted against a share whose
     * history is in the store.
     */
    @Test
    void aRolledBackAssignmentLeavesNoSharePretendingToBeAssigned() throws Exception {
        String task = newPlanId() + "-03";
        String share = TaskShare.idOf(task, MISHAN.code());
        AssignTaskShareCommand assign = new AssignTaskShareCommand(share, task, task.substring(0, task.length() - 3), 3,
                1, "加强思想政治引领", "任务三", MISHAN, COMMITTEE, false, true, 2);
        EventEnvelope delivery = new EventEnvelope(TaskTopics.TASK_EVENTS, UUID.randomUUID().toString(),
                TaskAssignedEvent.class.getSimpleName(), task, 2L, Instant.now(), "it-" + UUID.randomUUID(),
                COMMITTEE.code(), COMMITTEE.code(), "test", new byte[0]);

        assertThatThrownBy(() -> incoming.handleOnce("it.assignments", delivery, () -> {
            commands.sendAndWait(assign);
            // a second command of the same transaction fails: there is no such share
            commands.sendAndWait(new SubmitProgressReportCommand(TaskShare.idOf(task, "jixi-nobody"),
                    UUID.randomUUID().toString(), "2022", ReportStatus.ON_TRACK, "无", List.of(), List.of(), null));
        })).isNotNull();
        assertThat(storedEvents(share)).as("the transaction rolled back with the assignment").isZero();

        // the record is delivered again, and this time its commands succeed
        assertThat(incoming.handleOnce("it.assignments", delivery, () -> commands.sendAndWait(assign))).isTrue();
        assertThat(storedEvents(share)).as("the assignment is in the store, not only in the cache").isEqualTo(1);

        ResponseEntity<String> report = post("/api/tasks/" + task + "/reports", TestTokens.county(MISHAN.code()),
                Map.of("period", "2022", "status", "ON_TRACK", "narrative", "已开展宣讲"));
        assertThat(report.getStatusCode().value()).as(report.getBody()).isEqualTo(201);
        assertThat(storedEvents(share)).isEqualTo(2);
    }

    /**
     * Defect 3: the database is away for longer than the old three quick retries took. The
     * assignment waits for it and is applied; nothing is parked as a dead letter.
     */
    @Test
    void anAssignmentWaitsOutADatabaseOutageInsteadOfBeingParked() throws Exception {
        String task = newPlanId() + "-05";
        ProducerRecord<String, byte[]> record = assignment(task, 5, List.of(MISHAN, HULIN), 2);
        try (DatabaseOutage outage = DatabaseOutage.ofEmbedded(databaseUrl)) {
            outage.begin();
            kafka.send(record).get();
            // long enough for the listener to fail many times (each attempt gives up after 0.5 s)
            Thread.sleep(5_000);
            outage.end();
        }
        String eventId = PublishedEvents.eventId(record);
        Await.until(() -> processed(eventId), TIMEOUT, "the assignment applied after the outage");
        assertThat(storedEvents(TaskShare.idOf(task, MISHAN.code()))).isEqualTo(1);
        assertThat(storedEvents(TaskShare.idOf(task, HULIN.code()))).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dead_letter WHERE event_id = ?", Integer.class, eventId))
                .as("an outage parks nothing").isZero();
        assertThat(post("/api/tasks/" + task + "/reports", TestTokens.county(HULIN.code()),
                Map.of("period", "2022", "status", "ON_TRACK", "narrative", "按期推进")).getStatusCode().value())
                .as("the unit may report").isEqualTo(201);
    }

    /**
     * A record that can never be processed is parked: on the dead-letter topic and in the registry,
     * which the city committee's staff read and send back through the API; the service says
     * DEGRADED while anything is parked.
     */
    @Test
    void aParkedRecordIsListedShownInHealthAndCanBeSentBack() throws Exception {
        String task = newPlanId() + "-21";
        String poisonId = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> poison = assignment(task, 21, List.of(MISHAN), 2);
        ProducerRecord<String, byte[]> unreadable = new ProducerRecord<>(TaskTopics.TASK_EVENTS, null, task,
                "{\"taskId\": \"not json".getBytes(StandardCharsets.UTF_8), poison.headers());
        unreadable.headers().remove(EventHeaders.EVENT_ID);
        unreadable.headers().add(EventHeaders.EVENT_ID, poisonId.getBytes(StandardCharsets.UTF_8));
        kafka.send(unreadable).get();

        Await.until(() -> parkedRows(poisonId) == 1, TIMEOUT, "the unreadable record parked");
        String supervisor = TestTokens.supervisor(COMMITTEE.code());
        JsonNode health = json.readTree(get("/actuator/health", supervisor).getBody());
        assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.path("components").path("deadLetters").path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.path("components").path("deadLetters").path("details").path("parked").asInt()).isPositive();

        JsonNode parked = json.readTree(get("/api/admin/dead-letters", supervisor).getBody());
        JsonNode letter = find(parked, poisonId);
        assertThat(letter.path("topic").asText()).isEqualTo(TaskTopics.TASK_EVENTS);
        assertThat(letter.path("eventType").asText()).isEqualTo("TaskAssignedEvent");
        assertThat(letter.path("failure").asText()).contains("cannot read TaskAssignedEvent");
        assertThat(get("/api/admin/dead-letters", TestTokens.county(MISHAN.code())).getStatusCode().value())
                .as("a county committee does not operate the queues").isEqualTo(403);
        long id = letter.path("id").asLong();
        JsonNode content = json.readTree(get("/api/admin/dead-letters/" + id, supervisor).getBody());
        assertThat(content.path("value").asText()).isEqualTo("{\"taskId\": \"not json");

        ResponseEntity<String> sent = post("/api/admin/dead-letters/" + id + "/redelivery", supervisor, Map.of());
        assertThat(sent.getStatusCode().value()).as(sent.getBody()).isEqualTo(200);
        assertThat(json.readTree(sent.getBody()).path("status").asText()).isEqualTo("REDELIVERED");
        assertThat(post("/api/admin/dead-letters/" + id + "/redelivery", supervisor, Map.of()).getStatusCode().value())
                .as("sent back once").isEqualTo(409);

        // it is on its topic again with its key and event id; still unreadable, it is parked again
        List<ConsumerRecord<String, byte[]>> copies = PublishedEvents.read(TestInfrastructure.kafkaBootstrapServers(),
                TaskTopics.TASK_EVENTS, read -> read.stream().filter(r -> poisonId.equals(
                        PublishedEvents.header(r, EventHeaders.EVENT_ID))).count() == 2, TIMEOUT);
        assertThat(copies.stream().filter(r -> poisonId.equals(PublishedEvents.header(r, EventHeaders.EVENT_ID))))
                .hasSize(2).allMatch(r -> task.equals(r.key()));
        Await.until(() -> parkedRows(poisonId) == 2, TIMEOUT, "the record parked again");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dead_letter WHERE event_id = ? AND status = 'PARKED'",
                Integer.class, poisonId)).isEqualTo(1);
    }

    /**
     * A group commit whose COMMIT reached the database but whose answer was lost: the events are
     * stored, and the group's members are appended again one by one. A member whose very events are
     * in the store succeeded (its report must not turn into a 409); another writer's events at the
     * same sequence numbers are still a conflict.
     */
    @Test
    void anAppendWhoseCommitOutcomeWasUnknownIsNotTakenForAConflict() {
        String prefix = "it-unknown-" + UUID.randomUUID().toString().substring(0, 8);
        List<GenericDomainEventMessage<?>> stored = List.of(withdrawal(prefix + "-a", 0), withdrawal(prefix + "-a", 1));
        groupCommit.appendEvents(stored);

        List<RuntimeException> outcomes = groupCommit.appendAsOneGroup(List.of(
                stored,
                List.of(withdrawal(prefix + "-b", 0)),
                List.of(withdrawal(prefix + "-a", 1))));

        assertThat(outcomes.get(0)).as("its own events, already stored: a success").isNull();
        assertThat(outcomes.get(1)).isNull();
        assertThat(outcomes.get(2)).as("someone else's event at sequence 1").isInstanceOf(ConcurrencyException.class);
        assertThat(storedEvents(prefix + "-a")).isEqualTo(2);
        assertThat(storedEvents(prefix + "-b")).isEqualTo(1);
    }

    /**
     * A county office on a poor connection sends its report again with the same Idempotency-Key:
     * it gets the first answer and nothing new is stored; the same key with another report is refused.
     */
    @Test
    void aReportSentAgainWithItsIdempotencyKeyIsAnsweredOnceAndStoredOnce() throws Exception {
        String task = newPlanId() + "-09";
        commands.sendAndWait(new AssignTaskShareCommand(TaskShare.idOf(task, MISHAN.code()), task,
                task.substring(0, task.length() - 3), 9, 4, "加强青少年法治教育和权益保护", "任务九", MISHAN, COMMITTEE,
                false, true, 2));
        commands.sendAndWait(new AssignTaskShareCommand(TaskShare.idOf(task, HULIN.code()), task,
                task.substring(0, task.length() - 3), 9, 4, "加强青少年法治教育和权益保护", "任务九", HULIN, COMMITTEE,
                false, true, 2));
        String path = "/api/tasks/" + task + "/reports";
        String key = UUID.randomUUID().toString();
        Map<String, Object> report = Map.of("period", "2022-Q3", "status", "ON_TRACK", "narrative", "开展“零犯罪”学校创建");

        ResponseEntity<String> first = postWithKey(path, TestTokens.county(MISHAN.code()), key, report);
        ResponseEntity<String> again = postWithKey(path, TestTokens.county(MISHAN.code()), key, report);
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
        assertThat(again.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(storedEvents(TaskShare.idOf(task, MISHAN.code()))).as("assigned, and one report").isEqualTo(2);

        ResponseEntity<String> otherBody = postWithKey(path, TestTokens.county(MISHAN.code()), key,
                Map.of("period", "2022-Q3", "status", "AT_RISK", "narrative", "进度滞后"));
        assertThat(otherBody.getStatusCode().value()).isEqualTo(422);
        assertThat(json.readTree(otherBody.getBody()).path("errors").get(0).path("field").asText())
                .isEqualTo("Idempotency-Key");

        // keys are the caller's own: another unit's request with the same key is its own request
        ResponseEntity<String> hulin = postWithKey(path, TestTokens.county(HULIN.code()), key, report);
        assertThat(hulin.getStatusCode().value()).isEqualTo(201);
        assertThat(hulin.getBody()).isNotEqualTo(first.getBody());

        assertThat(postWithKey(path, TestTokens.county(MISHAN.code()), "no spaces allowed", report)
                .getStatusCode().value()).isEqualTo(400);
        // a refusal is an answer too: the same request with its key gets the same 403, not a new attempt
        ResponseEntity<String> refused = postWithKey(path, TestTokens.unit("jixi-justice"), key, report);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(postWithKey(path, TestTokens.unit("jixi-justice"), key, report).getHeaders()
                .getFirst("Idempotent-Replayed")).isEqualTo("true");
    }

    /**
     * A request whose answer was lost: the service stored what it created and died before answering (here:
     * its claim is put back as a dead request leaves it, unanswered and older than the stale-after time). The
     * client's retry with the same key takes the claim over and sends the same command again, with the same
     * id derived from the key: the urge is answered as the first time and issued once, and the summary,
     * waiting for review, is answered with its id instead of a 409 for a summary already waiting.
     */
    @Test
    void aRetryAfterALostAnswerGetsTheFirstAnswerAndStoresNothingTwice() {
        String task = newPlanId() + "-11";
        String plan = task.substring(0, task.length() - 3);
        String mishanShare = TaskShare.idOf(task, MISHAN.code());
        String leadShare = TaskShare.idOf(task, COMMITTEE.code());
        commands.sendAndWait(new AssignTaskShareCommand(mishanShare, task, plan, 11, 4, "加强青少年法治教育和权益保护",
                "任务十一", MISHAN, COMMITTEE, false, true, 2));
        commands.sendAndWait(new AssignTaskShareCommand(leadShare, task, plan, 11, 4, "加强青少年法治教育和权益保护",
                "任务十一", COMMITTEE, COMMITTEE, true, false, 2));
        String committee = TestTokens.supervisor(COMMITTEE.code());

        sentTwiceWithItsAnswerLost("/api/tasks/" + task + "/units/" + MISHAN.code() + "/urges", committee,
                Map.of("period", "2022-Q3", "message", "请于本周内报送第三季度进展"));
        assertThat(storedEvents(mishanShare)).as("assigned, and one urge").isEqualTo(2);

        sentTwiceWithItsAnswerLost("/api/tasks/" + task + "/summaries", committee,
                Map.of("period", "2022", "text", "全年开展法治宣讲36场，覆盖学生1.2万人。"));
        assertThat(storedEvents(leadShare)).as("assigned, and one summary").isEqualTo(2);
    }

    /** Sends the request with a new key, loses its answer, sends it again: the retry ran and answered as the first. */
    private void sentTwiceWithItsAnswerLost(String path, String token, Map<String, Object> body) {
        String key = UUID.randomUUID().toString();
        ResponseEntity<String> first = postWithKey(path, token, key, body);
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
        answerLost(key);
        ResponseEntity<String> again = postWithKey(path, token, key, body);
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(201);
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).as("the command ran again").isNull();
        assertThat(again.getBody()).isEqualTo(first.getBody());
    }

    /** The claim as a request that died after storing leaves it: unanswered, and older than stale-after (60 s). */
    private void answerLost(String key) {
        int claims = jdbc.update("""
                UPDATE idempotency_record SET response_status = NULL, response_headers = NULL, response_body = NULL,
                    completed_at = NULL, started_at = now() - interval '2 minutes'
                WHERE idempotency_key = ?""", key);
        assertThat(claims).as("the first request's claim").isEqualTo(1);
    }

    /** The claims behind the header, on the real table: first, busy, other request, answered, taken over. */
    @Test
    void aKeysClaimIsFirstBusyAnsweredOrTakenOverWhenItsRequestDied() {
        String principal = "it-" + UUID.randomUUID();
        assertThat(idempotency.claim(principal, "k1", "fp-1")).isInstanceOf(IdempotencyRecords.Claim.Proceed.class);
        assertThat(idempotency.claim(principal, "k1", "fp-1")).isInstanceOf(IdempotencyRecords.Claim.InProgress.class);
        assertThat(idempotency.claim(principal, "k1", "fp-2")).isInstanceOf(IdempotencyRecords.Claim.OtherRequest.class);
        idempotency.complete(principal, "k1", new IdempotencyRecords.StoredResponse(201, "Content-Type: application/json\n",
                "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(idempotency.claim(principal, "k1", "fp-1")).isInstanceOfSatisfying(IdempotencyRecords.Claim.Replay.class,
                replay -> assertThat(replay.response().status()).isEqualTo(201));

        assertThat(idempotency.claim(principal, "k2", "fp-1")).isInstanceOf(IdempotencyRecords.Claim.Proceed.class);
        jdbc.update("UPDATE idempotency_record SET started_at = now() - interval '2 minutes' WHERE principal = ?"
                + " AND idempotency_key = 'k2'", principal);
        assertThat(idempotency.claim(principal, "k2", "fp-1")).as("its request died: a retry takes it over")
                .isInstanceOf(IdempotencyRecords.Claim.Proceed.class);
        idempotency.release(principal, "k2");
        assertThat(idempotency.claim(principal, "k2", "fp-9")).as("released after a 5xx: free again")
                .isInstanceOf(IdempotencyRecords.Claim.Proceed.class);
    }

    /** An event of progress-service's own that no view row matches: enough to exercise the store. */
    private static GenericDomainEventMessage<TaskShareWithdrawnEvent> withdrawal(String shareId, long sequence) {
        return new GenericDomainEventMessage<>("TaskShare", shareId, sequence,
                new TaskShareWithdrawnEvent(shareId, "no-such-task", "no-such-unit", sequence + 1));
    }

    // --- helpers ------------------------------------------------------------------------------------

    private ProducerRecord<String, byte[]> assignment(String task, int number, List<UnitRef> responsible, long version) {
        String plan = task.substring(0, task.lastIndexOf('-'));
        TaskAssignedEvent event = new TaskAssignedEvent(task, plan, number, 1, "加强思想政治引领", "任务" + number,
                COMMITTEE, responsible, List.of(), null, List.of());
        return PublishedEvents.record(TaskTopics.TASK_EVENTS, task, version, event, COMMITTEE.code(), json);
    }

    private boolean processed(String eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class, eventId) > 0;
    }

    private int parkedRows(String eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM dead_letter WHERE event_id = ?", Integer.class, eventId);
    }

    private int storedEvents(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, aggregateId);
    }

    private static JsonNode find(JsonNode letters, String eventId) {
        for (JsonNode letter : letters) {
            if (eventId.equals(letter.path("eventId").asText())) {
                return letter;
            }
        }
        throw new AssertionError("no dead letter for event " + eventId + " in " + letters);
    }

    private static String newPlanId() {
        return "plan-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private ResponseEntity<String> postWithKey(String path, String token, String key, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        headers.set("Idempotency-Key", key);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> post(String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }
}
