package org.plantracker.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.plantracker.platform.axon.AsynchronousCommitTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Kafka wiring every service shares: topics, the publisher, idempotent consumption, dead letters. */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, JdbcTemplateAutoConfiguration.class})
@ConditionalOnClass({KafkaTemplate.class, JdbcTemplate.class})
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    /** Creates the published and consumed topics, and their dead-letter topics, before any consumer starts. */
    @Bean
    public KafkaAdmin.NewTopics planTrackerTopics(MessagingProperties properties) {
        Set<String> names = new LinkedHashSet<>();
        if (properties.publishTopic() != null && !properties.publishTopic().isBlank()) {
            names.add(properties.publishTopic());
        }
        for (String consumed : properties.consumeTopics()) {
            names.add(consumed);
            names.add(EventHeaders.deadLetterTopic(consumed));
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, properties.partitions(), properties.replicas()));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnExpression("'${plan-tracker.messaging.publish-topic:}' != ''")
    public KafkaEventPublisher kafkaEventPublisher(KafkaTemplate<String, byte[]> kafka, ObjectMapper json,
                                                   MessagingProperties properties) {
        return new KafkaEventPublisher(kafka, json, properties.publishTopic(), properties.sendTimeout().toMillis());
    }

    /**
     * The publisher's commits need not wait for the WAL flush: after a database crash its token may
     * fall back, and it sends again what consumers then drop as seen.
     */
    @Bean
    @ConditionalOnExpression("'${plan-tracker.messaging.publish-topic:}' != ''")
    public ConfigurerModule kafkaEventPublisherCommitsAsynchronously(ObjectProvider<TransactionManager> transactionManager,
                                                                     ObjectProvider<ConnectionProvider> connections) {
        return AsynchronousCommitTransactionManager.forProcessingGroups(List.of(KafkaEventPublisher.PROCESSING_GROUP),
                transactionManager, connections);
    }

    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    public IncomingEvents incomingEvents(JdbcTemplate jdbc, TransactionTemplate tx) {
        return new IncomingEvents(jdbc, tx);
    }

    /**
     * A listener that keeps failing on one record retries a few times, then sends the record to the
     * topic's dead-letter topic (same partition) and moves on: a poison event never blocks the
     * aggregates behind it.
     */
    @Bean
    public CommonErrorHandler deadLetteringErrorHandler(ObjectProvider<KafkaOperations<?, ?>> kafka,
                                                        MessagingProperties properties) {
        // spring-kafka's default destination is "<topic>-dlt"; ours, created above, is EventHeaders.deadLetterTopic
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka.getObject(),
                (record, failure) -> new TopicPartition(EventHeaders.deadLetterTopic(record.topic()), record.partition()));
        return new DefaultErrorHandler(recoverer,
                new FixedBackOff(properties.retryInterval().toMillis(), properties.retries()));
    }
}
