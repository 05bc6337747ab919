package org.plantracker.platform.axon;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/**
 * The service's transaction manager for a tracking processor whose commit PostgreSQL need not wait
 * to flush to disk: each transaction it begins runs {@code SET LOCAL synchronous_commit TO OFF}.
 *
 * <p>Why it loses nothing: such a transaction is still atomic, and on a crash of the database server
 * it is lost whole, never in part (an application crash loses nothing at all: PostgreSQL already
 * holds the commit). A processor fit for it keeps its token in the same transaction as its effects,
 * or has effects that are safe to repeat: losing the transaction moves its token back, and it does
 * the same events' work again from the event store, whose own commits stay synchronous. A view and
 * its token roll back together; the Kafka publisher sends again and consumers drop what they have
 * seen. A processor that calls out to anything else must not use it.
 *
 * <p>What it saves: at moderate load every stored event costs each processor a transaction of its
 * own, and each such commit waited for its own WAL flush; now the WAL writer flushes them together.
 */
public final class AsynchronousCommitTransactionManager implements TransactionManager {

    static final String ASYNCHRONOUS_COMMIT = "SET LOCAL synchronous_commit TO OFF";

    private final TransactionManager delegate;
    private final ConnectionProvider connections;

    /**
     * @param delegate    the service's own transaction manager, which binds one connection to the transaction
     * @param connections hands out that bound connection (as the token store and the views get it)
     */
    public AsynchronousCommitTransactionManager(TransactionManager delegate, ConnectionProvider connections) {
        this.delegate = delegate;
        this.connections = connections;
    }

    /**
     * Gives each of the named processing groups this transaction manager, around the service's own
     * (both looked up when the processors are built).
     */
    public static ConfigurerModule forProcessingGroups(Collection<String> processingGroups,
                                                       ObjectProvider<TransactionManager> transactionManager,
                                                       ObjectProvider<ConnectionProvider> connections) {
        return configurer -> configurer.eventProcessing(processing -> processingGroups.stream()
                .map(String::trim).filter(group -> !group.isEmpty())
                .forEach(group -> processing.registerTransactionManager(group, axon ->
                        new AsynchronousCommitTransactionManager(transactionManager.getObject(), connections.getObject()))));
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = delegate.startTransaction();
        try (Connection connection = connections.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(ASYNCHRONOUS_COMMIT);
        } catch (SQLException | RuntimeException e) {
            transaction.rollback();
            throw new IllegalStateException("could not make a processor's transaction commit asynchronously", e);
        }
        return transaction;
    }
}
