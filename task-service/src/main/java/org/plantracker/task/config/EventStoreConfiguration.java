package org.plantracker.task.config;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.plantracker.platform.axon.EventStorage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * task-service's event store and command bus: Axon's JDBC engine with the platform's cheaper reads
 * (docs/decisions/0002, 0003), and Axon's own command bus as AxonAutoConfiguration builds it, every
 * command in a transaction of its own. No group commit here: its commands are few (a plan is imported
 * once, a task changes now and then), and the plan import writes the new units, the plan and all its
 * tasks in one command's unit of work, which must commit or fail as a whole (PlanImportHandler).
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    @Bean
    public EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            ObjectProvider<EventSchema> eventSchema) {
        return EventStorage.jdbc(defaultSerializer, persistenceExceptionResolver, eventSerializer, configuration,
                connectionProvider, transactionManager, eventSchema.getIfAvailable(EventSchema::new));
    }
}
