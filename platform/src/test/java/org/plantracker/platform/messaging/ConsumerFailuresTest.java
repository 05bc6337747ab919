package org.plantracker.platform.messaging;

import com.fasterxml.jackson.core.JsonParseException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerFailuresTest {

    @Test
    void anOutageOfTheDatabaseOrTheBrokerPassesAndIsWaitedOut() {
        assertThat(ConsumerFailures.isTransient(listenerFailed(new CannotGetJdbcConnectionException("pool",
                new SQLException("Connection refused", "08001"))))).isTrue();
        assertThat(ConsumerFailures.isTransient(listenerFailed(new CannotCreateTransactionException("no connection")))).isTrue();
        assertThat(ConsumerFailures.isTransient(listenerFailed(new RuntimeException(
                new SQLException("database p is not currently accepting connections", "55000"))))).isTrue();
        assertThat(ConsumerFailures.isTransient(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(ConsumerFailures.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(ConsumerFailures.isTransient(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(ConsumerFailures.isTransient(new NotLeaderOrFollowerException("moving"))).isTrue();
        assertThat(ConsumerFailures.isTransient(new CommandExecutionException("append raced", new ConcurrencyException("seq 3 taken")))).isTrue();
    }

    @Test
    void aRecordThatCannotBeProcessedIsNotRetriedForEver() {
        assertThat(ConsumerFailures.isTransient(listenerFailed(new UncheckedIOException("cannot read TaskAssignedEvent",
                new JsonParseException(null, "Unexpected end-of-input"))))).isFalse();
        assertThat(ConsumerFailures.isTransient(listenerFailed(new IllegalArgumentException("lacks its aggregate-sequence header")))).isFalse();
        assertThat(ConsumerFailures.isTransient(new AggregateNotFoundException("share", "no such share"))).isFalse();
        assertThat(ConsumerFailures.isTransient(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ConsumerFailures.isTransient(new NullPointerException())).isFalse();
    }

    private static ListenerExecutionFailedException listenerFailed(Throwable cause) {
        return new ListenerExecutionFailedException("Listener method failed", cause);
    }
}
