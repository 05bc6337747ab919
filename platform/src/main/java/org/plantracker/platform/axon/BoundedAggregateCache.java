package org.plantracker.platform.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Axon aggregate cache with a size bound (Caffeine, least-recently-used out first). Without one, an
 * event-sourced aggregate is rebuilt from all its events on every command, so a task share that has
 * collected hundreds of reports costs hundreds of rows per command. Axon's own WeakReferenceCache
 * loses its entries at every young collection; this one keeps the hottest aggregates.
 *
 * <p>Safe with several instances of a service: a stale cached aggregate appends with a sequence
 * number that is already taken, the unit of work rolls back, and Axon evicts the entry.
 *
 * <p>The cache follows the transaction that stores: Axon caches an aggregate when its command's unit
 * of work commits, but a command sent inside a caller's Spring transaction (a Kafka listener that
 * records the event as processed with the commands it sends) has its events stored only when that
 * transaction commits. If it rolls back, every aggregate the transaction put here is evicted, so
 * the next command reads the store again instead of a state the store never held.
 *
 * <p>A null key is never stored and never found: Axon asks for one when a create-if-missing command
 * handler applied nothing (the aggregate never got an identifier).
 */
public final class BoundedAggregateCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

    public BoundedAggregateCache(long maximumSize) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .removalListener((Object key, Object value, RemovalCause cause) -> {
                    if (cause.wasEvicted()) {
                        listeners.forEach(l -> l.onEntryExpired(key));
                    }
                })
                .build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        if (key == null) {
            return null;
        }
        V value = (V) entries.getIfPresent(key);
        if (value != null) {
            listeners.forEach(l -> l.onEntryRead(key, value));
        }
        return value;
    }

    @Override
    public void put(Object key, Object value) {
        if (key == null || value == null) {
            return;
        }
        Object previous = entries.asMap().put(key, value);
        evictIfTheTransactionRollsBack(key);
        listeners.forEach(l -> {
            if (previous == null) {
                l.onEntryCreated(key, value);
            } else {
                l.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (key == null || value == null) {
            return false;
        }
        boolean added = entries.asMap().putIfAbsent(key, value) == null;
        if (added) {
            evictIfTheTransactionRollsBack(key);
            listeners.forEach(l -> l.onEntryCreated(key, value));
        }
        return added;
    }

    /** Outside a Spring transaction the caller's unit of work is what stores, and Axon evicts on its rollback. */
    private void evictIfTheTransactionRollsBack(Object key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    remove(key);
                }
            }
        });
    }

    @Override
    public boolean remove(Object key) {
        if (key == null) {
            return false;
        }
        boolean removed = entries.asMap().remove(key) != null;
        if (removed) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && entries.asMap().containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** How many aggregates are cached now (for tests and metrics). */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
