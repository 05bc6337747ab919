package org.plantracker.platform.axon;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

import java.util.function.Supplier;

/**
 * The JDBC event store's transaction manager: writes in a transaction as before, reads without one.
 *
 * <p>Every read Axon's engine wraps in {@code fetchInTransaction} is one SELECT (the event processors'
 * next batch, an aggregate's events, the head or tail token), and one statement at PostgreSQL's READ
 * COMMITTED sees the same snapshot whether or not a transaction surrounds it. Outside a transaction
 * it is one round trip to the server; inside one it took a second, for the COMMIT, on every fetch the
 * processors make. A read made inside a caller's transaction still runs in it: the connection
 * provider hands out the caller's connection.
 */
public final class SingleStatementReads implements TransactionManager {

    private final TransactionManager delegate;

    public SingleStatementReads(TransactionManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public Transaction startTransaction() {
        return delegate.startTransaction();
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> supplier) {
        return supplier.get();
    }
}
