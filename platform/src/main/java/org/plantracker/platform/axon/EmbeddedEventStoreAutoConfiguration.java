package org.plantracker.platform.axon;

import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Axon's embedded event store as AxonAutoConfiguration builds it (check against it when Axon is
 * upgraded), with the number of recent events it keeps in memory for its tracking processors set by
 * {@code plan-tracker.axon.event-store.cached-events}.
 *
 * <p>Axon keeps 10,000, about 30 MB of progress-service's heap under load: at a thousand events a
 * second each of them lives ten seconds, long enough to be copied into the old generation. Keeping
 * 1,000 took progress-service's live heap after a full collection from 65–75 MB to 35–46 MB, and
 * with the serial collector its full collections from 154–194 ms to 117–138 ms (BENCHMARKS.md). A
 * processor that falls further behind than the cache reads the store on its own until it has caught
 * up, so a small cache loses nothing (EmbeddedEventStoreAutoConfigurationTest).
 *
 * <p>After the engine's configuration (ours or Axon's JdbcAutoConfiguration), before Axon's own event
 * store, which backs off when this one exists.
 */
@AutoConfiguration(
        afterName = {"org.plantracker.platform.axon.AxonPlatformAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"},
        beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(EmbeddedEventStore.class)
public class EmbeddedEventStoreAutoConfiguration {

    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    @ConditionalOnBean(EventStorageEngine.class)
    @ConditionalOnMissingBean(EventBus.class)
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration,
                                         @Value("${plan-tracker.axon.event-store.cached-events:1000}") int cachedEvents) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .cachedEvents(cachedEvents)
                .build();
    }
}
