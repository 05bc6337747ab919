package org.plantracker.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.plantracker.notification.messaging.InboxEventListener;
import org.plantracker.notification.support.KafkaEvents;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.messaging.EventHeaders;
import org.plantracker.platform.security.Roles;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ProgressTopics;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskCreatedEvent;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbox end to end: events published to the real Kafka broker exactly as task-service and
 * progress-service publish them, consumed into real PostgreSQL, read back through the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // a poison record is dead-lettered after the platform's 3 retries; short pauses keep the test quick
        properties = "plan-tracker.messaging.retry-interval=100ms")
// closed after the class: a context left running would go on consuming (and publishing to the county
// topics) beside the next class's, as a second deployment would
@DirtiesContext
class NotificationInboxIntegrationTest {

    static final Duration PATIENCE = KafkaEvents.PATIENCE;

    static final UnitRef PROPAGANDA = city("jixi-propaganda", "市委宣传部");
    static final UnitRef EDUCATION = city("jixi-education", "市教育局");
    static final UnitRef CULTURE_TOURISM = city("jixi-culture-tourism", "市文体广电和旅游局");
    static final UnitRef FINANCE = city("jixi-finance", "市财政局");
    static final UnitRef CIVIL_AFFAIRS = city("jixi-civil-affairs", "市民政局");
    static final UnitRef AGRICULTURE = city("jixi-agriculture", "市农业农村局");
    static final UnitRef HEALTH = city("jixi-health", "市卫健委");
    static final UnitRef TRADE_UNION = city("jixi-trade-union", "市总工会");
    static final UnitRef MISHAN = county("jixi-mishan", "密山市关工委");
    static final UnitRef LISHU = county("jixi-lishu", "梨树区关工委");
    static final UnitRef HULIN = county("jixi-hulin", "虎林市关工委");
    static final UnitRef JIDONG = county("jixi-jidong", "鸡东县关工委");
    static final UnitRef DIDAO = county("jixi-didao", "滴道区关工委");
    static final UnitRef CHENGZIHE = county("jixi-chengzihe", "城子河区关工委");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "notification");
    }

    @Autowired TestRestTemplate http;
    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate jdbc;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers;
    @Value("${spring.kafka.consumer.group-id}") String consumerGroup;

    static KafkaEvents events;

    @AfterAll
    static void closeKafka() {
        if (events != null) {
            events.close();
        }
    }

    @Test
    void anAssignmentReachesTheLeadAndResponsibleUnitsOnceWithItsCorrelationId() throws Exception {
        String planId = newPlanId();
        String taskId = planId + "-07";
        String correlationId = "corr-" + UUID.randomUUID();
        KafkaEvents.Published assigned = publish(TaskTopics.TASK_EVENTS, taskId, 1, correlationId,
                assignment(taskId, planId, PROPAGANDA, List.of(PROPAGANDA, EDUCATION, MISHAN), null, null));

        List<JsonNode> mishan = awaitNotifications(TestTokens.county("jixi-mishan"), taskId, 1);
        JsonNode n = mishan.get(0);
        assertThat(n.path("unit").asText()).isEqualTo("jixi-mishan");
        assertThat(n.path("type").asText()).isEqualTo("TASK_ASSIGNED");
        assertThat(n.path("title").asText()).isEqualTo("任务7已交办：深化青少年法治教育");
        assertThat(n.path("body").asText()).contains("密山市关工委为任务7「深化青少年法治教育」的责任单位", "市委宣传部",
                "所属方案：" + planId);
        assertThat(n.path("taskId").asText()).isEqualTo(taskId);
        assertThat(n.path("planId").asText()).isEqualTo(planId);
        assertThat(n.path("eventId").asText()).isEqualTo(assigned.eventId());
        assertThat(n.path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(n.path("read").asBoolean()).isFalse();
        assertThat(n.has("readAt")).isTrue();
        assertThat(n.path("readAt").isNull()).isTrue();
        assertThat(n.path("createdAt").asText()).isNotBlank();

        // all notifications of one event commit together: once one is visible, all are
        List<JsonNode> lead = notifications(TestTokens.unit("jixi-propaganda"), taskId);
        assertThat(lead).singleElement().satisfies(l -> {
            assertThat(l.path("body").asText()).contains("的牵头单位（同时为责任单位）");
            assertThat(l.path("correlationId").asText()).isEqualTo(correlationId);
        });
        assertThat(notifications(TestTokens.unit("jixi-education"), taskId)).hasSize(1);
        assertThat(notifications(TestTokens.county("jixi-jiguan"), taskId)).isEmpty();
        assertThat(notifications(TestTokens.supervisor("jixi-committee"), taskId)).isEmpty();

        // the same record again (a re-publish after a crash), and an event type the inbox ignores
        resend(assigned);
        publish(TaskTopics.TASK_EVENTS, taskId, 0, correlationId, new TaskCreatedEvent(taskId, planId, 7, 4,
                "加强青少年法治教育和权益保护", "深化青少年法治教育", "全文"));
        awaitAllConsumed();
        assertThat(notifications(TestTokens.county("jixi-mishan"), taskId)).hasSize(1);
        assertThat(notifications(TestTokens.unit("jixi-propaganda"), taskId)).hasSize(1);
        assertThat(notifications(TestTokens.unit("jixi-education"), taskId)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification WHERE task_id = ?", Integer.class, taskId))
                .isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                Integer.class, InboxEventListener.CONSUMER, assigned.eventId())).isEqualTo(1);
    }

    @Test
    void aProgressReportReachesTheLeadUnitButNotWhenTheLeadReportsOnItsOwnShare() throws Exception {
        String planId = newPlanId();
        String taskId = planId + "-16";
        // the lead's own report goes first on the same partition, so once the second one is in, the first was handled
        publish(ProgressTopics.PROGRESS_EVENTS, taskId, 1, "corr-own",
                report(taskId, planId, 16, CULTURE_TOURISM, CULTURE_TOURISM, ReportStatus.AT_RISK));
        String correlationId = "corr-" + UUID.randomUUID();
        KafkaEvents.Published county = publish(ProgressTopics.PROGRESS_EVENTS, taskId, 2, correlationId,
                report(taskId, planId, 16, LISHU, CULTURE_TOURISM, ReportStatus.ON_TRACK));

        List<JsonNode> lead = awaitNotifications(TestTokens.unit("jixi-culture-tourism"), taskId, 1);
        awaitAllConsumed();
        assertThat(notifications(TestTokens.unit("jixi-culture-tourism"), taskId)).singleElement().satisfies(n -> {
            assertThat(n.path("type").asText()).isEqualTo("PROGRESS_REPORTED");
            assertThat(n.path("title").asText()).isEqualTo("梨树区关工委报送了任务16的进展（2022-Q2，按计划推进）");
            assertThat(n.path("body").asText()).contains("按计划推进", "开展家庭教育宣传活动3次", "请作为牵头单位审核");
            assertThat(n.path("eventId").asText()).isEqualTo(county.eventId());
            assertThat(n.path("correlationId").asText()).isEqualTo(correlationId);
        });
        assertThat(lead).hasSize(1);
        assertThat(notifications(TestTokens.county("jixi-lishu"), taskId)).isEmpty();
    }

    @Test
    void aReassignmentNotifiesOnlyNewAndChangedUnitsAndTellsRemovedOnes() throws Exception {
        String planId = newPlanId();
        String taskId = planId + "-03";
        publish(TaskTopics.TASK_EVENTS, taskId, 1, "corr-first",
                assignment(taskId, planId, FINANCE, List.of(CIVIL_AFFAIRS, AGRICULTURE, HULIN), null, null));
        publish(TaskTopics.TASK_EVENTS, taskId, 2, "corr-second",
                assignment(taskId, planId, CIVIL_AFFAIRS, List.of(FINANCE, AGRICULTURE, JIDONG),
                        FINANCE, List.of(CIVIL_AFFAIRS, AGRICULTURE, HULIN)));

        awaitNotifications(TestTokens.county("jixi-jidong"), taskId, 1);
        awaitAllConsumed();

        List<JsonNode> finance = notifications(TestTokens.unit("jixi-finance"), taskId);
        assertThat(finance).extracting(n -> n.path("correlationId").asText()).containsExactly("corr-second", "corr-first");
        assertThat(finance.get(0).path("body").asText()).startsWith("分工调整：市财政局在任务3中由牵头单位调整为责任单位。");

        List<JsonNode> civilAffairs = notifications(TestTokens.unit("jixi-civil-affairs"), taskId);
        assertThat(civilAffairs).hasSize(2);
        assertThat(civilAffairs.get(0).path("body").asText()).startsWith("分工调整：市民政局在任务3中由责任单位调整为牵头单位。");

        // unchanged role: only the first assignment
        assertThat(notifications(TestTokens.unit("jixi-agriculture"), taskId))
                .extracting(n -> n.path("correlationId").asText()).containsExactly("corr-first");

        assertThat(notifications(TestTokens.county("jixi-jidong"), taskId)).singleElement()
                .satisfies(n -> assertThat(n.path("type").asText()).isEqualTo("TASK_ASSIGNED"));

        List<JsonNode> hulin = notifications(TestTokens.county("jixi-hulin"), taskId);
        assertThat(hulin).extracting(n -> n.path("type").asText()).containsExactly("TASK_UNASSIGNED", "TASK_ASSIGNED");
        assertThat(hulin.get(0).path("title").asText()).isEqualTo("任务3已撤销交办：深化青少年法治教育");
        assertThat(hulin.get(0).path("body").asText()).contains("虎林市关工委不再是任务3", "现由市民政局牵头");

        // paging, newest first (虎林 appears in no other test)
        JsonNode firstPage = get(TestTokens.county("jixi-hulin"), "/api/notifications?limit=1").getBody();
        assertThat(firstPage).hasSize(1);
        assertThat(firstPage.get(0).path("type").asText()).isEqualTo("TASK_UNASSIGNED");
        JsonNode nextPage = get(TestTokens.county("jixi-hulin"),
                "/api/notifications?limit=1&before=" + firstPage.get(0).path("id").asLong()).getBody();
        assertThat(nextPage).hasSize(1);
        assertThat(nextPage.get(0).path("type").asText()).isEqualTo("TASK_ASSIGNED");
    }

    @Test
    void markingReadIsIdempotentFiltersUnreadAndStaysWithinTheUnit() throws Exception {
        String planId = newPlanId();
        String taskId = planId + "-10";
        publish(TaskTopics.TASK_EVENTS, taskId, 1, "corr-read",
                assignment(taskId, planId, HEALTH, List.of(DIDAO), null, null));
        String health = TestTokens.unit("jixi-health");
        long id = awaitNotifications(health, taskId, 1).get(0).path("id").asLong();
        assertThat(unreadIds(health)).contains(id);

        // another unit cannot read it, mark it or learn that it exists
        ResponseEntity<JsonNode> foreign = post(TestTokens.county("jixi-didao"), "/api/notifications/" + id + "/read");
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(foreign.getBody().path("status").asInt()).isEqualTo(404);
        ResponseEntity<JsonNode> missing = post(health, "/api/notifications/987654321/read");
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(foreign.getBody().path("detail").asText().replace(Long.toString(id), "N"))
                .isEqualTo(missing.getBody().path("detail").asText().replace("987654321", "N"));
        assertThat(post(health, "/api/notifications/not-a-number/read").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unreadIds(health)).contains(id);

        ResponseEntity<JsonNode> read = post(health, "/api/notifications/" + id + "/read");
        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(read.getBody().path("id").asLong()).isEqualTo(id);
        assertThat(read.getBody().path("read").asBoolean()).isTrue();
        String readAt = read.getBody().path("readAt").asText();
        assertThat(readAt).isNotBlank();

        ResponseEntity<JsonNode> again = post(health, "/api/notifications/" + id + "/read");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().path("readAt").asText()).isEqualTo(readAt);

        assertThat(unreadIds(health)).doesNotContain(id);
        assertThat(notifications(health, taskId)).singleElement()
                .satisfies(n -> assertThat(n.path("read").asBoolean()).isTrue());
        JsonNode all = get(health, "/api/notifications?unread=false").getBody();
        assertThat(StreamSupport.stream(all.spliterator(), false).map(n -> n.path("id").asLong())).contains(id);
        // the other unit's copy is untouched
        assertThat(notifications(TestTokens.county("jixi-didao"), taskId)).singleElement()
                .satisfies(n -> assertThat(n.path("read").asBoolean()).isFalse());
    }

    @Test
    void theInboxNeedsATokenNamingAUnitAndABoundedPage() {
        ResponseEntity<JsonNode> anonymous = http.exchange("/api/notifications", HttpMethod.GET,
                new HttpEntity<>(new HttpHeaders()), JsonNode.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        String noUnit = "Bearer " + TestTokens.issuer()
                .issue(new Actor("auditor-1", null, Set.of(Roles.AUDITOR)), null, Duration.ofMinutes(5));
        ResponseEntity<JsonNode> forbidden = get(noUnit, "/api/notifications");
        assertThat(forbidden.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(forbidden.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(post(noUnit, "/api/notifications/1/read").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        String token = TestTokens.unit("jixi-education");
        assertThat(get(token, "/api/notifications?limit=200").getStatusCode()).isEqualTo(HttpStatus.OK);
        for (String limit : List.of("0", "201")) {
            ResponseEntity<JsonNode> tooMany = get(token, "/api/notifications?limit=" + limit);
            assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(tooMany.getBody().path("errors").get(0).path("field").asText()).isEqualTo("limit");
        }
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithoutBlockingTheNextRecord() throws Exception {
        String planId = newPlanId();
        String taskId = planId + "-21";
        KafkaEvents.Published poison = events().send(new KafkaEvents.Published(TaskTopics.TASK_EVENTS, taskId,
                UUID.randomUUID().toString(), "TaskAssignedEvent", 1, "corr-poison",
                "{ this is not json".getBytes(StandardCharsets.UTF_8)));
        // same key, so the same partition: it waits behind the poison record
        publish(TaskTopics.TASK_EVENTS, taskId, 2, "corr-after-poison",
                assignment(taskId, planId, TRADE_UNION, List.of(CHENGZIHE), null, null));

        assertThat(awaitNotifications(TestTokens.county("jixi-chengzihe"), taskId, 1).get(0)
                .path("correlationId").asText()).isEqualTo("corr-after-poison");

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(EventHeaders.deadLetterTopic(TaskTopics.TASK_EVENTS),
                poison.eventId());
        assertThat(dead.key()).isEqualTo(taskId);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{ this is not json");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class,
                poison.eventId())).isZero();
    }

    @Test
    void anEventThatReadsButCannotBeHandledGoesToTheDeadLetterTopicAloneAndTheRestOfItsPollIsHandled() throws Exception {
        String planId = newPlanId();
        String taskId = planId + "-22";
        // readable, but its task id is longer than any task id the directory can hold
        String tooLong = planId + "-" + "x".repeat(300) + "-23";
        KafkaEvents.Published unhandled = publish(TaskTopics.TASK_EVENTS, taskId, 1, "corr-unhandled",
                new TaskAssignedEvent(tooLong, planId, 23, 4, "加强青少年法治教育和权益保护", "深化青少年法治教育",
                        TRADE_UNION, List.of(JIDONG), List.of(), null, null));
        publish(TaskTopics.TASK_EVENTS, taskId, 2, "corr-after-unhandled",
                assignment(taskId, planId, TRADE_UNION, List.of(JIDONG), null, null));

        assertThat(awaitNotifications(TestTokens.county("jixi-jidong"), taskId, 1).get(0).path("correlationId").asText())
                .isEqualTo("corr-after-unhandled");
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(EventHeaders.deadLetterTopic(TaskTopics.TASK_EVENTS),
                unhandled.eventId());
        assertThat(dead.key()).isEqualTo(taskId);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class,
                unhandled.eventId())).isZero();
    }

    // ---- events as the producers publish them ----

    KafkaEvents events() {
        if (events == null) {
            events = new KafkaEvents(bootstrapServers, json);
        }
        return events;
    }

    KafkaEvents.Published publish(String topic, String key, long sequence, String correlationId, Object event) throws Exception {
        return events().publish(topic, key, sequence, correlationId, event);
    }

    KafkaEvents.Published resend(KafkaEvents.Published record) throws Exception {
        return events().send(record);
    }

    static TaskAssignedEvent assignment(String taskId, String planId, UnitRef lead, List<UnitRef> responsible,
                                        UnitRef previousLead, List<UnitRef> previousResponsible) {
        int number = Integer.parseInt(taskId.substring(taskId.lastIndexOf('-') + 1));
        return new TaskAssignedEvent(taskId, planId, number, 4, "加强青少年法治教育和权益保护", "深化青少年法治教育",
                lead, responsible, List.of(new TaskAssignedEvent.GroupExpansion("县(市)区关工委", List.of())),
                previousLead, previousResponsible);
    }

    static ProgressReportSubmittedEvent report(String taskId, String planId, int number, UnitRef unit, UnitRef lead,
                                               ReportStatus status) {
        return new ProgressReportSubmittedEvent(UUID.randomUUID().toString(), taskId + ":" + unit.code(), taskId, planId,
                number, "加强家庭教育指导", unit, lead, "2022-Q2", status, "开展家庭教育宣传活动3次。",
                List.of(new ProgressReportSubmittedEvent.Figure("target-1", new java.math.BigDecimal("3"))),
                List.of(), "家长学校");
    }

    static UnitRef city(String code, String name) {
        return new UnitRef(code, name, UnitKind.CITY_DEPARTMENT);
    }

    static UnitRef county(String code, String name) {
        return new UnitRef(code, name, UnitKind.COUNTY_COMMITTEE);
    }

    static String newPlanId() {
        return "plan-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- the API ----

    ResponseEntity<JsonNode> get(String bearer, String path) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(auth(bearer)), JsonNode.class);
    }

    ResponseEntity<JsonNode> post(String bearer, String path) {
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(auth(bearer)), JsonNode.class);
    }

    static HttpHeaders auth(String bearer) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, bearer);
        return headers;
    }

    /** The caller's notifications about one task, newest first. */
    List<JsonNode> notifications(String bearer, String taskId) {
        ResponseEntity<JsonNode> response = get(bearer, "/api/notifications?limit=200");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<JsonNode> found = new ArrayList<>();
        response.getBody().forEach(n -> {
            if (taskId.equals(n.path("taskId").asText())) {
                found.add(n);
            }
        });
        return found;
    }

    List<JsonNode> awaitNotifications(String bearer, String taskId, int count) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> notifications(bearer, taskId), list -> list.size() >= count);
    }

    List<Long> unreadIds(String bearer) {
        List<Long> ids = new ArrayList<>();
        get(bearer, "/api/notifications?unread=true&limit=200").getBody().forEach(n -> ids.add(n.path("id").asLong()));
        return ids;
    }

    // ---- Kafka ----

    /**
     * Waits until the service's consumer group has committed every record published so far: the
     * barrier after which "nothing new appeared" means something.
     */
    void awaitAllConsumed() {
        events().awaitAllConsumed(consumerGroup);
    }

    ConsumerRecord<String, byte[]> awaitDeadLetter(String topic, String eventId) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header id = record.headers().lastHeader(EventHeaders.EVENT_ID);
                    if (id != null && eventId.equals(new String(id.value(), StandardCharsets.UTF_8))) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("event " + eventId + " never reached " + topic);
    }
}
