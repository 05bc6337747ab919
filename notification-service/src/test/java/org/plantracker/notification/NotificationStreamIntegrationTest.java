package org.plantracker.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.plantracker.notification.command.Digests;
import org.plantracker.notification.query.Inbox;
import org.plantracker.notification.query.NotificationDraft;
import org.plantracker.notification.query.NotificationType;
import org.plantracker.notification.support.Api;
import org.plantracker.notification.support.KafkaEvents;
import org.plantracker.notification.support.MovableClock;
import org.plantracker.notification.support.SseClient;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.progress.api.ProgressTopics;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.plantracker.notification.support.Fixtures.COMMITTEE;
import static org.plantracker.notification.support.Fixtures.HULIN;
import static org.plantracker.notification.support.Fixtures.MISHAN;
import static org.plantracker.notification.support.Fixtures.PROPAGANDA;
import static org.plantracker.notification.support.Fixtures.newPlanId;
import static org.plantracker.notification.support.Fixtures.overdue;
import static org.plantracker.notification.support.Fixtures.plan;
import static org.plantracker.notification.support.Fixtures.returned;
import static org.plantracker.notification.support.Fixtures.urge;

/**
 * The live stream, the inbox's operations, preferences with the daily digest and the email
 * channel, on real PostgreSQL, Kafka and a real SMTP server (GreenMail) started here; the digest's
 * time comes from a clock the test moves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "plan-tracker.notifications.stream.heartbeat=300ms",
        "plan-tracker.notifications.deliveries.poll-interval=100ms",
        "plan-tracker.notifications.digest.check-interval=1h",
        "plan-tracker.notifications.email.enabled=true",
        "plan-tracker.notifications.email.from=jixi-committee@example.test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class NotificationStreamIntegrationTest {

    static final Duration PATIENCE = KafkaEvents.PATIENCE;
    static final String PLAN_TITLE = "鸡西市关心下一代工作委员会责任分工方案";
    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "notification_stream");
        SMTP.start();
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        MovableClock clock() {
            return new MovableClock();
        }
    }

    @Autowired TestRestTemplate http;
    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate jdbc;
    @Autowired Inbox inbox;
    @Autowired Digests digests;
    @Autowired MovableClock clock;
    @Autowired PlatformTransactionManager transactions;
    @LocalServerPort int port;
    @Value("${spring.kafka.consumer.group-id}") String consumerGroup;

    KafkaEvents kafka;
    String planId;

    @BeforeAll
    void start() throws Exception {
        kafka = new KafkaEvents(TestInfrastructure.kafkaBootstrapServers(), json);
        planId = newPlanId();
        kafka.registerUnitsAndPlan(consumerGroup, planId, PLAN_TITLE, List.of(COMMITTEE, PROPAGANDA, MISHAN, HULIN));
    }

    @AfterAll
    void stop() {
        kafka.close();
        SMTP.stop();
    }

    String streamUrl() {
        return "http://127.0.0.1:" + port + "/api/notifications/stream";
    }

    @Test
    void aStreamThatReconnectsWithLastEventIdMissesNothingAndGetsNothingTwice() throws Exception {
        String hulin = TestTokens.county(HULIN.code());
        String taskId = planId + "-07";
        List<String> seen = new ArrayList<>();
        String lastId;
        try (SseClient first = SseClient.open(streamUrl(), hulin, null)) {
            assertThat(first.status).isEqualTo(200);
            assertThat(first.contentType).startsWith("text/event-stream");
            kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + HULIN.code(), 1, "corr-s1",
                    urge(taskId, planId, HULIN, COMMITTEE));
            kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + HULIN.code(), 2, "corr-s2",
                    returned(taskId, planId, HULIN, PROPAGANDA));
            List<SseClient.Event> events = first.awaitEvents(2, PATIENCE);
            assertThat(events).extracting(SseClient.Event::name).containsOnly("notification");
            JsonNode urged = json.readTree(events.get(0).data());
            assertThat(urged.path("type").asText()).isEqualTo("URGED");
            assertThat(urged.path("correlationId").asText()).isEqualTo("corr-s1");
            assertThat(urged.path("planTitle").asText()).isEqualTo(PLAN_TITLE);
            assertThat(urged.path("links").path("task").asText()).isEqualTo("/api/tasks/" + taskId);
            assertThat(Long.parseLong(events.get(1).id())).isGreaterThan(Long.parseLong(events.get(0).id()));
            events.forEach(e -> seen.add(e.data()));
            lastId = events.get(1).id();
            await().atMost(PATIENCE).until(() -> first.comments().contains("heartbeat"));
        }
        // while the client is away
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + HULIN.code(), 3, "corr-s3",
                overdue(taskId, planId, HULIN, PROPAGANDA));
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + HULIN.code(), 4, "corr-s4",
                urge(taskId, planId, HULIN, PROPAGANDA));
        kafka.awaitAllConsumed(consumerGroup);

        try (SseClient again = SseClient.open(streamUrl(), hulin, lastId)) {
            List<SseClient.Event> missed = again.awaitEvents(2, PATIENCE);
            assertThat(missed).extracting(e -> json.readTree(e.data()).path("correlationId").asText())
                    .containsExactly("corr-s3", "corr-s4");
            // and nothing it had before, even after a heartbeat or two
            await().atMost(PATIENCE).until(() -> again.comments().stream().filter("heartbeat"::equals).count() >= 2);
            assertThat(again.events()).hasSize(2);
        }

        // a new client without Last-Event-ID gets only what comes next
        try (SseClient fresh = SseClient.open(streamUrl(), hulin, null)) {
            await().atMost(PATIENCE).until(() -> fresh.comments().stream().anyMatch(c -> c.startsWith("connected")));
            kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + HULIN.code(), 5, "corr-s5",
                    urge(taskId, planId, HULIN, PROPAGANDA));
            assertThat(fresh.awaitEvents(1, PATIENCE)).extracting(e -> json.readTree(e.data()).path("correlationId").asText())
                    .containsExactly("corr-s5");
        }
        try (SseClient other = SseClient.open(streamUrl(), TestTokens.county(MISHAN.code()), "0")) {
            await().atMost(PATIENCE).until(() -> other.comments().contains("heartbeat"));
            assertThat(other.events()).noneMatch(e -> e.data().contains(HULIN.code()));
        }
        try (SseClient bad = SseClient.open(streamUrl(), hulin, "not-a-position")) {
            assertThat(bad.status).isEqualTo(400);
        }
    }

    /**
     * Positions are handed out under a lock held until commit: a transaction that inserts later
     * waits, so no reader ever sees a higher position before a lower one commits. With a plain
     * BIGSERIAL (taken at insert) the second transaction would commit position 2 while 1 is still
     * open, a reader would resume after 2 and never see 1.
     */
    @Test
    void aNotificationThatCommitsLaterNeverGetsALowerPositionThanOneAlreadyVisible() throws Exception {
        String unit = "jixi-ordering-" + UUID.randomUUID().toString().substring(0, 6);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            deliver(unit, "first");
            firstInserted.countDown();
            waitFor(releaseFirst);
        }));
        assertThat(firstInserted.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> deliver(unit, "second")));
        // give the second transaction every chance to commit ahead of the first
        try {
            second.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException stillWaiting) {
            // it waits for the first: as it must
        }
        List<Long> read = new ArrayList<>();
        long position = 0;
        for (var n : inbox.streamAfter(unit, position, 100)) {
            read.add(n.position());
            position = n.position();
        }
        releaseFirst.countDown();
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        for (var n : inbox.streamAfter(unit, position, 100)) {
            read.add(n.position());
        }
        assertThat(read).hasSize(2).isSorted();
        assertThat(inbox.streamAfter(unit, 0, 100)).extracting(n -> n.title()).containsExactly("first", "second");
    }

    void deliver(String unit, String title) {
        inbox.deliver(List.of(new Inbox.EventNotifications("ordering-" + UUID.randomUUID(), "Test", "corr-ordering",
                List.of(new NotificationDraft(unit, null, NotificationType.URGED, title, title, null, null)))), Map.of());
    }

    static void waitFor(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theInboxFiltersCountsMarksAndArchives() throws Exception {
        // a unit of its own: this context reads every event earlier test classes published
        UnitRef unit = new UnitRef("jixi-inbox-" + UUID.randomUUID().toString().substring(0, 8), "市教育局",
                UnitKind.CITY_DEPARTMENT);
        String education = TestTokens.unit(unit.code());
        String taskA = planId + "-21";
        String taskB = planId + "-22";
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskA + ":" + unit.code(), 1, "corr-i1",
                urge(taskA, planId, unit, COMMITTEE));
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskA + ":" + unit.code(), 2, "corr-i2",
                returned(taskA, planId, unit, COMMITTEE));
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskB + ":" + unit.code(), 1, "corr-i3",
                urge(taskB, planId, unit, COMMITTEE));
        await().atMost(PATIENCE).until(() -> get(education, "/api/notifications").getBody().size() >= 3);

        JsonNode count = get(education, "/api/notifications/unread-count").getBody();
        assertThat(count.path("unread").asLong()).isEqualTo(3);
        assertThat(count.path("byType").path("URGED").asLong()).isEqualTo(2);
        assertThat(count.path("byType").path("REPORT_RETURNED").asLong()).isEqualTo(1);

        JsonNode returnedOne = get(education, "/api/notifications?type=REPORT_RETURNED").getBody();
        assertThat(returnedOne).hasSize(1);
        assertThat(returnedOne.get(0).path("severity").asText()).isEqualTo("RED");
        assertThat(returnedOne.get(0).path("body").asText()).contains("数据与台账不符", "所属方案：" + PLAN_TITLE);
        assertThat(get(education, "/api/notifications?taskId=" + taskA).getBody()).hasSize(2);
        assertThat(get(education, "/api/notifications?type=URGED&taskId=" + taskB).getBody()).hasSize(1);
        ResponseEntity<JsonNode> unknownType = get(education, "/api/notifications?type=NOT_A_TYPE");
        assertThat(unknownType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknownType.getBody().path("errors").get(0).path("field").asText()).isEqualTo("type");

        assertThat(post(education, "/api/notifications/read-all?type=URGED", null).getBody().path("marked").asInt())
                .isEqualTo(2);
        assertThat(get(education, "/api/notifications/unread-count").getBody().path("unread").asLong()).isEqualTo(1);

        long id = returnedOne.get(0).path("id").asLong();
        JsonNode archived = post(education, "/api/notifications/" + id + "/archive", null).getBody();
        assertThat(archived.path("archived").asBoolean()).isTrue();
        assertThat(archived.path("read").asBoolean()).isTrue();
        assertThat(get(education, "/api/notifications").getBody()).extracting(n -> n.path("id").asLong()).doesNotContain(id);
        assertThat(get(education, "/api/notifications?archived=true").getBody()).extracting(n -> n.path("id").asLong())
                .containsExactly(id);
        assertThat(get(education, "/api/notifications/unread-count").getBody().path("unread").asLong()).isZero();
        assertThat(post(TestTokens.county(MISHAN.code()), "/api/notifications/" + id + "/archive", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        post(education, "/api/notifications/" + id + "/unarchive", null);
        assertThat(get(education, "/api/notifications").getBody()).extracting(n -> n.path("id").asLong()).contains(id);
    }

    @Test
    void aUnitMayHaveSomeTypesOnceADayButRedItemsAlwaysGoAtOnceByStreamAndEmail() throws Exception {
        String mishan = TestTokens.county(MISHAN.code());
        ResponseEntity<JsonNode> redInDigest = put(mishan, "/api/notifications/preferences",
                Map.of("types", Map.of("REPORT_OVERDUE", "DAILY_DIGEST", "URGED", "DAILY_DIGEST")));
        assertThat(redInDigest.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(redInDigest.getBody().path("errors").get(0).path("field").asText()).isEqualTo("types.REPORT_OVERDUE");
        assertThat(get(mishan, "/api/notifications/preferences").getBody().path("types").path("URGED").asText())
                .isEqualTo("IMMEDIATE");

        JsonNode set = put(mishan, "/api/notifications/preferences",
                Map.of("types", Map.of("URGED", "DAILY_DIGEST"), "email", "mishan@example.test")).getBody();
        assertThat(set.path("types").path("URGED").asText()).isEqualTo("DAILY_DIGEST");
        assertThat(set.path("email").asText()).isEqualTo("mishan@example.test");
        assertThat(put(mishan, "/api/notifications/preferences", Map.of("email", "not an address")).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        ZoneId city = ZoneId.of("Asia/Shanghai");
        LocalDate today = LocalDate.now(city).plusDays(3);
        clock.moveTo(today.atTime(LocalTime.of(7, 0)).atZone(city).toInstant());

        String taskId = planId + "-31";
        try (SseClient stream = SseClient.open(streamUrl(), mishan, null)) {
            await().atMost(PATIENCE).until(() -> stream.comments().stream().anyMatch(c -> c.startsWith("connected")));
            kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + MISHAN.code(), 1, "corr-d1",
                    urge(taskId, planId, MISHAN, COMMITTEE));
            kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + MISHAN.code(), 2, "corr-d2",
                    overdue(taskId, planId, MISHAN, PROPAGANDA));
            List<SseClient.Event> pushed = stream.awaitEvents(1, PATIENCE);
            kafka.awaitAllConsumed(consumerGroup);
            await().atMost(PATIENCE).until(() -> stream.comments().stream().filter("heartbeat"::equals).count() >= 2);
            assertThat(stream.events()).hasSize(1);
            assertThat(json.readTree(pushed.get(0).data()).path("type").asText()).isEqualTo("REPORT_OVERDUE");

            // both are in the inbox; the urge waits for the digest
            JsonNode held = get(mishan, "/api/notifications?type=URGED&taskId=" + taskId).getBody().get(0);
            assertThat(held.path("delivery").asText()).isEqualTo("DIGEST");

            MimeMessage mail = awaitMail(1).get(0);
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("mishan@example.test");
            assertThat(mail.getSubject()).contains("已逾期");

            assertThat(digests.makeDueDigest()).as("before 08:00").isZero();
            clock.moveTo(today.atTime(LocalTime.of(8, 1)).atZone(city).toInstant());
            assertThat(digests.makeDueDigest()).isGreaterThanOrEqualTo(1);
            assertThat(digests.makeDueDigest()).as("once a day").isZero();

            List<SseClient.Event> withDigest = stream.awaitEvents(2, PATIENCE);
            JsonNode digest = json.readTree(withDigest.get(1).data());
            assertThat(digest.path("type").asText()).isEqualTo("DIGEST");
            assertThat(digest.path("body").asText()).contains("催办：任务7");
            assertThat(awaitMail(2).get(1).getSubject()).contains("每日通知摘要");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification WHERE unit_code = ? AND digest_pending",
                Integer.class, MISHAN.code())).isZero();
    }

    List<MimeMessage> awaitMail(int count) {
        return await().atMost(PATIENCE).until(() -> List.of(SMTP.getReceivedMessages()), l -> l.size() >= count);
    }

    ResponseEntity<JsonNode> get(String bearer, String path) {
        return new Api(http).get(bearer, path);
    }

    ResponseEntity<JsonNode> post(String bearer, String path, Object body) {
        return new Api(http).post(bearer, path, body);
    }

    ResponseEntity<JsonNode> put(String bearer, String path, Object body) {
        return new Api(http).put(bearer, path, body);
    }

    static HttpHeaders headers(String bearer) {
        return Api.headers(bearer);
    }

}
