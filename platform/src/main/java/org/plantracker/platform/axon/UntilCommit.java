package org.plantracker.platform.axon;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects what the event handlers of one unit of work produce and hands it over in one go just
 * before that unit of work commits. A tracking processor runs a whole batch of events in one unit of
 * work, so a handler that would otherwise pay a round trip per event (a JDBC statement, a Kafka
 * acknowledgement) pays one per batch, and a failure still rolls the batch back with its token.
 */
public final class UntilCommit {

    private UntilCommit() {
    }

    /**
     * Queues {@code item} under {@code key} in the current unit of work; {@code flush} receives
     * everything queued under that key, in order, at prepare-commit. Outside a unit of work the item
     * is flushed at once, on its own.
     */
    public static <T> void queue(String key, T item, Consumer<List<T>> flush) {
        if (!CurrentUnitOfWork.isStarted()) {
            flush.accept(List.of(item));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<T> queued = unitOfWork.getOrComputeResource(key, k -> {
            List<T> items = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> flush.accept(items));
            return items;
        });
        queued.add(item);
    }
}
