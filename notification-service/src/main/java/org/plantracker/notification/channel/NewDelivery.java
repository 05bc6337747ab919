package org.plantracker.notification.channel;

/**
 * A delivery a channel owes, before it is stored.
 *
 * @param destination    where it goes: a subscription id, a topic, an email address
 * @param subscriptionId the webhook subscription, or null
 * @param messageId      what the far side deduplicates on (webhook-id); the same on every retry
 * @param eventId        the event (or digest) it carries; one delivery per event and destination
 * @param key            the Kafka record key, or the email subject
 * @param payload        exactly what is sent (and signed)
 */
public record NewDelivery(String destination, String subscriptionId, String messageId, String eventId,
                          String eventType, String key, String payload) {
}
