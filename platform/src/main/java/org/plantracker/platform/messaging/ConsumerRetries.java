package org.plantracker.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.kafka.listener.RetryListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches the consumers' failed deliveries: while a record keeps failing (a database or broker
 * outage being waited out, see {@link ConsumerFailures}) the service is
 * {@link PlatformHealth#DEGRADED} and says what fails; {@code plantracker.consumer.failed_deliveries}
 * counts every failed attempt.
 */
public class ConsumerRetries implements RetryListener, HealthIndicator, MeterBinder {

    private record LastFailure(Instant at, String record, String failure, int attempt) {
    }

    private final Clock clock;
    private final Duration recentFor;
    private final AtomicReference<LastFailure> last = new AtomicReference<>();
    private volatile Counter failures;

    /** @param recentFor a failure older than this no longer makes the service degraded */
    public ConsumerRetries(Clock clock, Duration recentFor) {
        this.clock = clock;
        this.recentFor = recentFor;
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
        failed(record.topic() + "-" + record.partition() + "@" + record.offset(), ex, deliveryAttempt);
    }

    @Override
    public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
        failed("a batch of " + records.count() + " records", ex, deliveryAttempt);
    }

    private void failed(String what, Exception ex, int attempt) {
        last.set(new LastFailure(clock.instant(), what, DeadLetters.describe(ex), attempt));
        Counter counter = failures;
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public Health health() {
        LastFailure failure = last.get();
        if (failure == null || failure.at().isBefore(clock.instant().minus(recentFor))) {
            return Health.up().build();
        }
        return Health.status(PlatformHealth.DEGRADED)
                .withDetail("retrying", failure.record())
                .withDetail("attempt", failure.attempt())
                .withDetail("lastFailureAt", failure.at().toString())
                .withDetail("failure", failure.failure())
                .build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        failures = Counter.builder("plantracker.consumer.failed_deliveries")
                .description("attempts to handle a consumed record that failed (each retry counts)")
                .register(registry);
    }
}
