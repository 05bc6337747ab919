package org.plantracker.platform.axon;

import org.axonframework.common.IdentifierFactory;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Axon's identifiers (an event's id above all) as time-ordered UUIDs, version 7 of RFC 9562: the
 * first 48 bits are the Unix time in milliseconds, the remaining 74 free bits random. Axon's default,
 * a random (version 4) UUID, lands every new event at a random place in the event table's unique
 * index on its id, and in each consumer's processed-event key: once such an index outgrows memory,
 * every insert touches a page of its own, and after each checkpoint writes that whole page to the
 * WAL again. Ids that grow with time are inserted at the index's right edge, like the global index.
 * The random part needs to be unique, not secret, so it comes from {@link ThreadLocalRandom} rather
 * than the SecureRandom behind {@link UUID#randomUUID()}.
 *
 * <p>Registered for Axon through {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return next(System.currentTimeMillis()).toString();
    }

    /** A version 7 UUID for the given Unix time in milliseconds. */
    static UUID next(long unixMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (unixMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
