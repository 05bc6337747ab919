package org.plantracker.platform.axon;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void axonFindsItThroughTheServiceLoader() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
    }

    @Test
    void identifiersAreVersion7UuidsCarryingTheirMillisecond() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(IdentifierFactory.getInstance().generateIdentifier());
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).as("RFC 9562 variant").isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void laterIdentifiersSortAfterEarlierOnesAsTextAndAsUuids() {
        UUID earlier = TimeOrderedIdentifierFactory.next(1_795_900_000_000L);
        UUID later = TimeOrderedIdentifierFactory.next(1_795_900_000_001L);
        assertThat(later.toString()).isGreaterThan(earlier.toString());
        // PostgreSQL compares uuid and varchar keys byte by byte / character by character, as here
        assertThat(Long.compareUnsigned(later.getMostSignificantBits(), earlier.getMostSignificantBits())).isPositive();
    }

    @Test
    void identifiersWithinOneMillisecondDoNotCollide() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertThat(seen.add(TimeOrderedIdentifierFactory.next(1_795_900_000_000L))).isTrue();
        }
    }
}
