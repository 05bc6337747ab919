package org.plantracker.platform.axon;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The setting itself is checked on a real PostgreSQL in progress-service's integration test. */
class AsynchronousCommitTransactionManagerTest {

    private final TransactionManager service = mock(TransactionManager.class);
    private final Transaction transaction = mock(Transaction.class);
    private final Connection connection = mock(Connection.class);
    private final Statement statement = mock(Statement.class);

    @Test
    void theSettingIsMadeInsideTheTransactionOnItsConnection() throws Exception {
        when(service.startTransaction()).thenReturn(transaction);
        when(connection.createStatement()).thenReturn(statement);

        Transaction started = new AsynchronousCommitTransactionManager(service, () -> connection).startTransaction();

        assertThat(started).isSameAs(transaction);
        var order = inOrder(service, statement, connection);
        order.verify(service).startTransaction();
        order.verify(statement).execute(AsynchronousCommitTransactionManager.ASYNCHRONOUS_COMMIT);
        order.verify(connection).close();
        verify(transaction, never()).rollback();
    }

    @Test
    void aTransactionThatCannotBeMadeAsynchronousIsRolledBackAndNotUsed() {
        when(service.startTransaction()).thenReturn(transaction);
        ConnectionProvider broken = () -> {
            throw new SQLException("connection lost");
        };

        assertThatThrownBy(() -> new AsynchronousCommitTransactionManager(service, broken).startTransaction())
                .isInstanceOf(IllegalStateException.class).hasRootCauseMessage("connection lost");
        verify(transaction).rollback();
    }
}
