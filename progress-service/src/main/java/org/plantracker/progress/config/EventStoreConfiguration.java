package org.plantracker.progress.config;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.plantracker.platform.axon.EventStorage;
import org.plantracker.platform.axon.GroupCommitEventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * progress-service's event store and command bus. Reports arrive in bursts from many units and each
 * is one event, so the events of commands handled at the same moment are appended in one transaction
 * (one batched insert, one WAL flush) before any of them is answered: Axon's JDBC engine inside the
 * platform's group commit (docs/decisions/0001). This service's commands write nothing but events, so
 * its command bus gives them no transaction of their own; a command sent inside a caller's transaction
 * (the Kafka listener recording what it processed) still joins it.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    @Bean
    public GroupCommitEventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            ObjectProvider<EventSchema> eventSchema,
            @Value("${plan-tracker.axon.group-commit.max-events:500}") int maxEventsPerGroup) {
        return EventStorage.groupCommit(EventStorage.jdbc(defaultSerializer, persistenceExceptionResolver, eventSerializer,
                configuration, connectionProvider, transactionManager, eventSchema.getIfAvailable(EventSchema::new)),
                maxEventsPerGroup);
    }

    @Bean
    public MeterBinder groupCommitMetrics(GroupCommitEventStorageEngine engine) {
        return EventStorage.groupCommitMetrics(engine);
    }

    @Bean
    @Qualifier("localSegment")
    public SimpleCommandBus commandBus(org.axonframework.config.Configuration configuration,
                                       DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
        return EventStorage.commandBusWithoutOwnTransactions(configuration, duplicateCommandHandlerResolver);
    }
}
