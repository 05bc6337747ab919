package org.plantracker.platform.messaging;

import org.plantracker.platform.correlation.RequestContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

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

    /**
     * The batch form of {@link #handleOnce}: one transaction records the whole batch's event ids and
     * runs the work for those not seen before, so a consumer digesting a backlog pays one commit per
     * poll instead of one per event. A failure rolls the whole batch back.
     *
     * @return the events the work ran for (those this consumer had not processed yet), in their order
     */
    public <T> List<T> handleEachOnce(String consumer, List<T> items, Function<T, String> eventId,
                                      Consumer<List<T>> work) {
        if (items.isEmpty()) {
            return List.of();
        }
        String[] ids = items.stream().map(eventId).toArray(String[]::new);
        List<T> fresh = tx.execute(status -> {
            // one statement for the batch; RETURNING names the ids that were new (a duplicate within the
            // batch, a re-publish, conflicts with its first occurrence and is not returned again)
            Set<String> unseenIds = new HashSet<>(jdbc.queryForList("""
                    INSERT INTO processed_event (consumer, event_id)
                    SELECT ?, id FROM unnest(?::varchar[]) WITH ORDINALITY AS batch(id, position) ORDER BY position
                    ON CONFLICT DO NOTHING
                    RETURNING event_id""", String.class, consumer, ids));
            List<T> unseen = new ArrayList<>(unseenIds.size());
            for (T item : items) {
                if (unseenIds.remove(eventId.apply(item))) {
                    unseen.add(item);
                }
            }
            work.accept(unseen);
            return unseen;
        });
        return fresh == null ? List.of() : fresh;
    }
}
