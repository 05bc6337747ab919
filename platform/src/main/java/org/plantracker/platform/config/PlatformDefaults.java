package org.plantracker.platform.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Settings every service shares, as the lowest-priority defaults: any service's
 * application.properties, an environment variable or a command-line flag overrides them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            // No Axon Server: events live in the service's own PostgreSQL.
            Map.entry("axon.axonserver.enabled", "false"),
            Map.entry("axon.update-check.disabled", "true"),
            Map.entry("axon.serializer.general", "jackson"),
            Map.entry("axon.serializer.events", "jackson"),
            Map.entry("axon.serializer.messages", "jackson"),
            // Axon's handler time limits capture a stack trace per unit of work (seen at 1-2 % of a
            // command's CPU in the benchmark) and keep a non-daemon janitor thread; our handlers are
            // short database work with their own timeouts.
            Map.entry("axon.timeout.enabled", "false"),
            // The outbox publisher sends up to a batch of events and then waits for Kafka's
            // acknowledgements once, instead of a round trip per event.
            Map.entry("axon.eventhandling.processors.kafka-publisher.mode", "tracking"),
            Map.entry("axon.eventhandling.processors.kafka-publisher.batch-size", "100"),
            // The audit chain (platform.audit): a tracking processor of its own seals every stored event,
            // a batch per transaction.
            Map.entry("axon.eventhandling.processors.audit-chain.mode", "tracking"),
            Map.entry("axon.eventhandling.processors.audit-chain.batch-size", "200"),
            Map.entry("spring.flyway.locations", "classpath:db/migration,classpath:db/platform"),
            // the platform's migrations (V0_x, its own tables) are added after services' own (V1...) exist:
            // a database already past them applies a new V0_x instead of refusing to start
            Map.entry("spring.flyway.out-of-order", "true"),
            Map.entry("spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.StringSerializer"),
            Map.entry("spring.kafka.producer.value-serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"),
            Map.entry("spring.kafka.producer.acks", "all"),
            Map.entry("spring.kafka.producer.properties.enable.idempotence", "true"),
            // Kafka's cost is per request, not per record: the producer waits a few milliseconds to fill
            // a batch, and a consumer's fetch waits (at most a few tens of ms) for a batch's worth of
            // records, instead of every event costing a produce request, a fetch and a poll of its own
            // (at 400 reports/s one at a time, Kafka and the notification consumer took 1.1 ms of CPU per
            // report, measured with bench's CPU split). The inbox sees a notification that much later.
            // An idle consumer's fetch also comes back empty after that wait: at 25 ms the idle stack's
            // consumers and broker kept 14-25 % of a core busy (dev stack, /proc, 30 s idle: Kafka 8-12 %,
            // each consuming service 3-7 % of a core). At 100 ms: about a third less idle CPU, and under
            // load (300 reports/s) Kafka + notification-service 0.86 instead of 1.06 ms per report.
            Map.entry("spring.kafka.producer.properties.linger.ms", "5"),
            Map.entry("spring.kafka.consumer.fetch-min-size", "32KB"),
            Map.entry("spring.kafka.consumer.fetch-max-wait", "100ms"),
            Map.entry("spring.kafka.consumer.key-deserializer", "org.apache.kafka.common.serialization.StringDeserializer"),
            Map.entry("spring.kafka.consumer.value-deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"),
            Map.entry("spring.kafka.consumer.auto-offset-reset", "earliest"),
            Map.entry("spring.kafka.consumer.enable-auto-commit", "false"),
            Map.entry("spring.kafka.consumer.group-id", "${spring.application.name}"),
            // offsets committed once per poll, not per record: consumers skip re-deliveries by event id,
            // so a crash re-delivering the rest of a poll costs nothing but the time to skip it
            Map.entry("spring.kafka.listener.ack-mode", "batch"),
            Map.entry("spring.jackson.serialization.write-dates-as-timestamps", "false"),
            Map.entry("spring.jackson.default-property-inclusion", "non_null"),
            Map.entry("logging.pattern.level", "%5p [%X{correlationId:-}]"),
            // Retention (RetentionGuard): logs and audit records are kept at least six months (网络安全法).
            // A log file (logging.file.name) rolls daily and keeps this many days; events, the audit
            // chain and its checkpoints are never deleted (the event tables are append-only, V0_9).
            Map.entry("plan-tracker.retention.days", "186"),
            Map.entry("logging.logback.rollingpolicy.max-history", "${plan-tracker.retention.days}"),
            Map.entry("logging.logback.rollingpolicy.total-size-cap", "0B"),
            Map.entry("management.endpoints.web.exposure.include", "health,info"),
            // requests are timed; a long-task timer started and stopped around each one as well was
            // measurable CPU (JFR) for a figure (requests in flight) nobody reads here
            Map.entry("management.observations.long-task-timer.enabled", "false"),
            Map.entry("management.endpoint.health.probes.enabled", "true"),
            // DEGRADED: the service answers, but an operator is needed (events waiting to be published,
            // a consumer waiting out an outage, parked dead letters); 200, so nothing restarts it for that
            Map.entry("management.endpoint.health.status.order", "DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN"),
            Map.entry("management.endpoint.health.status.http-mapping.DEGRADED", "200"),
            Map.entry("management.endpoint.health.show-details", "when-authorized"),
            Map.entry("server.shutdown", "graceful"),
            // Persistent deadlines (services with db-scheduler, see DeadlineAutoConfiguration): none is handled
            // before the context, Axon's repositories included, is ready; deadlines are rare, two threads do.
            Map.entry("db-scheduler.delay-startup-until-context-ready", "true"),
            Map.entry("db-scheduler.threads", "2"),
            Map.entry("server.servlet.encoding.force", "true"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("plan-tracker-platform-defaults", DEFAULTS));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
