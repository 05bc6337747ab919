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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    /** Per channel, the senders it may still use. */
    private final Map<String, Semaphore> freeSenders = new LinkedHashMap<>();
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
        this.channels.keySet().forEach(name -> freeSenders.put(name, new Semaphore(settings.threads())));
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
        // every channel its own share of senders (see dispatchDue)
        senders = Executors.newFixedThreadPool(settings.threads() * Math.max(1, channels.size()), r -> {
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
                int claimed = dispatchDue();
                if (claimed == 0) {
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

    /**
     * Claims due deliveries, channel by channel, as many as the channel has free senders, and hands
     * them to the senders without waiting for them: a slow channel (a broker creating a topic, an
     * endpoint that takes its time) holds only its own senders, never another channel's deliveries.
     *
     * @return how many were claimed
     */
    public int dispatchDue() throws InterruptedException {
        int claimedNow = 0;
        for (Map.Entry<String, OutboundChannel> entry : channels.entrySet()) {
            if (!entry.getValue().active()) {
                continue;
            }
            Semaphore free = freeSenders.get(entry.getKey());
            if (entry.getValue().sendsInBatches()) {
                claimedNow += dispatchBatch(entry.getKey(), entry.getValue(), free);
                continue;
            }
            int room = Math.min(free.availablePermits(), settings.batch());
            if (room == 0 || !free.tryAcquire(room)) {
                continue;
            }
            List<Delivery> claimed;
            try {
                claimed = outbox.claim(entry.getKey(), room, clock.instant(), settings.lease());
            } catch (RuntimeException e) {
                free.release(room);
                throw e;
            }
            free.release(room - claimed.size());
            for (Delivery delivery : claimed) {
                senders.execute(() -> {
                    try {
                        attempt(delivery);
                    } catch (RuntimeException e) {
                        log.warn("a delivery attempt failed unexpectedly; it is due again when its lease ends", e);
                    } finally {
                        free.release();
                        wake();
                    }
                });
            }
            claimedNow += claimed.size();
        }
        return claimedNow;
    }

    /** A batching channel: one free sender takes up to a whole batch, sends it at once and records it in one transaction. */
    private int dispatchBatch(String name, OutboundChannel channel, Semaphore free) {
        if (!free.tryAcquire()) {
            return 0;
        }
        List<Delivery> claimed;
        try {
            claimed = outbox.claim(name, settings.batch(), clock.instant(), settings.lease());
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
        if (claimed.isEmpty()) {
            free.release();
            return 0;
        }
        senders.execute(() -> {
            try {
                attemptAll(channel, claimed);
            } catch (RuntimeException e) {
                log.warn("a batch of {} {} deliveries failed unexpectedly; they are due again when their lease ends",
                        claimed.size(), name, e);
            } finally {
                free.release();
                wake();
            }
        });
        return claimed.size();
    }

    private void attemptAll(OutboundChannel channel, List<Delivery> deliveries) {
        long started = System.nanoTime();
        List<AttemptResult> results;
        try {
            results = channel.sendAll(deliveries);
        } catch (RuntimeException e) {
            log.warn("{} batch of {} deliveries failed unexpectedly", channel.name(), deliveries.size(), e);
            results = deliveries.stream().map(d -> AttemptResult.failed(null, "the delivery could not be sent")).toList();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Instant at = clock.instant();
        List<AttemptResult> outcomes = results;
        tx.executeWithoutResult(status -> {
            for (int i = 0; i < deliveries.size(); i++) {
                record(channel, deliveries.get(i), outcomes.get(i), at, millis);
            }
        });
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
        tx.executeWithoutResult(status -> record(channel, delivery, outcome, at, millis));
    }

    /** Records one attempt and schedules the next from the channel's retry schedule (inside the caller's transaction). */
    private void record(OutboundChannel channel, Delivery delivery, AttemptResult outcome, Instant at, long millis) {
        Optional<Duration> wait = outcome.success() ? Optional.empty() : channel.retryAfter(delivery.retryStep() + 1);
        Instant next = wait.map(at::plus).orElse(null);
        if (outbox.record(delivery, outcome, at, millis, next)) {
            channel.attempted(delivery, outcome, at);
        }
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
