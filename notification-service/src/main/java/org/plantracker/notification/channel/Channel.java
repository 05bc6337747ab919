package org.plantracker.notification.channel;

import java.util.List;

/**
 * A way notifications leave the service: in-app (the inbox and its live stream), webhooks, email,
 * the county Kafka topics, and whatever adapter comes next (SMS, DingTalk, WeCom): a new channel is
 * one more bean of this type (an {@link OutboundChannel} when it sends something out), and nothing
 * in the core changes.
 *
 * <p>{@link #plan} runs inside the transaction that records a batch of events, once per batch and
 * channel in {@link #order()}: it must not send anything. What it returns is stored in the outbox
 * in that same transaction, so a delivery exists before anything is sent and a crash loses none.
 */
public interface Channel {

    /** The channel's name, stored with each of its deliveries (e.g. {@code webhook}). */
    String name();

    /** Channels plan in this order; in-app first, so the others see which notifications it added. */
    default int order() {
        return 100;
    }

    /** The deliveries this channel owes for a batch of handled events. */
    List<NewDelivery> plan(ChannelBatch batch);
}
