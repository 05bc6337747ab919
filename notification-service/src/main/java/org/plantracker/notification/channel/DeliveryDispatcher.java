package org.plantracker.notification.channel;

import org.plantracker.notification.config.NotificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends what the outbox holds: claims due deliveries (never the same attempt twice, across
 * instances), hands each to its channel, records the result and schedules the next attempt from the
 * channel's retry schedule. It wakes when the consumer stored new deliveries and otherwise every
 * poll interval. Stopping the service stops claiming; a delivery in flight at a crash is due again
 * once its lease ends, with the same message id.
 */
@Component
public class DeliveryDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final Outbox outbox;
    private final Map<String, OutboundChannel> channels = new LinkedHashMap<>();
    private final TransactionTemplate tx;
    private final Clock clock;
    private final NotificationProperties.Deliveries settings;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread loop;
    private ExecutorService senders;

    public DeliveryDispatcher(Outbox outbox, List<OutboundChannel> channels, TransactionTemplate tx, Clock clock,
                              NotificationProperties properties) {
        this.outbox = outbox;
        channels.forEach(c -> this.channels.put(c.name(), c));
        this.tx = tx;
        this.clock = clock;
        this.settings = properties.deliveries();
    }

    /** Something new was stored: look now instead of at the next poll. */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        senders = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "delivery-sender");
            t.setDaemon(true);
            return t;
        });
        loop = new Thread(this::run, "delivery-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        wake();
        if (loop != null) {
            try {
                loop.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (senders != null) {
            senders.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                int sent = dispatchDue();
                if (sent < settings.batch()) {
                    wake.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database may be away for a moment; nothing is lost, the rows wait
                log.warn("dispatching deliveries failed; trying again in {}", settings.pollInterval(), e);
                sleep(settings.pollInterval());
            }
        }
    }

    /** Claims one batch of due deliveries and sends them; returns how many were claimed. */
    public int dispatchDue() throws InterruptedException {
        List<String> active = new ArrayList<>();
        channels.forEach((name, channel) -> {
            if (channel.active()) {
                active.add(name);
            }
        });
        List<Delivery> claimed = outbox.claim(active, settings.batch(), clock.instant(), settings.lease());
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Future<?>> inFlight = new ArrayList<>(claimed.size());
        for (Delivery delivery : claimed) {
            inFlight.add(senders.submit(() -> attempt(delivery)));
        }
        for (Future<?> f : inFlight) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("a delivery attempt failed unexpectedly; it is due again when its lease ends", e.getCause());
            }
        }
        return claimed.size();
    }

    private void attempt(Delivery delivery) {
        OutboundChannel channel = channels.get(delivery.channel());
        long started = System.nanoTime();
        AttemptResult result;
        try {
            result = channel.send(delivery);
        } catch (RuntimeException e) {
            log.warn("{} delivery {} ({} {}) failed unexpectedly", delivery.channel(), delivery.id(),
                    delivery.eventType(), delivery.eventId(), e);
            result = AttemptResult.failed(null, "the delivery could not be sent");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Instant at = clock.instant();
        AttemptResult outcome = result;
        Optional<Duration> wait = outcome.success() ? Optional.empty() : channel.retryAfter(delivery.retryStep() + 1);
        Instant next = wait.map(at::plus).orElse(null);
        tx.executeWithoutResult(status -> {
            if (outbox.record(delivery, outcome, at, millis, next)) {
                channel.attempted(delivery, outcome, at);
            }
        });
        if (!outcome.success()) {
            log.debug("{} delivery {} attempt failed ({}); {}", delivery.channel(), delivery.id(), outcome.error(),
                    next == null ? "giving up" : "next attempt at " + next);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
