package org.plantracker.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.plantracker.notification.channel.CountyTopics;
import org.plantracker.notification.support.Api;
import org.plantracker.notification.support.KafkaEvents;
import org.plantracker.notification.support.StandardWebhooksVerifier;
import org.plantracker.notification.support.WebhookReceiver;
import org.plantracker.platform.messaging.EventHeaders;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.progress.api.ProgressTopics;
import org.plantracker.task.api.TaskTopics;
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
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.plantracker.notification.support.Fixtures.COMMITTEE;
import static org.plantracker.notification.support.Fixtures.EDUCATION;
import static org.plantracker.notification.support.Fixtures.HULIN;
import static org.plantracker.notification.support.Fixtures.MISHAN;
import static org.plantracker.notification.support.Fixtures.PROPAGANDA;
import static org.plantracker.notification.support.Fixtures.assignment;
import static org.plantracker.notification.support.Fixtures.newPlanId;
import static org.plantracker.notification.support.Fixtures.overdue;
import static org.plantracker.notification.support.Fixtures.plan;
import static org.plantracker.notification.support.Fixtures.returned;
import static org.plantracker.notification.support.Fixtures.urge;

/**
 * Webhooks and the county topics end to end: events published to the real Kafka broker as the
 * producers publish them, subscriptions made through the API, deliveries received by a real HTTP
 * server started here and checked with the documented signature algorithm.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "plan-tracker.messaging.retry-interval=100ms",
        "plan-tracker.notifications.webhooks.retry-schedule=0s,300ms,300ms,300ms,300ms,300ms,300ms,300ms",
        "plan-tracker.notifications.webhooks.disable-after=1s",
        "plan-tracker.notifications.webhooks.secret-overlap=1h",
        "plan-tracker.notifications.webhooks.allow-private-targets=true",
        "plan-tracker.notifications.deliveries.poll-interval=100ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class WebhookIntegrationTest {

    static final Duration PATIENCE = KafkaEvents.PATIENCE;
    static final String PLAN_TITLE = "鸡西市关心下一代工作委员会责任分工方案";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "notification_webhooks");
    }

    @Autowired TestRestTemplate http;
    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate jdbc;
    @Autowired KafkaListenerEndpointRegistry listeners;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers;
    @Value("${spring.kafka.consumer.group-id}") String consumerGroup;

    KafkaEvents kafka;
    WebhookReceiver receiver;
    String planId;

    @BeforeAll
    void start() throws Exception {
        kafka = new KafkaEvents(bootstrapServers, json);
        receiver = new WebhookReceiver();
        planId = newPlanId();
        kafka.registerUnitsAndPlan(consumerGroup, planId, PLAN_TITLE, List.of(COMMITTEE, PROPAGANDA, EDUCATION, MISHAN, HULIN));
    }

    @AfterAll
    void stop() {
        receiver.close();
        kafka.close();
    }

    @Test
    void aDeliveryIsSignedAsDocumentedAndRetriedUntilItSucceedsWithTheSameWebhookId() throws Exception {
        String path = "/flaky-" + UUID.randomUUID();
        int[] calls = {0};
        receiver.answer(r -> r.path().equals(path) && ++calls[0] <= 2 ? 500 : 200);
        JsonNode made = subscribe(TestTokens.unit(PROPAGANDA.code()), Map.of("url", receiver.url(path),
                "eventTypes", List.of("ProgressReportReturnedEvent")));
        String secret = made.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        String subscriptionId = made.path("subscriptionId").asText();
        assertThat(get(TestTokens.unit(PROPAGANDA.code()), "/api/subscriptions/" + subscriptionId).getBody().toString())
                .doesNotContain(secret);

        String taskId = planId + "-07";
        String correlationId = "corr-" + UUID.randomUUID();
        KafkaEvents.Published event = kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + PROPAGANDA.code(), 3,
                correlationId, returned(taskId, planId, PROPAGANDA, COMMITTEE));
        // an event of a type the subscription did not ask for
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + PROPAGANDA.code(), 4, correlationId,
                overdue(taskId, planId, PROPAGANDA, COMMITTEE));

        List<WebhookReceiver.Received> got = await().atMost(PATIENCE).until(() -> receiver.receivedOn(path), l -> l.size() >= 3);
        assertThat(got).hasSize(3);
        assertThat(got).extracting(r -> r.header("webhook-id")).containsOnly("msg_" + event.eventId());
        assertThat(got).allSatisfy(r -> {
            assertThat(StandardWebhooksVerifier.verifies(secret, r)).as("signature of %s", r.body()).isTrue();
            assertThat(Long.parseLong(r.header("webhook-timestamp"))).isCloseTo(System.currentTimeMillis() / 1000,
                    org.assertj.core.data.Offset.offset(120L));
            assertThat(r.header("content-type")).startsWith("application/json");
        });
        // a body altered on the way would not verify
        WebhookReceiver.Received first = got.get(0);
        assertThat(StandardWebhooksVerifier.verifies(secret, new WebhookReceiver.Received(first.path(), first.headers(),
                first.body().replace("2022-Q2", "2022-Q3")))).isFalse();

        JsonNode body = json.readTree(got.get(2).body());
        assertThat(body.path("type").asText()).isEqualTo("ProgressReportReturnedEvent");
        assertThat(body.path("eventId").asText()).isEqualTo(event.eventId());
        assertThat(body.path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(body.path("plan").path("title").asText()).isEqualTo(PLAN_TITLE);
        assertThat(body.path("task").path("taskId").asText()).isEqualTo(taskId);
        assertThat(body.path("task").path("link").asText()).isEqualTo("/api/tasks/" + taskId);
        assertThat(body.path("data").path("reason").asText()).isEqualTo("数据与台账不符，请核实后重报。");
        assertThat(body.path("data").path("unit").path("code").asText()).isEqualTo(PROPAGANDA.code());

        JsonNode log = await().atMost(PATIENCE).until(
                () -> get(TestTokens.unit(PROPAGANDA.code()), "/api/subscriptions/" + subscriptionId + "/deliveries").getBody(),
                l -> l.size() == 1 && l.get(0).path("status").asText().equals("SUCCEEDED"));
        assertThat(log.get(0).path("attempts").asInt()).isEqualTo(3);
        assertThat(log.get(0).path("lastResponseCode").asInt()).isEqualTo(200);
        assertThat(log.get(0).path("webhookId").asText()).isEqualTo("msg_" + event.eventId());
        assertThat(log.get(0).path("lastAttemptAt").asText()).isNotBlank();
        JsonNode attempts = get(TestTokens.unit(PROPAGANDA.code()), "/api/subscriptions/" + subscriptionId
                + "/deliveries/" + log.get(0).path("deliveryId").asLong()).getBody().path("attemptLog");
        assertThat(attempts).extracting(a -> a.path("statusCode").asInt()).containsExactly(500, 500, 200);

        // manual redelivery: the same webhook-id once more, still signed
        ResponseEntity<JsonNode> again = post(TestTokens.unit(PROPAGANDA.code()), "/api/subscriptions/" + subscriptionId
                + "/deliveries/" + log.get(0).path("deliveryId").asLong() + "/redeliver", null);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        List<WebhookReceiver.Received> redelivered = await().atMost(PATIENCE).until(() -> receiver.receivedOn(path),
                l -> l.size() == 4);
        assertThat(redelivered.get(3).header("webhook-id")).isEqualTo("msg_" + event.eventId());
        assertThat(StandardWebhooksVerifier.verifies(secret, redelivered.get(3))).isTrue();

        // another unit can neither see the subscription nor its log
        assertThat(get(TestTokens.unit(EDUCATION.code()), "/api/subscriptions/" + subscriptionId).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(TestTokens.unit(EDUCATION.code()), "/api/subscriptions/" + subscriptionId + "/deliveries")
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneDuringTheOverlap() throws Exception {
        String path = "/rotated-" + UUID.randomUUID();
        String token = TestTokens.supervisor(COMMITTEE.code());
        JsonNode made = subscribe(token, Map.of("url", receiver.url(path), "eventTypes", List.of("UrgeIssuedEvent")));
        String old = made.path("secret").asText();
        ResponseEntity<JsonNode> rotated = post(token, "/api/subscriptions/" + made.path("subscriptionId").asText()
                + "/secret/rotate", null);
        assertThat(rotated.getStatusCode()).isEqualTo(HttpStatus.OK);
        String fresh = rotated.getBody().path("secret").asText();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);

        String taskId = planId + "-08";
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + EDUCATION.code(), 1, "corr-rotate",
                urge(taskId, planId, EDUCATION, COMMITTEE));
        WebhookReceiver.Received r = await().atMost(PATIENCE).until(() -> receiver.receivedOn(path), l -> !l.isEmpty()).get(0);
        assertThat(r.header("webhook-signature").split(" ")).hasSize(2);
        assertThat(StandardWebhooksVerifier.verifies(fresh, r)).isTrue();
        assertThat(StandardWebhooksVerifier.verifies(old, r)).isTrue();
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledAndItsOwnerToldAndEnablingResumesIt() throws Exception {
        String path = "/down-" + UUID.randomUUID();
        boolean[] up = {false};
        receiver.answer(r -> r.path().equals(path) && !up[0] ? 503 : 200);
        String token = TestTokens.unit(EDUCATION.code());
        String subscriptionId = subscribe(token, Map.of("url", receiver.url(path))).path("subscriptionId").asText();

        String taskId = planId + "-09";
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + EDUCATION.code(), 1, "corr-down",
                urge(taskId, planId, EDUCATION, COMMITTEE));

        JsonNode disabled = await().atMost(PATIENCE).until(() -> get(token, "/api/subscriptions/" + subscriptionId).getBody(),
                s -> s.path("status").asText().equals("DISABLED"));
        assertThat(disabled.path("disabledReason").asText()).contains("failed");
        JsonNode told = await().atMost(PATIENCE).until(() -> get(token, "/api/notifications?type=WEBHOOK_DISABLED").getBody(),
                l -> l.size() == 1).get(0);
        assertThat(told.path("title").asText()).contains(receiver.url(path));

        JsonNode delivery = get(token, "/api/subscriptions/" + subscriptionId + "/deliveries").getBody().get(0);
        assertThat(delivery.path("status").asText()).isEqualTo("PENDING");
        assertThat(delivery.path("lastResponseCode").asInt()).isEqualTo(503);
        assertThat(receiver.receivedOn(path)).hasSize(delivery.path("attempts").asInt());

        // a disabled subscription gets no new deliveries
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + EDUCATION.code(), 2, "corr-down-2",
                urge(taskId, planId, EDUCATION, COMMITTEE));
        kafka.awaitAllConsumed(consumerGroup);
        assertThat(get(token, "/api/subscriptions/" + subscriptionId + "/deliveries").getBody()).hasSize(1);

        up[0] = true;
        assertThat(post(token, "/api/subscriptions/" + subscriptionId + "/enable", null).getBody().path("status").asText())
                .isEqualTo("ACTIVE");
        await().atMost(PATIENCE).until(() -> get(token, "/api/subscriptions/" + subscriptionId + "/deliveries").getBody()
                .get(0).path("status").asText().equals("SUCCEEDED"));
    }

    @Test
    void aCountyCommitteeHearsOnlyWhatConcernsItsOwnCountyByWebhookAndOnItsTopic() throws Exception {
        String mishan = TestTokens.county(MISHAN.code());
        // asking for another county's events is refused, and nothing is made
        ResponseEntity<JsonNode> foreign = http.exchange("/api/subscriptions", HttpMethod.POST,
                new HttpEntity<>(Map.of("url", receiver.url("/mishan-foreign"),
                        "filter", Map.of("counties", List.of(HULIN.code()))), headers(mishan)), JsonNode.class);
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get(mishan, "/api/subscriptions").getBody()).isEmpty();

        String path = "/mishan-" + UUID.randomUUID();
        subscribe(mishan, Map.of("url", receiver.url(path)));
        String taskId = planId + "-11";
        KafkaEvents.Published assigned = kafka.publish(TaskTopics.TASK_EVENTS, taskId, 1, "corr-assign",
                assignment(taskId, planId, PROPAGANDA, List.of(PROPAGANDA, MISHAN, HULIN)));
        KafkaEvents.Published hulinOverdue = kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + HULIN.code(), 1,
                "corr-hulin", overdue(taskId, planId, HULIN, PROPAGANDA));
        KafkaEvents.Published hulinUrged = kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + HULIN.code(), 2,
                "corr-hulin", urge(taskId, planId, HULIN, COMMITTEE));
        KafkaEvents.Published hulinReturned = kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + HULIN.code(), 3,
                "corr-hulin", returned(taskId, planId, HULIN, PROPAGANDA));
        KafkaEvents.Published mishanReturned = kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + MISHAN.code(), 1,
                "corr-mishan", returned(taskId, planId, MISHAN, PROPAGANDA));
        kafka.awaitAllConsumed(consumerGroup);

        await().atMost(PATIENCE).until(() -> receiver.receivedOn(path).size() >= 2);
        awaitOutboxIdle();
        Set<String> toMishan = receiver.receivedOn(path).stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
        assertThat(toMishan).containsExactlyInAnyOrder("msg_" + assigned.eventId(), "msg_" + mishanReturned.eventId());

        Set<String> hulinOnly = Set.of(hulinOverdue.eventId(), hulinUrged.eventId(), hulinReturned.eventId());
        Map<String, List<String>> onTopics = Map.of(
                MISHAN.code(), eventIds(CountyTopics.of(MISHAN.code())),
                HULIN.code(), eventIds(CountyTopics.of(HULIN.code())));
        assertThat(onTopics.get(MISHAN.code())).contains(assigned.eventId(), mishanReturned.eventId())
                .doesNotContainAnyElementsOf(hulinOnly);
        assertThat(onTopics.get(HULIN.code())).contains(assigned.eventId()).containsAll(hulinOnly)
                .doesNotContain(mishanReturned.eventId());

        ConsumerRecord<String, byte[]> record = kafka.readAll(CountyTopics.of(MISHAN.code()), Duration.ofSeconds(1)).stream()
                .filter(r -> header(r, EventHeaders.EVENT_ID).equals(mishanReturned.eventId())).findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo(taskId);
        assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo("ProgressReportReturnedEvent");
        assertThat(header(record, EventHeaders.CORRELATION_ID)).isEqualTo("corr-mishan");
        JsonNode value = json.readTree(record.value());
        assertThat(value.path("counties")).extracting(JsonNode::asText).containsExactly(MISHAN.code());
        assertThat(value.path("data").path("unit").path("code").asText()).isEqualTo(MISHAN.code());

        // the county's inbox too: its own return and its assignment, nothing of 虎林's
        List<String> inbox = titles(get(mishan, "/api/notifications?taskId=" + taskId).getBody());
        assertThat(inbox).hasSize(2);
        assertThat(inbox).noneMatch(t -> t.contains("虎林"));
    }

    @Test
    void consumingTheTopicsAgainFromTheStartNotifiesAndDeliversNothingTwice() throws Exception {
        String path = "/replay-" + UUID.randomUUID();
        String token = TestTokens.supervisor(COMMITTEE.code());
        subscribe(token, Map.of("url", receiver.url(path), "eventTypes", List.of("ReportOverdueEvent")));
        String taskId = planId + "-12";
        KafkaEvents.Published late = kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + MISHAN.code(), 1,
                "corr-replay", overdue(taskId, planId, MISHAN, PROPAGANDA));
        kafka.awaitAllConsumed(consumerGroup);
        await().atMost(PATIENCE).until(() -> receiver.receivedOn(path).size() == 1);
        awaitOutboxIdle();
        List<String> handledBefore = jdbc.queryForList("SELECT event_id FROM processed_event", String.class);
        long notificationsBefore = jdbc.queryForObject("SELECT max(id) FROM notification", Long.class);
        long deliveriesBefore = jdbc.queryForObject("SELECT max(id) FROM delivery", Long.class);
        int countyRecords = kafka.readAll(CountyTopics.of(MISHAN.code()), Duration.ofSeconds(1)).size();

        listeners.stop();
        kafka.rewind(consumerGroup);
        listeners.start();
        kafka.awaitAllConsumed(consumerGroup);
        awaitOutboxIdle();

        // every event of the topics came again; none handled before gave anything new
        List<String> newFromHandled = jdbc.queryForList("""
                SELECT event_id FROM notification WHERE id > ? AND event_id = ANY (?::varchar[])
                UNION ALL
                SELECT event_id FROM delivery WHERE id > ? AND event_id = ANY (?::varchar[])""", String.class,
                notificationsBefore, handledBefore.toArray(String[]::new), deliveriesBefore,
                handledBefore.toArray(String[]::new));
        assertThat(handledBefore).contains(late.eventId());
        assertThat(newFromHandled).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification WHERE task_id = ?", Integer.class, taskId))
                .isEqualTo(3);
        assertThat(receiver.receivedOn(path)).hasSize(1);
        assertThat(kafka.readAll(CountyTopics.of(MISHAN.code()), Duration.ofSeconds(1))
                .stream().filter(r -> late.eventId().equals(header(r, EventHeaders.EVENT_ID)))).hasSize(1);
        assertThat(kafka.readAll(CountyTopics.of(MISHAN.code()), Duration.ofSeconds(1))).hasSize(countyRecords);
    }

    // ---- helpers ----

    void awaitOutboxIdle() {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM delivery d JOIN subscription s ON s.id = d.subscription_id
                WHERE d.status = 'PENDING' AND s.status = 'ACTIVE'""", Long.class) == 0
                && jdbc.queryForObject("SELECT count(*) FROM delivery WHERE status = 'PENDING' AND channel = 'county-topic'",
                Long.class) == 0);
    }

    List<String> eventIds(String topic) {
        return kafka.readAll(topic, Duration.ofSeconds(1)).stream().map(r -> header(r, EventHeaders.EVENT_ID)).toList();
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static List<String> titles(JsonNode notifications) {
        return java.util.stream.StreamSupport.stream(notifications.spliterator(), false)
                .map(n -> n.path("title").asText()).toList();
    }

    JsonNode subscribe(String bearer, Map<String, Object> body) {
        ResponseEntity<JsonNode> made = http.exchange("/api/subscriptions", HttpMethod.POST,
                new HttpEntity<>(body, headers(bearer)), JsonNode.class);
        assertThat(made.getStatusCode()).as(String.valueOf(made.getBody())).isEqualTo(HttpStatus.CREATED);
        return made.getBody();
    }

    ResponseEntity<JsonNode> get(String bearer, String path) {
        return new Api(http).get(bearer, path);
    }

    ResponseEntity<JsonNode> post(String bearer, String path, Object body) {
        return new Api(http).post(bearer, path, body);
    }

    static HttpHeaders headers(String bearer) {
        return Api.headers(bearer);
    }
}
