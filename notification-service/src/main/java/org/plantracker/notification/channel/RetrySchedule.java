package org.plantracker.notification.channel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A list of waits: the first before the first attempt, each next one after a failure. After the
 * last entry's attempt fails, the delivery has failed, unless the schedule repeats its last wait
 * forever (a channel that must lose nothing, such as the county topics).
 */
public record RetrySchedule(List<Duration> waits, boolean repeatLast) {

    public RetrySchedule {
        if (waits == null || waits.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one entry");
        }
        waits = List.copyOf(waits);
    }

    public static RetrySchedule of(List<Duration> waits) {
        return new RetrySchedule(waits, false);
    }

    public static RetrySchedule forever(List<Duration> waits) {
        return new RetrySchedule(waits, true);
    }

    /** The wait before the next attempt after {@code failedAttempts} failures in a row; empty: give up. */
    public Optional<Duration> after(int failedAttempts) {
        if (failedAttempts < waits.size()) {
            return Optional.of(waits.get(failedAttempts));
        }
        return repeatLast ? Optional.of(waits.get(waits.size() - 1)) : Optional.empty();
    }
}
