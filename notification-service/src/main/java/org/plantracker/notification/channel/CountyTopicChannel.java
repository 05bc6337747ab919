package org.plantracker.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.plantracker.notification.config.NotificationProperties;
import org.plantracker.notification.messaging.RoutedEvent;
import org.plantracker.platform.messaging.EventHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Kafka for county IT: every event that concerns a county committee also goes to that county's own
 * topic ({@link CountyTopics}), through the outbox, so a county's system can read its county's
 * events with any Kafka client. Never gives up: a broker that is away only delays the records.
 */
@Component
public class CountyTopicChannel implements OutboundChannel {

    private static final Logger log = LoggerFactory.getLogger(CountyTopicChannel.class);
    /** Kafka's legal topic characters: a unit code outside them gets no topic. */
    private static final Pattern TOPIC_SAFE = Pattern.compile("[a-zA-Z0-9._-]{1,200}");
    private static final RetrySchedule SCHEDULE = RetrySchedule.forever(List.of(Duration.ZERO, Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5)));

    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaAdmin admin;
    private final EventPayloads payloads;
    private final ObjectMapper json;
    private final NotificationProperties.CountyTopics settings;
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    public CountyTopicChannel(KafkaTemplate<String, byte[]> kafka, KafkaAdmin admin, EventPayloads payloads,
                              ObjectMapper json, NotificationProperties properties) {
        this.kafka = kafka;
        this.admin = admin;
        this.payloads = payloads;
        this.json = json;
        this.settings = properties.countyTopics();
    }

    @Override
    public String name() {
        return "county-topic";
    }

    @Override
    public boolean active() {
        return settings.enabled();
    }

    @Override
    public List<NewDelivery> plan(ChannelBatch batch) {
        if (!settings.enabled()) {
            return List.of();
        }
        List<NewDelivery> deliveries = new ArrayList<>();
        for (RoutedEvent e : batch.events()) {
            Set<String> counties = e.facts().counties();
            if (counties.isEmpty()) {
                continue;
            }
            String payload = payloads.envelope(e);
            String key = e.facts().taskId() != null ? e.facts().taskId() : e.event().aggregateId();
            for (String county : counties) {
                if (TOPIC_SAFE.matcher(county).matches()) {
                    deliveries.add(new NewDelivery(CountyTopics.of(county), null, e.eventId(), e.eventId(), e.eventType(),
                            key, payload));
                }
            }
        }
        return deliveries;
    }

    @Override
    public AttemptResult send(Delivery delivery) {
        return sendAll(List.of(delivery)).get(0);
    }

    /** Every event of a busy county is a delivery here: many small records, which Kafka takes best together. */
    @Override
    public boolean sendsInBatches() {
        return true;
    }

    /**
     * Hands every record of the batch to the producer first and only then waits for the acknowledgements
     * (ten seconds for the batch in all), so the producer sends them in a few requests instead of one
     * round trip each. Each delivery's result is its own record's.
     */
    @Override
    public List<AttemptResult> sendAll(List<Delivery> deliveries) {
        List<CompletableFuture<?>> sent = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            try {
                ensureTopic(delivery.destination());
                sent.add(kafka.send(record(delivery)));
            } catch (RuntimeException | IOException e) {
                log.debug("county topic {} did not take event {}", delivery.destination(), delivery.eventId(), e);
                sent.add(CompletableFuture.failedFuture(e));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<AttemptResult> results = new ArrayList<>(deliveries.size());
        for (int i = 0; i < deliveries.size(); i++) {
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                results.add(AttemptResult.succeeded(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.add(AttemptResult.failed(null, "interrupted while waiting for Kafka"));
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.debug("county topic {} did not take event {}", deliveries.get(i).destination(),
                        deliveries.get(i).eventId(), e);
                results.add(AttemptResult.failed(null, "Kafka did not acknowledge the record"));
            }
        }
        return results;
    }

    private ProducerRecord<String, byte[]> record(Delivery delivery) throws IOException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(delivery.destination(), delivery.key(),
                delivery.payload().getBytes(StandardCharsets.UTF_8));
        JsonNode envelope = json.readTree(delivery.payload());
        header(record, EventHeaders.EVENT_ID, delivery.eventId());
        header(record, EventHeaders.EVENT_TYPE, delivery.eventType());
        header(record, EventHeaders.OCCURRED_AT, envelope.path("timestamp").asText(null));
        header(record, EventHeaders.CORRELATION_ID, envelope.path("correlationId").asText(null));
        return record;
    }

    private void ensureTopic(String topic) {
        if (created.contains(topic)) {
            return;
        }
        admin.createOrModifyTopics(new NewTopic(topic, settings.partitions(), settings.replicas()));
        created.add(topic);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public Optional<Duration> retryAfter(int failedAttempts) {
        return SCHEDULE.after(failedAttempts);
    }
}
