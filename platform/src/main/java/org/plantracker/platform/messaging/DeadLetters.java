package org.plantracker.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.http.HttpStatus;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The records this service's consumers parked, kept in its own database ({@code dead_letter}) beside
 * the {@code <topic>.DLT} copy, so an operator can list them, read them and send them back.
 *
 * <p>A record is parked by the consumers' error handler once {@link ConsumerFailures} has judged it
 * unprocessable (see MessagingAutoConfiguration). Sending it back publishes it again to its own
 * topic with its key and original headers, the event id included: consumers that had processed it
 * skip it as a duplicate, the one that failed tries it again (and parks it again if it still fails).
 * Any parked record makes the service's health {@link PlatformHealth#DEGRADED}; the metric
 * {@code plantracker.dead_letters.parked} counts them.
 */
public class DeadLetters implements ConsumerAwareRecordRecoverer, HealthIndicator, MeterBinder {

    public enum Status { PARKED, REDELIVERED }

    /** One parked record as an operator lists it. */
    public record DeadLetter(long id, String consumerGroup, String topic, int partition, long offset, String key,
                             String eventId, String eventType, String failure, OffsetDateTime parkedAt, Status status,
                             OffsetDateTime redeliveredAt, String redeliveredBy) {
    }

    /** A parked record with what it carried: its value as text and its headers. */
    public record DeadLetterContent(DeadLetter deadLetter, String value, List<HeaderText> headers) {
    }

    public record HeaderText(String name, String value) {
    }

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final TypeReference<List<List<String>>> HEADERS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, consumer_group, topic, partition_no, record_offset, record_key, "
            + "event_id, event_type, failure, parked_at, status, redelivered_at, redelivered_by";
    private static final RowMapper<DeadLetter> ROW = (rs, n) -> new DeadLetter(rs.getLong("id"),
            rs.getString("consumer_group"), rs.getString("topic"), rs.getInt("partition_no"),
            rs.getLong("record_offset"), rs.getString("record_key"), rs.getString("event_id"),
            rs.getString("event_type"), rs.getString("failure"), rs.getObject("parked_at", OffsetDateTime.class),
            Status.valueOf(rs.getString("status")), rs.getObject("redelivered_at", OffsetDateTime.class),
            rs.getString("redelivered_by"));
    /** Longest failure description kept: the first lines say what went wrong. */
    private static final int MAX_FAILURE = 2000;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final KafkaTemplate<String, byte[]> kafka;
    private final ConsumerAwareRecordRecoverer deadLetterTopic;
    private final long sendTimeoutMillis;

