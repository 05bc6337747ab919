package org.plantracker.platform.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.plantracker.platform.axon.EventMetadata;
import org.plantracker.platform.messaging.EventHeaders;
import org.plantracker.platform.messaging.KafkaEventPublisher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Kafka records exactly as a service's outbox publisher sends them (key, value and every header),
 * for tests that play the producing service; and a reader of what a topic holds.
 */
public final class PublishedEvents {

    private PublishedEvents() {
    }

    /**
     * The record {@link KafkaEventPublisher} would send for {@code event}, the {@code sequence}-th
     * event of aggregate {@code aggregateId}, done by {@code actorUnit} under a fresh correlation id.
     */
    public static ProducerRecord<String, byte[]> record(String topic, String aggregateId, long sequence, Object event,
                                                        String actorUnit, ObjectMapper json) {
        MetaData metaData = MetaData.from(Map.of(
                EventMetadata.CORRELATION_ID, "test-" + UUID.randomUUID(),
                EventMetadata.ACTOR_USER, actorUnit,
                EventMetadata.ACTOR_UNIT, actorUnit,
                EventMetadata.CLIENT, "test"));
        try {
            return KafkaEventPublisher.toRecord(topic, event, new GenericDomainEventMessage<>(
                    event.getClass().getSimpleName(), aggregateId, sequence, event, metaData), json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + event, e);
        }
    }

    public static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String eventId(ProducerRecord<String, byte[]> record) {
        return header(record, EventHeaders.EVENT_ID);
    }

    /**
     * Reads {@code topic} from its beginning until {@code enough} holds for what was read (or the time
     * runs out), and returns every record read.
     */
    public static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String topic,
                                                            Predicate<List<ConsumerRecord<String, byte[]>>> enough,
                                                            Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !enough.test(read)) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        return read;
    }
}
