package org.plantracker.task.query;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Lets a write wait (briefly) until the read models have caught up with the event store, so a
 * client that imports or assigns and then reads sees its own change. The projections stay
 * asynchronous tracking processors; this only delays the answer to the write.
 */
@Component
public class ProjectionCatchUp {

    /** The tracking processor every read model of this service belongs to. */
    public static final String PROCESSING_GROUP = "task-projections";

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public ProjectionCatchUp(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /** @return true when the read models hold every event stored so far, false when the time ran out */
    public boolean awaitCaughtUp(Duration timeout) {
        TrackingToken head = eventStore.createHeadToken();
        OptionalLong target = head == null ? OptionalLong.empty() : head.position();
        if (target.isEmpty()) {
            return true;
        }
        Optional<StreamingEventProcessor> processor =
                processing.eventProcessor(PROCESSING_GROUP, StreamingEventProcessor.class);
        if (processor.isEmpty()) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (reached(processor.get().processingStatus(), target.getAsLong())) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static boolean reached(Map<Integer, EventTrackerStatus> segments, long position) {
        return !segments.isEmpty() && segments.values().stream()
                .allMatch(s -> s.getCurrentPosition().orElse(-1) >= position);
    }
}
