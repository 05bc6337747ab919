package org.plantracker.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.plantracker.platform.axon.EventMetadata;
import org.plantracker.platform.axon.UntilCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every event of this service's event store to the service's Kafka topic.
 *
 * <p>It runs in its own tracking processor ({@value #PROCESSING_GROUP}), so the event store is the
 * outbox: the processor's token advances only after Kafka acknowledged the record, and a crash in
 * between re-publishes, which consumers absorb by deduplicating on the event id. When Kafka does
 * not take an event, the processor stops on it and retries with backoff; {@link EventPublisherHealth}
 * reports it (health DEGRADED, the number of events stored but not yet published). Within one batch of
 * the processor the records are sent together and acknowledged together: a failure anywhere rolls
 * the whole batch back. The processor is never reset and refuses replays: rebuilding a read model
 * must not re-send anything.
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
@DisallowReplay
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final String PENDING_SENDS = KafkaEventPublisher.class.getName() + ".pendingSends";

    private final KafkaTemplate<String, byte[]> kafka;
    private final ObjectMapper json;
    private final String topic;
    private final long sendTimeoutMillis;

    public KafkaEventPublisher(KafkaTemplate<String, byte[]> kafka, ObjectMapper json, String topic, long sendTimeoutMillis) {
        this.kafka = kafka;
        this.json = json;
        this.topic = topic;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    /**
     * Hands the event to the producer. A send that fails at once (no metadata for the topic within
     * max.block.ms because the broker is unreachable, a record over the size limit, an unknown host)
     * throws here: the processor's handler errors propagate (see MessagingAutoConfiguration), so the
     * batch rolls back and the processor retries it from the same token with backoff until the event
     * is out. It never moves on past an event that was not published.
     */
    @EventHandler
    public void publish(Object payload, EventMessage<?> event) throws Exception {
        ProducerRecord<String, byte[]> record = toRecord(topic, payload, event, json);
        CompletableFuture<SendResult<String, byte[]>> sent;
        try {
            sent = kafka.send(record);
        } catch (RuntimeException e) {
            log.warn("Kafka refused {} {} for {}: {}; the batch will be retried",
                    header(record, EventHeaders.EVENT_TYPE), event.getIdentifier(), topic, e.toString());
            throw new EventPublicationException("Kafka refused event " + event.getIdentifier(), e);
        }
        // The processor hands over a batch of events in one unit of work: send them all, then wait
        // for the acknowledgements once, before the token moves (the producer batches them on the wire).
        UntilCommit.queue(PENDING_SENDS, new PendingSend(record, event.getIdentifier(), sent), this::awaitAll);
    }

    private void awaitAll(List<PendingSend> sends) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sendTimeoutMillis);
        for (PendingSend send : sends) {
            try {
                send.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // the whole batch fails and the processor retries it from the same token: nothing is skipped
                log.warn("publishing {} {} to {} failed; the batch of {} will be retried",
                        header(send.record(), EventHeaders.EVENT_TYPE), send.eventId(), topic, sends.size());
                throw new EventPublicationException("Kafka did not acknowledge event " + send.eventId(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventPublicationException("interrupted while waiting for Kafka", e);
            }
        }
    }

    private record PendingSend(ProducerRecord<String, byte[]> record, String eventId,
                               CompletableFuture<SendResult<String, byte[]>> result) {
    }

    /** Kafka did not take an event in time; the processor's batch is rolled back and retried. */
    public static final class EventPublicationException extends RuntimeException {
        EventPublicationException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The record this publisher sends for an event: also what tests publish to play another service. */
    public static ProducerRecord<String, byte[]> toRecord(String topic, Object payload, EventMessage<?> event, ObjectMapper json)
            throws JsonProcessingException {
        String key = event instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : event.getIdentifier();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, json.writeValueAsBytes(payload));
        Headers headers = record.headers();
        put(headers, EventHeaders.EVENT_ID, event.getIdentifier());
        put(headers, EventHeaders.EVENT_TYPE, payload.getClass().getSimpleName());
        put(headers, EventHeaders.OCCURRED_AT, event.getTimestamp().toString());
        if (event instanceof DomainEventMessage<?> d) {
            put(headers, EventHeaders.AGGREGATE_ID, d.getAggregateIdentifier());
            put(headers, EventHeaders.AGGREGATE_SEQUENCE, Long.toString(d.getSequenceNumber()));
        }
        for (String key2 : EventMetadata.KEYS) {
            Object value = event.getMetaData().get(key2);
            if (value != null) {
                put(headers, key2, value.toString());
            }
        }
        return record;
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
