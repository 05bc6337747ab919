package org.plantracker.notification.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.plantracker.platform.messaging.EventHeaders;
import org.plantracker.progress.api.ProgressTopics;
import org.plantracker.task.api.TaskTopics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Publishes events to the real broker exactly as the platform's KafkaEventPublisher does (key: the
 * aggregate id; value: the event record's JSON; the headers of EventHeaders), and reads topics back.
 */
public final class KafkaEvents implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(40);

    public record Published(String topic, String key, String eventId, String eventType, long sequence,
                            String correlationId, byte[] value) {
    }

    private final String bootstrapServers;
    private final ObjectMapper json;
    private final KafkaProducer<String, byte[]> producer;
    private Admin admin;

    public KafkaEvents(String bootstrapServers, ObjectMapper json) {
        this.bootstrapServers = bootstrapServers;
        this.json = json;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    public Published publish(String topic, String key, long sequence, String correlationId, Object event) throws Exception {
        return send(new Published(topic, key, UUID.randomUUID().toString(), event.getClass().getSimpleName(), sequence,
                correlationId, json.writeValueAsBytes(event)));
    }

    /** The units registry and a plan import, as task-service publishes them at start and on import; waits until handled. */
    public void registerUnitsAndPlan(String group, String planId, String planTitle,
                                     List<org.plantracker.task.api.UnitRef> units) throws Exception {
        for (var unit : units) {
            publish(TaskTopics.TASK_EVENTS, "jixi", 1, "corr-units", Fixtures.registered(unit));
        }
        publish(TaskTopics.TASK_EVENTS, planId, 0, "corr-import", Fixtures.plan(planId, planTitle));
        awaitAllConsumed(group);
    }

    public Published send(Published p) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(p.topic(), p.key(), p.value());
        header(record, EventHeaders.EVENT_ID, p.eventId());
        header(record, EventHeaders.EVENT_TYPE, p.eventType());
        header(record, EventHeaders.AGGREGATE_ID, p.key());
        header(record, EventHeaders.AGGREGATE_SEQUENCE, Long.toString(p.sequence()));
        header(record, EventHeaders.OCCURRED_AT, Instant.now().toString());
        header(record, EventHeaders.CORRELATION_ID, p.correlationId());
        header(record, EventHeaders.ACTOR_USER, "jixi-committee");
        header(record, EventHeaders.ACTOR_UNIT, "jixi-committee");
        header(record, EventHeaders.CLIENT, "http");
        producer.send(record).get(10, TimeUnit.SECONDS);
        return p;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until the consumer group has committed every record published to the two event topics so far. */
    public void awaitAllConsumed(String group) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> allConsumed(group));
    }

    public boolean allConsumed(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : List.of(TaskTopics.TASK_EVENTS, ProgressTopics.PROGRESS_EVENTS)) {
            admin().describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        }
        var ends = admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        return ends.entrySet().stream().allMatch(end -> {
            OffsetAndMetadata done = committed.get(end.getKey());
            return end.getValue().offset() == (done == null ? 0 : done.offset());
        });
    }

    /** Moves the group back to the start of both event topics (its consumers must be stopped). */
    public void rewind(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        for (String topic : List.of(TaskTopics.TASK_EVENTS, ProgressTopics.PROGRESS_EVENTS)) {
            admin().describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> start.put(new TopicPartition(topic, p.partition()), new OffsetAndMetadata(0)));
        }
        admin().alterConsumerGroupOffsets(group, start).all().get(10, TimeUnit.SECONDS);
    }

    /** Every record on a topic from its start (read by a fresh consumer group). */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration quiet) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long idleUntil = System.nanoTime() + quiet.toNanos() * 4;
            while (System.nanoTime() < idleUntil) {
                var polled = consumer.poll(Duration.ofMillis(300));
                polled.forEach(records::add);
                if (!polled.isEmpty()) {
                    idleUntil = System.nanoTime() + quiet.toNanos();
                }
            }
        }
        return records;
    }

    public Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        }
        return admin;
    }

    @Override
    public void close() {
        producer.close();
        if (admin != null) {
            admin.close();
        }
    }
}
