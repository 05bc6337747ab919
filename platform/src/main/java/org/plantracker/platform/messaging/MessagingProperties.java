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
 * @param retryInterval  pause between a failed event's retries before it goes to the dead-letter topic
 * @param retries        retries before an event is dead-lettered
 */
@ConfigurationProperties("plan-tracker.messaging")
public record MessagingProperties(String publishTopic, List<String> consumeTopics, Integer partitions,
                                  Short replicas, Duration sendTimeout, Duration retryInterval, Integer retries) {
    public MessagingProperties {
        consumeTopics = consumeTopics == null ? List.of() : consumeTopics;
        partitions = partitions == null ? 6 : partitions;
        replicas = replicas == null ? 1 : replicas;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        retryInterval = retryInterval == null ? Duration.ofMillis(500) : retryInterval;
        retries = retries == null ? 3 : retries;
    }
}
