package org.plantracker.platform.messaging;

import org.plantracker.platform.correlation.RequestContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a consumer's work for one event exactly once per consumer: the event id is recorded in
 * {@code processed_event} in the same transaction as the work, so a re-delivery or re-publish is
 * skipped and a crash half-way leaves neither. The work runs under the event's correlation id
 * and on behalf of the event's actor.
 */
public class IncomingEvents {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public IncomingEvents(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** @return true when the work ran, false when this consumer had already processed the event */
    public boolean handleOnce(String consumer, EventEnvelope event, Runnable work) {
        try (RequestContext.Scope ignored = RequestContext.open(event.correlationId(),
                "event:" + event.type() + "/" + event.eventId(), event.actor())) {
            Boolean ran = tx.execute(status -> {
                int inserted = jdbc.update(
                        "INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        consumer, event.eventId());
                if (inserted == 0) {
                    return false;
                }
                work.run();
                return true;
            });
            return Boolean.TRUE.equals(ran);
        }
    }
}
