package org.plantracker.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plantracker.notification.support.KafkaEvents;
import org.plantracker.notification.support.StandardWebhooksVerifier;
import org.plantracker.notification.support.WebhookReceiver;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.progress.api.ProgressTopics;
import org.plantracker.task.api.TaskTopics;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.plantracker.notification.support.Fixtures.COMMITTEE;
import static org.plantracker.notification.support.Fixtures.EDUCATION;
import static org.plantracker.notification.support.Fixtures.newPlanId;
import static org.plantracker.notification.support.Fixtures.registered;
import static org.plantracker.notification.support.Fixtures.urge;

/**
 * The outbox across restarts and instances (the webhook deliveries; each instance's fresh consumer
 * group also reads earlier tests' events from the topics' start, which give county-topic deliveries): real service instances (each a Spring Boot application
 * with its web server, Kafka consumer and dispatcher) on one database, stopped and started by the
 * test, deliveries received by a real HTTP server.
 */
class WebhookRestartIntegrationTest {

    static final Duration PATIENCE = KafkaEvents.PATIENCE;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    String databaseUrl;
    String group;
    KafkaEvents kafka;
    WebhookReceiver receiver;
    final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        databaseUrl = TestInfrastructure.newDatabase("notification_restart");
        group = "notification-restart-" + UUID.randomUUID();
        kafka = new KafkaEvents(TestInfrastructure.kafkaBootstrapServers(), JSON);
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void tearDown() {
        running.forEach(ConfigurableApplicationContext::close);
        receiver.close();
        kafka.close();
    }

    ConfigurableApplicationContext startInstance(String retrySchedule) {
        Map<String, String> settings = Map.ofEntries(
                        Map.entry("server.port", "0"),
                        Map.entry("spring.datasource.url", databaseUrl),
                        Map.entry("spring.datasource.username", "postgres"),
                        Map.entry("spring.datasource.password", ""),
                        Map.entry("spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers()),
                        Map.entry("spring.kafka.consumer.group-id", group),
                        Map.entry("plan-tracker.security.jwk-set-uri", TestTokens.jwkSetUri()),
                        Map.entry("plan-tracker.notifications.webhooks.allow-private-targets", "true"),
                        Map.entry("plan-tracker.notifications.webhooks.retry-schedule", retrySchedule),
                        Map.entry("plan-tracker.notifications.deliveries.poll-interval", "100ms"),
                        Map.entry("plan-tracker.notifications.deliveries.batch", "5"));
        // as command-line arguments: they win over application.properties, as on a real start
        String[] arguments = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(NotificationServiceApplication.class)
                .run(arguments);
        running.add(context);
        return context;
    }

    static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    JdbcTemplate jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class);
    }

    /** Subscribes to urges of one plan: a fresh consumer group reads the topics from their start, older tests' events included. */
    static String subscribe(ConfigurableApplicationContext context, String bearer, String url, String planId) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl(context) + "/api/subscriptions"))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("url", url,
                        "eventTypes", List.of("UrgeIssuedEvent"), "filter", Map.of("planId", planId)))))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body();
    }

    @Test
    void aRestartInTheMiddleOfTheRetriesLosesNothingAndSendsNothingTwice() throws Exception {
        String path = "/restart-" + UUID.randomUUID();
        int[] calls = {0};
        receiver.answer(r -> ++calls[0] == 1 ? 500 : 200);
        ConfigurableApplicationContext first = startInstance("0s,3s,3s,3s");
        String planId = newPlanId();
        JsonNode made = JSON.readTree(subscribe(first, TestTokens.unit(EDUCATION.code()), receiver.url(path), planId));
        String secret = made.path("secret").asText();
        kafka.publish(TaskTopics.TASK_EVENTS, "jixi", 1, "corr-units", registered(EDUCATION));
        KafkaEvents.Published urged = kafka.publish(ProgressTopics.PROGRESS_EVENTS, planId + "-07:" + EDUCATION.code(), 1,
                "corr-restart", urge(planId + "-07", planId, EDUCATION, COMMITTEE));

        JdbcTemplate jdbc = jdbc(first);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM delivery WHERE event_id = ? AND attempts = 1 AND status = 'PENDING'",
                Integer.class, urged.eventId()) == 1);
        first.close();
        running.remove(first);
        assertThat(receiver.receivedOn(path)).hasSize(1);

        // while no instance runs, one more event arrives
        KafkaEvents.Published whileDown = kafka.publish(ProgressTopics.PROGRESS_EVENTS, planId + "-08:" + EDUCATION.code(),
                1, "corr-down", urge(planId + "-08", planId, EDUCATION, COMMITTEE));

        ConfigurableApplicationContext second = startInstance("0s,3s,3s,3s");
        JdbcTemplate after = jdbc(second);
        await().atMost(PATIENCE).until(() -> after.queryForObject(
                "SELECT count(*) FROM delivery WHERE channel = 'webhook' AND status = 'SUCCEEDED'", Integer.class) == 2);
        kafka.awaitAllConsumed(group);

        List<WebhookReceiver.Received> received = receiver.receivedOn(path);
        // the first attempt came before the restart; after it, the urge's retry (due 3 s after that attempt) and the
        // first attempt of the event that arrived meanwhile are both due at once, and either may go first
        assertThat(received.get(0).header("webhook-id")).isEqualTo("msg_" + urged.eventId());
        assertThat(received).extracting(r -> r.header("webhook-id"))
                .containsExactlyInAnyOrder("msg_" + urged.eventId(), "msg_" + urged.eventId(), "msg_" + whileDown.eventId());
        assertThat(received).allSatisfy(r -> assertThat(StandardWebhooksVerifier.verifies(secret, r)).isTrue());
        assertThat(after.queryForList("SELECT event_id, attempts FROM delivery WHERE channel = 'webhook' ORDER BY id"))
                .extracting(row -> row.get("event_id") + "/" + row.get("attempts"))
                .containsExactly(urged.eventId() + "/2", whileDown.eventId() + "/1");
    }

    @Test
    void twoInstancesSideBySideNeverSendTheSameDeliveryTwice() throws Exception {
        String path = "/pair-" + UUID.randomUUID();
        receiver.answer(r -> {
            try {
                Thread.sleep(20); // long enough that both dispatchers are busy at once
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        });
        ConfigurableApplicationContext one = startInstance("0s,1s,1s");
        ConfigurableApplicationContext two = startInstance("0s,1s,1s");
        String planId = newPlanId();
        subscribe(one, TestTokens.supervisor(COMMITTEE.code()), receiver.url(path), planId);
        int events = 40;
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < events; i++) {
            String taskId = planId + "-" + (10 + i);
            expected.add("msg_" + kafka.publish(ProgressTopics.PROGRESS_EVENTS, taskId + ":" + EDUCATION.code(), 1,
                    "corr-pair-" + i, urge(taskId, planId, EDUCATION, COMMITTEE)).eventId());
        }
        JdbcTemplate jdbc = jdbc(two);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM delivery WHERE channel = 'webhook' AND status = 'SUCCEEDED'", Integer.class) == events);
        kafka.awaitAllConsumed(group);

        List<String> ids = receiver.receivedOn(path).stream().map(r -> r.header("webhook-id")).toList();
        assertThat(ids).hasSize(events).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(expected);
        assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id WHERE d.channel = 'webhook'",
                Integer.class)).isEqualTo(events);
    }
}
