package org.plantracker.notification.channel;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery table, the outbox every outbound channel shares: deliveries are stored with the
 * events that caused them, claimed by one sender at a time, and logged attempt by attempt.
 */
@Repository
public class Outbox {

    public enum Status { PENDING, SUCCEEDED, FAILED }

    /** A delivery as its log shows it. */
    public record LoggedDelivery(long id, String channel, String destination, String subscriptionId,
                                 String messageId, String eventId, String eventType, Status status, int attempts,
                                 OffsetDateTime createdAt, OffsetDateTime nextAttemptAt, OffsetDateTime lastAttemptAt,
                                 Integer lastStatusCode, String lastError, OffsetDateTime deliveredAt) {
    }

    /** One attempt of a delivery. */
    public record LoggedAttempt(int attempt, OffsetDateTime at, Integer statusCode, String error, long durationMillis) {
    }

    private static final RowMapper<Delivery> CLAIMED = (rs, n) -> new Delivery(rs.getLong("id"), rs.getString("channel"),
            rs.getString("destination"), rs.getString("subscription_id"), rs.getString("message_id"),
            rs.getString("event_id"), rs.getString("event_type"), rs.getString("message_key"), rs.getString("payload"),
            rs.getInt("attempts"), rs.getInt("retry_step"), rs.getString("claim_token"));

    private static final RowMapper<LoggedDelivery> LOGGED = (rs, n) -> new LoggedDelivery(rs.getLong("id"),
            rs.getString("channel"), rs.getString("destination"), rs.getString("subscription_id"),
            rs.getString("message_id"), rs.getString("event_id"), rs.getString("event_type"),
            Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
            rs.getObject("created_at", OffsetDateTime.class),
            "PENDING".equals(rs.getString("status")) ? rs.getObject("next_attempt_at", OffsetDateTime.class) : null,
            rs.getObject("last_attempt_at", OffsetDateTime.class), (Integer) rs.getObject("last_status_code"),
            rs.getString("last_error"), rs.getObject("delivered_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;

    public Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores deliveries, due at {@code dueAt}. A delivery of the same event to the same destination
     * on the same channel exists at most once: a re-delivered event adds nothing.
     *
     * @return how many were new
     */
    public int enqueue(String channel, List<NewDelivery> deliveries, Instant now, Instant dueAt) {
        if (deliveries.isEmpty()) {
            return 0;
        }
        List<Object[]> rows = new ArrayList<>(deliveries.size());
        for (NewDelivery d : deliveries) {
            rows.add(new Object[]{channel, d.destination(), d.subscriptionId(), d.messageId(), d.eventId(), d.eventType(),
                    d.key(), d.payload(), Timestamp.from(dueAt), Timestamp.from(now)});
        }
        int added = 0;
        for (int count : jdbc.batchUpdate("""
                INSERT INTO delivery (channel, destination, subscription_id, message_id, event_id, event_type,
                                      message_key, payload, status, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)
                ON CONFLICT ON CONSTRAINT delivery_once DO NOTHING""", rows)) {
            added += Math.max(count, 0);
        }
        return added;
    }

    /**
     * Claims due deliveries of one channel, oldest first, for one sender: each gets a fresh claim token and is
     * not due again before the lease ends. SKIP LOCKED lets instances claim side by side without
     * waiting for each other or taking the same row. A webhook delivery waits while its subscription
     * is disabled or deleted.
     */
    public List<Delivery> claim(String channel, int limit, Instant now, Duration lease) {
        String token = UUID.randomUUID().toString();
        return jdbc.query("""
                UPDATE delivery d SET claim_token = ?, next_attempt_at = ?
                WHERE d.id IN (
                    SELECT c.id FROM delivery c
                    WHERE c.status = 'PENDING' AND c.channel = ? AND c.next_attempt_at <= ?
                      AND (c.subscription_id IS NULL OR EXISTS (
                            SELECT 1 FROM subscription s WHERE s.id = c.subscription_id AND s.status = 'ACTIVE'))
                    ORDER BY c.next_attempt_at, c.id
                    LIMIT ?
                    FOR UPDATE OF c SKIP LOCKED)
                RETURNING d.*""", CLAIMED, token, Timestamp.from(now.plus(lease)), channel, Timestamp.from(now), limit);
    }

    /**
     * Records an attempt, unless the claim was lost (the lease ran out and another sender took the
     * delivery over): then nothing is written and false is returned.
     *
     * @param nextAttemptAt when to try again; null with a failure: the delivery has failed
     */
    public boolean record(Delivery delivery, AttemptResult result, Instant at, long durationMillis,
                          Instant nextAttemptAt) {
        String status = result.success() ? "SUCCEEDED" : nextAttemptAt == null ? "FAILED" : "PENDING";
        int updated = jdbc.update("""
                UPDATE delivery SET status = ?, attempts = attempts + 1,
                    retry_step = CASE WHEN ? THEN 0 ELSE retry_step + 1 END,
                    next_attempt_at = coalesce(?, next_attempt_at), claim_token = NULL, last_attempt_at = ?,
                    last_status_code = ?, last_error = ?, delivered_at = CASE WHEN ? THEN ? ELSE delivered_at END
                WHERE id = ? AND claim_token = ?""",
                status, result.success(), nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt), Timestamp.from(at),
                result.statusCode(), truncate(result.error(), 1000), result.success(), Timestamp.from(at),
                delivery.id(), delivery.claimToken());
        if (updated == 0) {
            return false;
        }
        jdbc.update("""
                INSERT INTO delivery_attempt (delivery_id, attempt, attempted_at, status_code, error, duration_ms)
                SELECT id, attempts, ?, ?, ?, ? FROM delivery WHERE id = ?""",
                Timestamp.from(at), result.statusCode(), truncate(result.error(), 1000), durationMillis, delivery.id());
        return true;
    }

    /** The deliveries of one subscription, newest first. */
    public List<LoggedDelivery> ofSubscription(String subscriptionId, Long before, int limit) {
        if (before == null) {
            return jdbc.query("SELECT * FROM delivery WHERE subscription_id = ? ORDER BY id DESC LIMIT ?", LOGGED,
                    subscriptionId, limit);
        }
        return jdbc.query("SELECT * FROM delivery WHERE subscription_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                LOGGED, subscriptionId, before, limit);
    }

    public Optional<LoggedDelivery> find(long id) {
        return jdbc.query("SELECT * FROM delivery WHERE id = ?", LOGGED, id).stream().findFirst();
    }

    public List<LoggedAttempt> attempts(long deliveryId) {
        return jdbc.query("""
                SELECT attempt, attempted_at, status_code, error, duration_ms FROM delivery_attempt
                WHERE delivery_id = ? ORDER BY attempt""", (rs, n) -> new LoggedAttempt(rs.getInt(1),
                rs.getObject(2, OffsetDateTime.class), (Integer) rs.getObject(3), rs.getString(4), rs.getLong(5)), deliveryId);
    }

    /**
     * Sends a delivery again (a manual redelivery): pending and due now, with a fresh retry schedule
     * and the same message id. A delivery being sent right now is left to finish.
     *
     * @return false when the delivery is claimed by a sender at this moment
     */
    public boolean redeliver(long id, Instant now) {
        return jdbc.update("""
                UPDATE delivery SET status = 'PENDING', retry_step = 0, next_attempt_at = ?, claim_token = NULL
                WHERE id = ? AND (claim_token IS NULL OR next_attempt_at <= ?)""",
                Timestamp.from(now), id, Timestamp.from(now)) == 1;
    }

    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max);
    }
}
