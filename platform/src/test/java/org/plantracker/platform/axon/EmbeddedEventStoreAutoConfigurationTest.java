package org.plantracker.platform.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store keeps only a few recent events in memory ({@code plan-tracker.axon.event-store.cached-events}):
 * a processor that falls further behind must still get every event, in order, from the store itself.
 */
class EmbeddedEventStoreAutoConfigurationTest {

    private static final int CACHED_EVENTS = 2;

    private final EmbeddedEventStore store = new EmbeddedEventStoreAutoConfiguration()
            .eventStore(new InMemoryEventStorageEngine(), DefaultConfigurer.defaultConfiguration().buildConfiguration(),
                    CACHED_EVENTS);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void aProcessorFurtherBehindThanTheCacheStillReadsEveryEventInOrder() throws Exception {
        BlockingStream<TrackedEventMessage<?>> atTheHead = store.openStream(null);
        List<String> published = IntStream.range(0, 10).mapToObj(i -> "report " + i).toList();
        published.forEach(payload -> store.publish(GenericEventMessage.asEventMessage(payload)));

        // opened only now, from the start: ten events behind, five times what the cache holds
        BlockingStream<TrackedEventMessage<?>> farBehind = store.openStream(null);

        assertThat(read(atTheHead, published.size())).isEqualTo(published);
        assertThat(read(farBehind, published.size())).isEqualTo(published);
    }

    private static List<String> read(BlockingStream<TrackedEventMessage<?>> stream, int count) throws InterruptedException {
        List<String> payloads = new ArrayList<>();
        while (payloads.size() < count && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
            payloads.add((String) stream.nextAvailable().getPayload());
        }
        stream.close();
        return payloads;
    }
}
