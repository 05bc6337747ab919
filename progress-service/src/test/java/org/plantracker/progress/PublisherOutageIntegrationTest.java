package org.plantracker.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.messaging.EventHeaders;
import org.plantracker.platform.test.Await;
import org.plantracker.platform.test.KafkaBrokerProcess;
import org.plantracker.platform.test.PublishedEvents;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.progress.api.ProgressTopics;
import org.plantracker.progress.command.AssignTaskShareCommand;
import org.plantracker.progress.command.TaskShare;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, defect 1: the Kafka broker is away when the outbox publisher first needs it, for longer
 * than the producer waits for metadata (max.block.ms), so every send fails at once. The publisher
 * must stop on the first event it could not publish, say so in its health, and publish every
 * stored event once the broker is back; before the fix it logged each failure and moved its token
 * on, and the events never reached a consumer.
 *
 * <p>This test has a broker of its own, a separate process it can take away.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PublisherOutageIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final UnitRef COMMITTEE = new UnitRef("jixi-committee", "市关工委", UnitKind.CITY_COMMITTEE);
    private static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    private static final KafkaBrokerProcess BROKER = startBroker();

    private static KafkaBrokerProcess startBroker() {
        try {
            return KafkaBrokerProcess.start(Files.createTempDirectory("publisher-outage-kafka"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "outage");
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
        // a send without metadata gives up after a second: the outage below lasts far longer
        registry.add("spring.kafka.producer.properties.max.block.ms", () -> "1000");
        registry.add("spring.kafka.producer.properties.request.timeout.ms", () -> "2000");
        registry.add("spring.kafka.producer.properties.delivery.timeout.ms", () -> "3000");
        registry.add("plan-tracker.messaging.send-timeout", () -> "3s");
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        BROKER.close();
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    @Test
    void everyEventStoredWhileTheBrokerWasAwayIsPublishedWhenItReturns() throws Exception {
        String task = "plan-" + UUID.randomUUID().toString().substring(0, 8) + "-07";
        BROKER.kill();

        // the share and its reports are stored while Kafka is away: the event store is the outbox
        commands.sendAndWait(new AssignTaskShareCommand(TaskShare.idOf(task, MISHAN.code()), task,
                task.substring(0, task.length() - 3), 7, 4, "加强青少年法治教育和权益保护", "任务七", MISHAN, COMMITTEE,
                false, true, 2));
        for (String period : List.of("2022-Q1", "2022-Q2", "2022-Q3")) {
            ResponseEntity<String> report = post("/api/tasks/" + task + "/reports", TestTokens.county(MISHAN.code()),
                    Map.of("period", period, "status", "ON_TRACK", "narrative", "开展法治宣传进校园活动"));
            assertThat(report.getStatusCode().value()).as(report.getBody()).isEqualTo(201);
        }
        Set<String> stored = new HashSet<>(jdbc.queryForList(
                "SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ?", String.class,
                TaskShare.idOf(task, MISHAN.code())));
        assertThat(stored).hasSize(4);

        Await.until(() -> publisherHealth().path("status").asText().equals("DEGRADED"), TIMEOUT,
                "the publisher saying it cannot publish");
        JsonNode degraded = publisherHealth();
        assertThat(degraded.path("details").path("eventsNotYetPublished").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(degraded.path("details").path("error").asText()).isNotBlank();
        // the outage outlasts many failed attempts: each send gives up after max.block.ms (1 s)
        Thread.sleep(6_000);

        BROKER.startAgain();
        List<ConsumerRecord<String, byte[]>> published = PublishedEvents.read(BROKER.bootstrapServers(),
                ProgressTopics.PROGRESS_EVENTS, read -> eventIds(read).containsAll(stored), TIMEOUT);
        assertThat(eventIds(published)).as("every stored event reached the topic").containsAll(stored);
        Await.until(() -> publisherHealth().path("status").asText().equals("UP"), TIMEOUT, "the publisher healthy again");
        assertThat(publisherHealth().path("details").path("eventsNotYetPublished").asInt()).isZero();
    }

    private static Set<String> eventIds(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(PublishedEvents.header(r, EventHeaders.EVENT_ID)));
        return ids;
    }

    private JsonNode publisherHealth() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, TestTokens.supervisor(COMMITTEE.code()));
        ResponseEntity<String> health = http.exchange("/actuator/health", HttpMethod.GET, new HttpEntity<>(headers),
                String.class);
        try {
            return json.readTree(health.getBody()).path("components").path("eventPublisher");
        } catch (Exception e) {
            throw new IllegalStateException(health.getBody(), e);
        }
    }

    private ResponseEntity<String> post(String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }
}
