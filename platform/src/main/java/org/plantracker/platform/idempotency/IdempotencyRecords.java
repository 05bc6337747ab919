package org.plantracker.platform.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Optional;

/** The idempotency_record table: one row per caller and Idempotency-Key, with the first answer once it is known. */
public class IdempotencyRecords {

    /** A stored answer: status, the headers worth replaying (as "Name: value" lines) and the body. */
    public record StoredResponse(int status, String headers, byte[] body) {
    }

    /** What a request with a key may do. */
    public sealed interface Claim permits Claim.Proceed, Claim.Replay, Claim.InProgress, Claim.OtherRequest {
        /** The first request with this key (or the takeover of one that died half-way): run it. */
        record Proceed() implements Claim {
        }

        /** The same request was answered before: answer the same. */
        record Replay(StoredResponse response) implements Claim {
        }

        /** The same request is being answered right now. */
        record InProgress() implements Claim {
        }

        /** The key was used for another request. */
        record OtherRequest() implements Claim {
        }
    }

    private static final Duration EXPIRY_EVERY = Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final Duration staleAfter;
    private final Duration retention;
    private final AtomicLong nextExpiry = new AtomicLong(System.nanoTime());

    /**
     * @param staleAfter an unanswered claim older than this died with its request and may be taken over
     * @param retention  answers older than this are forgotten
     */
    public IdempotencyRecords(JdbcTemplate jdbc, Duration staleAfter, Duration retention) {
        this.jdbc = jdbc;
        this.staleAfter = staleAfter;
        this.retention = retention;
    }

    public Claim claim(String principal, String key, String fingerprint) {
        forgetExpiredNowAndThen();
        int inserted = jdbc.update("""
                INSERT INTO idempotency_record (principal, idempotency_key, fingerprint) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", principal, key, fingerprint);
        if (inserted == 1) {
            return new Claim.Proceed();
        }
        Optional<Row> row = jdbc.query("""
                SELECT fingerprint, response_status, response_headers, response_body, completed_at IS NOT NULL AS done
                FROM idempotency_record WHERE principal = ? AND idempotency_key = ?""",
                (rs, n) -> new Row(rs.getString("fingerprint"), rs.getBoolean("done"),
                        new StoredResponse(rs.getInt("response_status"), rs.getString("response_headers"),
                                rs.getBytes("response_body"))), principal, key).stream().findFirst();
        if (row.isEmpty()) {
            // released between our insert and our read (its request failed): try once more
            return claim(principal, key, fingerprint);
        }
        if (!row.get().fingerprint().equals(fingerprint)) {
            return new Claim.OtherRequest();
        }
        if (row.get().done()) {
            return new Claim.Replay(row.get().response());
        }
        int takenOver = jdbc.update("""
                UPDATE idempotency_record SET started_at = now()
                WHERE principal = ? AND idempotency_key = ? AND completed_at IS NULL
                  AND started_at < now() - make_interval(secs => ?)""", principal, key, staleAfter.toSeconds());
        return takenOver == 1 ? new Claim.Proceed() : new Claim.InProgress();
    }

    private record Row(String fingerprint, boolean done, StoredResponse response) {
    }

    public void complete(String principal, String key, StoredResponse response) {
        jdbc.update("""
                UPDATE idempotency_record SET response_status = ?, response_headers = ?, response_body = ?, completed_at = now()
                WHERE principal = ? AND idempotency_key = ?""",
                response.status(), response.headers(), response.body(), principal, key);
    }

    /** Forgets a claim whose request failed on the server's side, so that the client may try again. */
    public void release(String principal, String key) {
        jdbc.update("DELETE FROM idempotency_record WHERE principal = ? AND idempotency_key = ? AND completed_at IS NULL",
                principal, key);
    }

    /** At most every ten minutes, on the way of a claim: no thread of its own for a cheap DELETE. */
    private void forgetExpiredNowAndThen() {
        long now = System.nanoTime();
        long due = nextExpiry.get();
        if (now - due >= 0 && nextExpiry.compareAndSet(due, now + EXPIRY_EVERY.toNanos())) {
            jdbc.update("DELETE FROM idempotency_record WHERE started_at < now() - make_interval(secs => ?)",
                    retention.toSeconds());
        }
    }
}
