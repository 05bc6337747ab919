package org.plantracker.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.plantracker.platform.axon.AsynchronousCommitTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Clock;
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

    /**
     * An exception from the publisher's handler (Kafka refused a send) must stop the processor on that
     * event, never skip it: Axon's default for handler errors logs them and moves the token on. With
     * the error propagating, the processor rolls the batch back and retries it with backoff (1 s
     * doubling to 60 s) until Kafka takes it.
     */
    @Bean
    @ConditionalOnExpression("'${plan-tracker.messaging.publish-topic:}' != ''")
    public ConfigurerModule kafkaEventPublisherStopsOnFailure() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerListenerInvocationErrorHandler(
                KafkaEventPublisher.PROCESSING_GROUP, axon -> PropagatingErrorHandler.INSTANCE));
    }

    @Bean
    @ConditionalOnExpression("'${plan-tracker.messaging.publish-topic:}' != ''")
    public EventPublisherHealth eventPublisher(EventProcessingConfiguration processing, EventStore eventStore) {
        return new EventPublisherHealth(processing, eventStore);
    }

    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    public IncomingEvents incomingEvents(JdbcTemplate jdbc, TransactionTemplate tx) {
        return new IncomingEvents(jdbc, tx);
    }

    /** The records this service's consumers parked, on the dead-letter topics and in the database. */
    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    public DeadLetters deadLetters(JdbcTemplate jdbc, ObjectMapper json, KafkaTemplate<String, byte[]> kafka,
                                   MessagingProperties properties) {
        // spring-kafka's default destination is "<topic>-dlt"; ours, created above, is EventHeaders.deadLetterTopic
        DeadLetterPublishingRecoverer toDeadLetterTopic = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(EventHeaders.deadLetterTopic(record.topic()), record.partition()));
        return new DeadLetters(jdbc, json, kafka, toDeadLetterTopic, properties.sendTimeout().toMillis());
    }

    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    public DeadLetterController deadLetterController(DeadLetters deadLetters) {
        return new DeadLetterController(deadLetters);
    }

    @Bean
    public ConsumerRetries consumerRetries(ObjectProvider<Clock> clock, MessagingProperties properties) {
        return new ConsumerRetries(clock.getIfAvailable(Clock::systemUTC), properties.maxRetryInterval().multipliedBy(2));
    }

    /**
     * What a listener does with a record it failed on ({@link ConsumerFailures} decides): a passing
     * outage (database, broker, network) is waited out with pauses growing from retry-interval to
     * max-retry-interval for as long as it lasts, so an assignment is never parked because PostgreSQL
     * paused; anything else is retried a few times and then parked ({@link DeadLetters}) without
     * blocking the records behind it.
     */
    @Bean
    public CommonErrorHandler deadLetteringErrorHandler(ObjectProvider<DeadLetters> deadLetters,
                                                        ObjectProvider<KafkaOperations<?, ?>> kafka,
                                                        MessagingProperties properties, ConsumerRetries retries) {
        ExponentialBackOff untilItPasses = new ExponentialBackOff(properties.retryInterval().toMillis(), 2.0);
        untilItPasses.setMaxInterval(properties.maxRetryInterval().toMillis());
        FixedBackOff aFewTimes = new FixedBackOff(properties.retryInterval().toMillis(), properties.retries());
        DeadLetters registry = deadLetters.getIfAvailable();
        ConsumerAwareRecordRecoverer park = registry != null ? registry : new DeadLetterPublishingRecoverer(kafka.getObject(),
                (record, failure) -> new TopicPartition(EventHeaders.deadLetterTopic(record.topic()), record.partition()));
        // the handler's own back-off is the one a batch listener's whole-batch failures get (they are
        // outages: a batch listener names a record it cannot read with BatchListenerFailedException)
        DefaultErrorHandler handler = new DefaultErrorHandler(park, untilItPasses);
        handler.setBackOffFunction((record, failure) -> ConsumerFailures.isTransient(failure) ? untilItPasses : aFewTimes);
        handler.setRetryListeners(retries);
        return handler;
    }
}
