package org.plantracker.platform.axon;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class SingleStatementReadsTest {

    private final TransactionManager service = mock(TransactionManager.class);
    private final Transaction transaction = mock(Transaction.class);
    private final SingleStatementReads engineTransactions = new SingleStatementReads(service);

    @Test
    void aReadRunsWithoutATransactionOfItsOwn() {
        assertThat(engineTransactions.fetchInTransaction(() -> "events")).isEqualTo("events");
        verify(service, never()).startTransaction();
    }

    @Test
    void aWriteStillRunsInTheServicesTransaction() {
        when(service.startTransaction()).thenReturn(transaction);
        Runnable append = mock(Runnable.class);

        engineTransactions.executeInTransaction(append);

        verify(append).run();
        verify(transaction).commit();
    }
}
