package org.plantracker.notification.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A channel whose deliveries leave the service through the outbox and its dispatcher. */
public interface OutboundChannel extends Channel {

    /** One attempt at a delivery. A failure of the far side is a result, not an exception. */
    AttemptResult send(Delivery delivery);

    /**
     * How long to wait before the next attempt after {@code failedAttempts} failures in a row
     * (1-based); empty: give up, the delivery has failed.
     */
    Optional<Duration> retryAfter(int failedAttempts);

    /** Whether the channel's deliveries may be sent now (e.g. email only when a mail server is configured). */
    default boolean active() {
        return true;
    }

    /** Runs in the transaction that records an attempt (e.g. to disable an endpoint that keeps failing). */
    default void attempted(Delivery delivery, AttemptResult result, Instant at) {
    }
}
