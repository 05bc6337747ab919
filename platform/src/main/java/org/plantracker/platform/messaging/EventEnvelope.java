package org.plantracker.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.plantracker.platform.correlation.Actor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

/** One event as it arrives from Kafka: the headers of {@link EventHeaders} and the JSON payload. */
public record EventEnvelope(String topic, String eventId, String type, String aggregateId, Long sequence,
                            Instant occurredAt, String correlationId, String actorUser, String actorUnit,
                            String client, byte[] payload) {

    public static EventEnvelope from(ConsumerRecord<String, byte[]> record) {
        Headers h = record.headers();
        String eventId = header(h, EventHeaders.EVENT_ID);
        String type = header(h, EventHeaders.EVENT_TYPE);
        if (eventId == null || type == null) {
            throw new IllegalArgumentException("record at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " lacks the event-id or event-type header");
        }
        String sequence = header(h, EventHeaders.AGGREGATE_SEQUENCE);
        String occurredAt = header(h, EventHeaders.OCCURRED_AT);
        return new EventEnvelope(record.topic(), eventId, type, header(h, EventHeaders.AGGREGATE_ID),
                sequence == null ? null : Long.valueOf(sequence),
                occurredAt == null ? null : Instant.parse(occurredAt),
                header(h, EventHeaders.CORRELATION_ID), header(h, EventHeaders.ACTOR_USER),
                header(h, EventHeaders.ACTOR_UNIT), header(h, EventHeaders.CLIENT), record.value());
    }

    public boolean is(Class<?> eventClass) {
        return eventClass.getSimpleName().equals(type);
    }

    public <T> T payloadAs(Class<T> eventClass, ObjectMapper json) {
        try {
            return json.readValue(payload, eventClass);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type + " " + eventId + " as " + eventClass.getName(), e);
        }
    }

    /** The person whose change this event records; consumers act on their behalf. */
    public Actor actor() {
        return new Actor(actorUser == null ? "system:unknown" : actorUser, actorUnit, Set.of());
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
