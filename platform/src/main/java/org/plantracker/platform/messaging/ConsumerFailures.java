package org.plantracker.platform.messaging;

import org.apache.kafka.common.errors.RetriableException;
import org.axonframework.common.AxonTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;

/**
 * The policy that decides what a consumer does with a record whose handling failed.
 *
 * <ul>
 *   <li><b>Transient</b>: the database, the broker or the network is away or overloaded (a connection
 *       refused or lost, a timeout, a serialization failure or deadlock, a concurrent append to the
 *       same aggregate). The record is retried with growing pauses for as long as the fault lasts:
 *       it will succeed once the fault is gone, and parking it would leave the units it concerns
 *       without their assignment.</li>
 *   <li><b>Anything else</b> (a record that cannot be read, an event that breaks a rule, a bug): a
 *       few quick retries, then the record is parked on the dead-letter topic and in the
 *       dead-letter registry, for an operator to inspect and send back.</li>
 * </ul>
 */
public final class ConsumerFailures {

    /** PostgreSQL SQLSTATE classes and codes that mean "try again later". */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final String INSUFFICIENT_RESOURCES_CLASS = "53";
    private static final String OPERATOR_INTERVENTION_CLASS = "57";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final String DATABASE_NOT_ACCEPTING_CONNECTIONS = "55000";

    private ConsumerFailures() {
    }

    /** True when any cause in the chain says the failure will pass by itself. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof QueryTimeoutException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof RetriableException
                    || t instanceof AxonTransientException
                    || t instanceof TimeoutException
                    || t instanceof SocketException
                    || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith(CONNECTION_EXCEPTION_CLASS) || state.startsWith(INSUFFICIENT_RESOURCES_CLASS)
                || state.startsWith(OPERATOR_INTERVENTION_CLASS) || state.equals(SERIALIZATION_FAILURE)
                || state.equals(DEADLOCK_DETECTED) || state.equals(DATABASE_NOT_ACCEPTING_CONNECTIONS);
    }
}