    /**
     * @param deadLetterTopic publishes the record to its topic's dead-letter topic (spring-kafka's
     *                        DeadLetterPublishingRecoverer), before it is recorded here
     */
    public DeadLetters(JdbcTemplate jdbc, ObjectMapper json, KafkaTemplate<String, byte[]> kafka,
                       ConsumerAwareRecordRecoverer deadLetterTopic, long sendTimeoutMillis) {
        this.jdbc = jdbc;
        this.json = json;
        this.kafka = kafka;
        this.deadLetterTopic = deadLetterTopic;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    /**
     * Parks a record: on its dead-letter topic, then here. When either fails, the exception reaches
     * the error handler, which tries the record again; both writes tolerate the repetition.
     */
    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception failure) {
        deadLetterTopic.accept(record, consumer, failure);
        String group = consumer == null ? "unknown" : consumer.groupMetadata().groupId();
        List<List<String>> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(List.of(header.key(), Base64.getEncoder().encodeToString(header.value() == null ? new byte[0] : header.value())));
        }
        jdbc.update("""
                INSERT INTO dead_letter (consumer_group, topic, partition_no, record_offset, record_key, record_value,
                                         headers, event_id, event_type, failure)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT ON CONSTRAINT dead_letter_once DO NOTHING""",
                group, record.topic(), record.partition(), record.offset(),
                record.key() == null ? null : record.key().toString(),
                record.value() instanceof byte[] bytes ? bytes : record.value() == null ? null
                        : record.value().toString().getBytes(StandardCharsets.UTF_8),
                write(headers), header(record, EventHeaders.EVENT_ID), header(record, EventHeaders.EVENT_TYPE),
                describe(failure));
        log.error("parked {}-{}@{} (event {} {}) for consumer group {} as a dead letter: {}", record.topic(),
                record.partition(), record.offset(), header(record, EventHeaders.EVENT_TYPE),
                header(record, EventHeaders.EVENT_ID), group, describe(failure));
    }

    public List<DeadLetter> list(Status status, int limit) {
        if (status == null) {
            return jdbc.query("SELECT " + COLUMNS + " FROM dead_letter ORDER BY id DESC LIMIT ?", ROW, limit);
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM dead_letter WHERE status = ? ORDER BY id DESC LIMIT ?", ROW,
                status.name(), limit);
    }

    public Optional<DeadLetterContent> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + ", record_value, headers FROM dead_letter WHERE id = ?", (rs, n) ->
                new DeadLetterContent(ROW.mapRow(rs, n),
                        rs.getBytes("record_value") == null ? null
                                : new String(rs.getBytes("record_value"), StandardCharsets.UTF_8),
                        read(rs.getString("headers")).stream()
                                .map(h -> new HeaderText(h.get(0), new String(Base64.getDecoder().decode(h.get(1)),
                                        StandardCharsets.UTF_8)))
                                .toList()), id).stream().findFirst();
    }

    /**
     * Sends a parked record back to its topic and marks it redelivered. Only the city committee's
     * staff (SUPERVISOR) operate the system's queues. The row is claimed first, so two operators
     * sending the same record back at once send it once; if Kafka does not take it, it stays parked.
     */
    public DeadLetter redeliver(long id, Actor actor) {
        requireOperator(actor);
        Stored stored = jdbc.query("SELECT " + COLUMNS + ", record_value, headers FROM dead_letter WHERE id = ?",
                        (rs, n) -> new Stored(ROW.mapRow(rs, n), rs.getBytes("record_value"), rs.getString("headers")), id)
                .stream().findFirst()
                .orElseThrow(() -> DomainException.notFound("No dead letter has the id " + id + "."));
        int claimed = jdbc.update("""
                UPDATE dead_letter SET status = 'REDELIVERED', redelivered_at = now(), redelivered_by = ?
                WHERE id = ? AND status = 'PARKED'""", actor.username(), id);
        if (claimed == 0) {
            throw DomainException.conflict("Dead letter " + id + " was already sent back.");
        }
        ProducerRecord<String, byte[]> again = new ProducerRecord<>(stored.deadLetter().topic(), null,
                stored.deadLetter().key(), stored.value());
        for (List<String> header : read(stored.headers())) {
            again.headers().add(header.get(0), Base64.getDecoder().decode(header.get(1)));
        }
        try {
            kafka.send(again).get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            jdbc.update("UPDATE dead_letter SET status = 'PARKED', redelivered_at = NULL, redelivered_by = NULL WHERE id = ?", id);
            throw new DomainException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Kafka did not take the record back; it stays parked. Try again later.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        log.info("dead letter {} ({}-{}@{}, event {}) sent back by {}", id, stored.deadLetter().topic(),
                stored.deadLetter().partition(), stored.deadLetter().offset(), stored.deadLetter().eventId(),
                actor.username());
        return jdbc.queryForObject("SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?", ROW, id);
    }

    private record Stored(DeadLetter deadLetter, byte[] value, String headers) {
    }

    public long parked() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM dead_letter WHERE status = 'PARKED'", Long.class);
        return count == null ? 0 : count;
    }

    public static void requireOperator(Actor actor) {
        if (actor == null || !actor.hasRole(Roles.SUPERVISOR)) {
            throw DomainException.forbidden("Only the city committee's staff operate the dead-letter queues.");
        }
    }

    @Override
    public Health health() {
        long parked = parked();
        return (parked == 0 ? Health.up() : Health.status(PlatformHealth.DEGRADED)).withDetail("parked", parked).build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("plantracker.dead_letters.parked", this, DeadLetters::parked)
                .description("records this service's consumers parked as dead letters and nobody has sent back yet")
                .register(registry);
    }

    private String write(List<List<String>> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<List<String>> read(String headers) {
        try {
            return json.readValue(headers, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dead_letter.headers is not the JSON this class writes", e);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The failure as an operator reads it: each cause's type and message, outermost first. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < MAX_FAILURE; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.length() > MAX_FAILURE ? text.substring(0, MAX_FAILURE) : text.toString();
    }
}
