package org.plantracker.notification.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that runs like the system's but can be moved to another moment, from which it runs on. */
public final class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void moveTo(Instant moment) {
        offset = Duration.between(Instant.now(), moment);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a UTC clock");
    }
}
