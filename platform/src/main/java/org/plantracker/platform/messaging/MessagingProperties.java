package org.plantracker.platform.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * @param publishTopic   the topic this service's events go to; empty: it publishes nothing
 * @param consumeTopics  topics this service reads; created at start (with their dead-letter topics)
 *                       so a consumer never starts before its topic exists
 * @param partitions     partitions of each topic: the unit of parallelism across instances
 * @param replicas       replication factor (1 on a single broker)
 * @param sendTimeout    how long the publisher waits for Kafka's acknowledgement before retrying
 * @param retryInterval  the first pause after a consumed record failed; for a record that cannot be
 *                       processed, the pause between its retries before it is parked as a dead letter
 * @param maxRetryInterval the longest pause between retries of a record that failed for a passing
 *                       reason (an outage), which is retried for as long as the outage lasts
 * @param retries        retries of a record that cannot be processed before it is parked
 */
@ConfigurationProperties("plan-tracker.messaging")
public record MessagingProperties(String publishTopic, List<String> consumeTopics, Integer partitions,
                                  Short replicas, Duration sendTimeout, Duration retryInterval, Duration maxRetryInterval,
                                  Integer retries) {
    public MessagingProperties {
        consumeTopics = consumeTopics == null ? List.of() : consumeTopics;
        partitions = partitions == null ? 6 : partitions;
        replicas = replicas == null ? 1 : replicas;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        retryInterval = retryInterval == null ? Duration.ofMillis(500) : retryInterval;
        maxRetryInterval = maxRetryInterval == null ? Duration.ofSeconds(30) : maxRetryInterval;
        retries = retries == null ? 3 : retries;
    }
}
