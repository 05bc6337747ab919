package org.plantracker.platform.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Says whether the service's events are getting out to Kafka: the outbox publisher's processor
 * ({@link KafkaEventPublisher#PROCESSING_GROUP}) is in error (Kafka did not take an event; the
 * processor retries it with backoff) and how many stored events it has not published yet.
 *
 * <p>A failing publisher makes the service {@link PlatformHealth#DEGRADED}, not DOWN: commands are
 * still accepted and stored (the event store is the outbox), so the service must not be restarted
 * or taken out of rotation for it; an operator must see it. Metrics:
 * {@code plantracker.publisher.failing} (1 while in error) and {@code plantracker.publisher.behind}
 * (events stored but not yet published).
 */
public class EventPublisherHealth implements HealthIndicator, MeterBinder {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public EventPublisherHealth(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    @Override
    public Health health() {
        Optional<StreamingEventProcessor> processor = publisher();
        if (processor.isEmpty()) {
            return Health.unknown().withDetail("processor", KafkaEventPublisher.PROCESSING_GROUP + " not running").build();
        }
        Map<Integer, EventTrackerStatus> segments = processor.get().processingStatus();
        Health.Builder health = failing(segments) ? Health.status(PlatformHealth.DEGRADED) : Health.up();
        behind(segments).ifPresent(behind -> health.withDetail("eventsNotYetPublished", behind));
        segments.values().stream().filter(EventTrackerStatus::isErrorState).findFirst()
                .ifPresent(failed -> health.withDetail("error", describe(failed.getError())));
        return health.withDetail("running", processor.get().isRunning()).build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("plantracker.publisher.failing", this,
                        h -> h.publisher().map(p -> failing(p.processingStatus()) ? 1.0 : 0.0).orElse(Double.NaN))
                .description("1 while the outbox publisher is retrying an event Kafka did not take")
                .register(registry);
        Gauge.builder("plantracker.publisher.behind", this,
                        h -> h.publisher().flatMap(p -> boxed(h.behind(p.processingStatus()))).orElse(Double.NaN))
                .description("events stored in this service's event store but not yet published to Kafka")
                .register(registry);
    }

    private Optional<StreamingEventProcessor> publisher() {
        return processing.eventProcessor(KafkaEventPublisher.PROCESSING_GROUP, StreamingEventProcessor.class);
    }

    private static boolean failing(Map<Integer, EventTrackerStatus> segments) {
        return segments.values().stream().anyMatch(EventTrackerStatus::isErrorState);
    }

    /** Events between the publisher's slowest segment and the store's head; empty when either is unknown. */
    private OptionalLong behind(Map<Integer, EventTrackerStatus> segments) {
        TrackingToken head = eventStore.createHeadToken();
        OptionalLong headPosition = head == null ? OptionalLong.of(-1) : head.position();
        if (headPosition.isEmpty() || segments.isEmpty()) {
            return OptionalLong.empty();
        }
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : segments.values()) {
            slowest = Math.min(slowest, segment.getCurrentPosition().orElse(-1));
        }
        return OptionalLong.of(Math.max(0, headPosition.getAsLong() - slowest));
    }

    private static Optional<Double> boxed(OptionalLong value) {
        return value.isPresent() ? Optional.of((double) value.getAsLong()) : Optional.empty();
    }

    /** What failed, for an operator: the exception type and message of the cause closest to Kafka. */
    private static String describe(Throwable error) {
        if (error == null) {
            return "unknown";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
