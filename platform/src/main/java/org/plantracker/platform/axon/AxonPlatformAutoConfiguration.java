package org.plantracker.platform.axon;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.sql.SQLException;
import java.util.List;

/**
 * Wires the actor/correlation metadata into every service's Axon setup.
 *
 * <p>Evaluated before Axon's own auto-configuration on purpose: Axon hands dispatch interceptors to the
 * CommandGateway only if they exist when its InterceptorAutoConfiguration runs, and its
 * {@code messageOriginProvider} and JDBC exception resolver are {@code @ConditionalOnMissingBean}, so
 * ours take their place instead of clashing with them.
 */
@AutoConfiguration(beforeName = {
        "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.springboot.autoconfig.InterceptorAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"})
@ConditionalOnClass(CorrelationDataProvider.class)
public class AxonPlatformAutoConfiguration {

    /** PostgreSQL's SQLSTATE for a unique-constraint violation. */
    static final String UNIQUE_VIOLATION = "23505";

    @Bean
    public ActorMetadataInterceptor actorMetadataInterceptor() {
        return new ActorMetadataInterceptor();
    }

    /** Copies the actor and correlation keys from the handled command onto the events it applies. */
    @Bean
    public CorrelationDataProvider actorCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(EventMetadata.KEYS.toArray(String[]::new));
    }

    /** Event metadata read without looking its map reader up again for every message. */
    @Bean
    public static BeanPostProcessor resolvedMetaDataDeserializerRegistrar() {
        return ResolvedMetaDataDeserializer.registrar();
    }

    /** Every aggregate's commands are routed by this resolver (Axon picks up the one bean of the type). */
    @Bean
    @ConditionalOnMissingBean(CommandTargetResolver.class)
    public CommandTargetResolver cachingCommandTargetResolver() {
        return new CachingCommandTargetResolver();
    }

    /** Keeps Axon's own message origin (its correlationId/traceId keys) next to ours. */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /**
     * Lets Axon recognise PostgreSQL's duplicate-key error (SQLSTATE 23505) on the event table: two
     * writers appending the same aggregate sequence number get Axon's ConcurrencyException (409), two
     * writers creating the same aggregate an AggregateStreamCreationException, instead of a generic
     * storage failure. Axon's default resolver only knows SQLIntegrityConstraintViolationException,
     * which the PostgreSQL driver never throws.
     */
    @Bean
    @ConditionalOnClass(name = "org.axonframework.common.jdbc.PersistenceExceptionResolver")
    public PersistenceExceptionResolver postgresDuplicateKeyResolver() {
        return exception -> {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * The tracking processors named in {@code plan-tracker.axon.asynchronous-commit.processing-groups}
     * commit without waiting for the WAL flush ({@link AsynchronousCommitTransactionManager} says which
     * processors may, and why nothing is lost); the platform's Kafka publisher always does (see
     * MessagingAutoConfiguration). Every other transaction, the event store's above all, stays synchronous.
     */
    @Bean
    public ConfigurerModule asynchronousCommitProcessors(
            @Value("${plan-tracker.axon.asynchronous-commit.processing-groups:}") List<String> processingGroups,
            ObjectProvider<TransactionManager> transactionManager, ObjectProvider<ConnectionProvider> connections) {
        return AsynchronousCommitTransactionManager.forProcessingGroups(processingGroups, transactionManager, connections);
    }

    /**
     * The JDBC event store of a service that declares none of its own ({@link EventStorage#jdbc}); an
     * event-sourced service names its engine and command bus in its {@code config/EventStoreConfiguration}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine")
    static class JdbcEventStorageConfiguration {

        @Bean
        @ConditionalOnMissingBean({EventStorageEngine.class, EventStore.class})
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
}
