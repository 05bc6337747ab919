package org.plantracker.platform.axon;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedAggregateCacheTest {

    @Test
    void keepsAtMostItsBoundAndAnswersLikeAMap() {
        BoundedAggregateCache cache = new BoundedAggregateCache(100);
        for (int i = 0; i < 1_000; i++) {
            cache.put("share-" + i, "aggregate-" + i);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(100);

        cache.put("a", "1");
        assertThat(cache.<String, String>get("a")).isEqualTo("1");
        assertThat(cache.putIfAbsent("a", "2")).isFalse();
        assertThat(cache.<String, String>get("a")).isEqualTo("1");
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.containsKey("a")).isFalse();
        assertThat(cache.<String, String>get("a")).isNull();
    }

    @Test
    void aNullKeyIsNeitherStoredNorFound() {
        // Axon evicts by the aggregate's identifier, which is null when a create-if-missing handler applied nothing
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        cache.put(null, "x");
        assertThat(cache.remove(null)).isFalse();
        assertThat(cache.containsKey(null)).isFalse();
        assertThat(cache.<Object, Object>get(null)).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void tellsItsListenersWhatHappened() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        List<String> seen = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                seen.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                seen.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                seen.add("removed " + key);
            }
        });
        cache.put("a", "1");
        cache.put("a", "2");
        cache.remove("a");
        assertThat(seen).containsExactly("created a", "updated a", "removed a");
    }

    @Test
    void whatATransactionPutInIsEvictedWhenItRollsBackAndKeptWhenItCommits() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        cache.put("before", "stored long ago");

        inTransaction(() -> {
            cache.put("share-a", "assigned");
            cache.putIfAbsent("share-b", "assigned");
            cache.put("before", "changed");
        }, TransactionSynchronization.STATUS_ROLLED_BACK);
        assertThat(cache.containsKey("share-a")).as("the store never held share-a's new state").isFalse();
        assertThat(cache.containsKey("share-b")).isFalse();
        assertThat(cache.containsKey("before")).as("read again from the store next time").isFalse();

        inTransaction(() -> cache.put("share-a", "assigned"), TransactionSynchronization.STATUS_UNKNOWN);
        assertThat(cache.containsKey("share-a")).as("an unknown outcome is not trusted either").isFalse();

        inTransaction(() -> cache.put("share-a", "assigned"), TransactionSynchronization.STATUS_COMMITTED);
        assertThat(cache.<String, String>get("share-a")).isEqualTo("assigned");
    }

    @Test
    void outsideATransactionAnEntryStays() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        cache.put("share-a", "assigned");
        assertThat(cache.<String, String>get("share-a")).isEqualTo("assigned");
    }

    /** Runs {@code work} as inside a Spring transaction that ends with {@code outcome}. */
    private static void inTransaction(Runnable work, int outcome) {
        TransactionSynchronizationManager.initSynchronization();
        try {
            work.run();
            TransactionSynchronizationUtils.invokeAfterCompletion(
                    TransactionSynchronizationManager.getSynchronizations(), outcome);
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }
}
