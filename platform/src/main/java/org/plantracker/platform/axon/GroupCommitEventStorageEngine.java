package org.plantracker.platform.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Group commit for an event store: the events of commands handled at the same moment on different
 * threads are appended in one transaction, so a burst of concurrent commands pays one batched
 * insert and one commit (one WAL flush) instead of one of each per command.
 *
 * <p>A command's unit of work hands its events over at prepare-commit and waits until the
 * transaction that holds them has committed; only then does the command succeed, so nothing
 * acknowledged can be lost. One appender thread takes whatever has queued up while the previous
 * transaction was committing: under no load a group is one command, under load it grows by itself.
 * When a group's transaction fails, each of its commands is appended again on its own, so only the
 * command at fault fails, with the error it would have had alone (Axon's ConcurrencyException
 * when two writers took the same aggregate sequence number).
 *
 * <p>Where the caller already runs in a transaction of its own (a Kafka listener that records the
 * event as processed in the same transaction as the commands it sends), the events join that
 * transaction as before and are not grouped. Reads go straight to the wrapped engine.
 */
public final class GroupCommitEventStorageEngine implements EventStorageEngine, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitEventStorageEngine.class);

    private final EventStorageEngine delegate;
    private final int maxEventsPerGroup;
    private final BlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
    private final Thread appender;
    private final AtomicLong groupsCommitted = new AtomicLong();
    private final AtomicLong appendsCommitted = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param delegate          the engine that stores the events; its {@code appendEvents} must open a
     *                          transaction of its own when none is active (Axon's JDBC engine does)
     * @param maxEventsPerGroup a group is closed once it holds this many events
     */
    public GroupCommitEventStorageEngine(EventStorageEngine delegate, int maxEventsPerGroup) {
        if (maxEventsPerGroup < 1) {
            throw new IllegalArgumentException("maxEventsPerGroup must be at least 1, was " + maxEventsPerGroup);
        }
        this.delegate = delegate;
        this.maxEventsPerGroup = maxEventsPerGroup;
        this.appender = new Thread(this::appendUntilClosed, "event-store-group-commit");
        this.appender.setDaemon(true);
        this.appender.start();
    }

    private record PendingAppend(List<? extends EventMessage<?>> events, CompletableFuture<Void> done) {
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            delegate.appendEvents(events);
            return;
        }
        if (closed) {
            throw new IllegalStateException("the event store is shutting down: events not appended");
        }
        PendingAppend pending = new PendingAppend(events, new CompletableFuture<>());
        queue.add(pending);
        awaitStored(pending);
    }

    /**
     * Waits for the transaction holding the caller's events, checking now and then that the appender
     * has not stopped meanwhile. An interrupt does not end the wait: the events may be committing
     * right now, and the caller must learn whether they were stored.
     */
    private void awaitStored(PendingAppend pending) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    pending.done().get(1, TimeUnit.SECONDS);
                    return;
                } catch (TimeoutException e) {
                    if (!appender.isAlive()) {
                        failAll(shutDownBeforeAppend());
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException cause) {
                        throw cause;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void appendUntilClosed() {
        List<PendingAppend> group = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                PendingAppend first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                int events = first.events().size();
                PendingAppend next;
                while (events < maxEventsPerGroup && (next = queue.peek()) != null
                        && events + next.events().size() <= maxEventsPerGroup) {
                    group.add(queue.poll());
                    events += next.events().size();
                }
                appendGroup(group);
            } catch (InterruptedException e) {
                closed = true;
            } catch (RuntimeException | Error e) {
                // never leave a caller waiting, whatever went wrong
                group.forEach(p -> p.done().completeExceptionally(e));
                log.error("group commit failed unexpectedly", e);
            } finally {
                group.clear();
            }
        }
        failAll(shutDownBeforeAppend());
    }

    /**
     * Appends the group in one transaction; if that fails, each member alone. Completes every
     * member's future with its own outcome.
     *
     * <p>A failed commit does not always mean nothing was stored: when the connection breaks after
     * COMMIT was sent, the outcome is unknown and the events may well be in the store. Before a
     * member is appended again, and when its own append fails, the store is asked whether it holds the
     * member's events (by their identifiers): if it does, the member succeeded, and its caller must
     * not be told of a conflict with its own events.
     */
    void appendGroup(List<PendingAppend> group) {
        boolean outcomeUnknown = false;
        if (group.size() > 1) {
            List<EventMessage<?>> all = new ArrayList<>();
            group.forEach(p -> all.addAll(p.events()));
            try {
                delegate.appendEvents(all);
                committed(group.size());
                group.forEach(p -> p.done().complete(null));
                return;
            } catch (RuntimeException e) {
                outcomeUnknown = true;
                log.debug("a group of {} appends failed together, appending each alone: {}", group.size(), e.toString());
            }
        }
        for (PendingAppend p : group) {
            if (outcomeUnknown && alreadyStored(p.events())) {
                p.done().complete(null);
                continue;
            }
            try {
                delegate.appendEvents(p.events());
                committed(1);
                p.done().complete(null);
            } catch (RuntimeException e) {
                if (alreadyStored(p.events())) {
                    log.info("an append whose commit seemed to fail had been stored: {} event(s) of {}",
                            p.events().size(), aggregateOf(p.events()));
                    p.done().complete(null);
                } else {
                    p.done().completeExceptionally(e);
                }
            }
        }
    }

    /**
     * True when the store holds these very events (the same identifiers at their aggregate's
     * sequence numbers). A store that cannot be read now answers false: the caller then gets the
     * append's own error, as before.
     */
    private boolean alreadyStored(List<? extends EventMessage<?>> events) {
        if (events.isEmpty() || !(events.get(0) instanceof DomainEventMessage<?> first)) {
            return false;
        }
        try {
            DomainEventStream stored = delegate.readEvents(first.getAggregateIdentifier(), first.getSequenceNumber());
            for (EventMessage<?> event : events) {
                if (!stored.hasNext() || !stored.next().getIdentifier().equals(event.getIdentifier())) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException unreadable) {
            log.debug("cannot tell whether {} was stored: {}", first.getAggregateIdentifier(), unreadable.toString());
            return false;
        }
    }

    private static String aggregateOf(List<? extends EventMessage<?>> events) {
        return events.get(0) instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : events.get(0).getIdentifier();
    }

    /**
     * Appends the events of several callers as one group, exactly as the appender thread does, and
     * returns each caller's outcome (null when its events were stored). For tests and tools that need
     * a group of a known make-up.
     */
    public List<RuntimeException> appendAsOneGroup(List<List<? extends EventMessage<?>>> appends) {
        List<PendingAppend> group = appends.stream().map(e -> new PendingAppend(e, new CompletableFuture<>())).toList();
        appendGroup(group);
        List<RuntimeException> outcomes = new ArrayList<>();
        for (PendingAppend p : group) {
            try {
                p.done().join();
                outcomes.add(null);
            } catch (CompletionException e) {
                outcomes.add((RuntimeException) e.getCause());
            }
        }
        return outcomes;
    }

    private void committed(int appends) {
        groupsCommitted.incrementAndGet();
        appendsCommitted.addAndGet(appends);
    }

    /** Transactions that stored grouped appends (a group, or one member retried alone). */
    public long groupsCommitted() {
        return groupsCommitted.get();
    }

    /** Callers' appends stored by the appender; divided by {@link #groupsCommitted()}, the mean group size. */
    public long appendsCommitted() {
        return appendsCommitted.get();
    }

    private void failAll(RuntimeException reason) {
        PendingAppend p;
        while ((p = queue.poll()) != null) {
            p.done().completeExceptionally(reason);
        }
    }

    /** Stops taking new appends, stores those already queued, and stops the appender thread. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        appender.join(30_000);
        failAll(shutDownBeforeAppend());
    }

    // --- everything else is the wrapped engine's -----------------------------------------------------

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return delegate.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    private static IllegalStateException shutDownBeforeAppend() {
        return new IllegalStateException("the event store shut down before these events were appended");
    }
}
