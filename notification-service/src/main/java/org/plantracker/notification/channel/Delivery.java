package org.plantracker.notification.channel;

/** A stored delivery as the dispatcher claimed it. */
public record Delivery(long id, String channel, String destination, String subscriptionId, String messageId,
                       String eventId, String eventType, String key, String payload, int attempts, int retryStep,
                       String claimToken) {
}
