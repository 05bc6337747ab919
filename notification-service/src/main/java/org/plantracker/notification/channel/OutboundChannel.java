package org.plantracker.notification.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A channel whose deliveries leave the service through the outbox and its dispatcher. */
public interface OutboundChannel extends Channel {

    /** One attempt at a delivery. A failure of the far side is a result, not an exception. */
    AttemptResult send(Delivery delivery);

    /**
     * Whether the dispatcher hands this channel what it claimed as one batch ({@link #sendAll}, one
     * sender, the results recorded in one transaction) instead of one delivery per sender: for a far side
     * that takes many messages at once cheaper than one by one (a Kafka producer), and for a channel with
     * many small deliveries, whose recording would otherwise cost a commit each.
     */
    default boolean sendsInBatches() {
        return false;
    }

    /** One attempt at each delivery, the results in the same order; by default one after the other. */
    default List<AttemptResult> sendAll(List<Delivery> deliveries) {
        return deliveries.stream().map(this::send).toList();
    }

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
