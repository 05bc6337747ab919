package org.plantracker.platform.axon;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.serialization.Serializer;

/**
 * The event storage engines and command buses a service can choose, each built in one place. A
 * service names its choice in its own {@code config/EventStoreConfiguration}; one that names none
 * gets {@link #jdbc} with Axon's own command bus (AxonPlatformAutoConfiguration). What each part
 * replaces in Axon, and why, is in docs/decisions/.
 */
public final class EventStorage {

    private EventStorage() {
    }

    /**
     * Axon's JDBC engine as its JdbcAutoConfiguration builds it (check against it when Axon is
     * upgraded), reading tracked events' timestamps once ({@link TimestampParsedOnceJdbcEventStorageEngine},
     * decision 0002) and its reads without a transaction of their own ({@link SingleStatementReads}, 0003).
     */
    public static JdbcEventStorageEngine jdbc(Serializer defaultSerializer,
                                              PersistenceExceptionResolver persistenceExceptionResolver,
                                              Serializer eventSerializer,
                                              Configuration configuration,
                                              ConnectionProvider connectionProvider,
                                              TransactionManager transactionManager,
                                              EventSchema eventSchema) {
        return new TimestampParsedOnceJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(new SingleStatementReads(transactionManager)),
                eventSchema);
    }

    /**
     * {@link #jdbc} inside the group commit ({@link GroupCommitEventStorageEngine}, decision 0001): for a
     * service whose commands write nothing but events, and only with {@link #commandBusWithoutOwnTransactions}.
     */
    public static GroupCommitEventStorageEngine groupCommit(JdbcEventStorageEngine engine, int maxEventsPerGroup) {
        return new GroupCommitEventStorageEngine(engine, maxEventsPerGroup);
    }

    /**
     * {@code plantracker.eventstore.group.transactions} and {@code …group.appends} at /actuator/metrics:
     * their ratio is the mean group size, how much the group commit saves.
     */
    public static MeterBinder groupCommitMetrics(GroupCommitEventStorageEngine engine) {
        return registry -> {
            FunctionCounter.builder("plantracker.eventstore.group.transactions", engine,
                            GroupCommitEventStorageEngine::groupsCommitted)
                    .description("transactions that stored commands' events (a group, or one command retried alone)")
                    .register(registry);
            FunctionCounter.builder("plantracker.eventstore.group.appends", engine,
                            GroupCommitEventStorageEngine::appendsCommitted)
                    .description("commands whose events the group commit stored")
                    .register(registry);
        };
    }

    /**
     * Axon's command bus as AxonAutoConfiguration builds it, less the per-command transaction: the
     * group commit makes a command's events durable before the command succeeds; a command sent
     * inside a caller's transaction still runs in it.
     */
    public static SimpleCommandBus commandBusWithoutOwnTransactions(Configuration configuration,
                                                                    DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
        SimpleCommandBus commandBus = SimpleCommandBus.builder()
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(configuration.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(configuration.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        commandBus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(configuration.correlationDataProviders()));
        return commandBus;
    }
}
