package org.plantracker.notification.channel;

import org.plantracker.notification.messaging.RoutedEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Hands a batch of handled events to every channel in order, inside the transaction that records
 * them, and stores what the outbound channels owe; once that transaction commits, the dispatcher
 * is woken to send it.
 */
@Component
public class Channels {

    private final List<Channel> channels;
    private final Outbox outbox;
    private final DeliveryDispatcher dispatcher;
    private final Clock clock;

    public Channels(List<Channel> channels, Outbox outbox, DeliveryDispatcher dispatcher, Clock clock) {
        this.channels = channels.stream().sorted(Comparator.comparingInt(Channel::order)).toList();
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public void record(List<RoutedEvent> events) {
        ChannelBatch batch = new ChannelBatch(events);
        Instant now = clock.instant();
        int stored = 0;
        for (Channel channel : channels) {
            List<NewDelivery> deliveries = channel.plan(batch);
            if (!deliveries.isEmpty() && channel instanceof OutboundChannel outbound) {
                stored += store(outbound, deliveries, now);
            }
        }
        if (stored > 0) {
            wakeAfterCommit();
        }
    }

    /** Stores deliveries of one outbound channel, due after the channel's first wait. */
    public int store(OutboundChannel channel, List<NewDelivery> deliveries, Instant now) {
        Duration first = channel.retryAfter(0).orElse(Duration.ZERO);
        return outbox.enqueue(channel.name(), deliveries, now, now.plus(first));
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wake();
                }
            });
        } else {
            dispatcher.wake();
        }
    }
}
