package org.plantracker.notification.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Settings of notification-service ({@code plan-tracker.notifications.*}), each with a safe default.
 *
 * @param stream     the live stream (SSE)
 * @param webhooks   webhook subscriptions and their deliveries
 * @param deliveries the outbox dispatcher every outbound channel shares
 * @param digest     the daily digest
 * @param email      the email channel (also needs spring.mail.host)
 * @param countyTopics the per-county Kafka topics
 */
@ConfigurationProperties("plan-tracker.notifications")
public record NotificationProperties(Stream stream, Webhooks webhooks, Deliveries deliveries, Digest digest,
                                     Email email, CountyTopics countyTopics) {

    public NotificationProperties {
        stream = stream == null ? new Stream(null, null, null) : stream;
        webhooks = webhooks == null ? new Webhooks(null, null, null, null, null, null, null) : webhooks;
        deliveries = deliveries == null ? new Deliveries(null, null, null, null) : deliveries;
        digest = digest == null ? new Digest(null, null, null) : digest;
        email = email == null ? new Email(null, null, null) : email;
        countyTopics = countyTopics == null ? new CountyTopics(null, null, null) : countyTopics;
    }

    /**
     * @param heartbeat     how often an idle stream sends a comment line (keeps proxies from closing it)
     * @param maxConnection how long one stream stays open; the client reconnects with Last-Event-ID
     * @param batch         notifications read per query when a stream catches up
     */
    public record Stream(Duration heartbeat, Duration maxConnection, Integer batch) {
        public Stream {
            heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
            maxConnection = maxConnection == null ? Duration.ofMinutes(30) : maxConnection;
            batch = batch == null ? 100 : batch;
        }
    }

    /**
     * @param retrySchedule         the wait before each attempt: the first (usually 0), then after each failure
     * @param disableAfter          an endpoint failing without a success for this long is disabled
     * @param secretOverlap         how long a rotated-out secret still signs, beside the new one
     * @param allowPrivateTargets   true only in tests and the dev profile: allows loopback, private and
     *                              link-local target addresses
     * @param connectTimeout        to the endpoint
     * @param responseTimeout       for the endpoint's answer
     * @param maxPerUnit            subscriptions a unit may hold
     */
    public record Webhooks(List<Duration> retrySchedule, Duration disableAfter, Duration secretOverlap,
                           Boolean allowPrivateTargets, Duration connectTimeout, Duration responseTimeout,
                           Integer maxPerUnit) {
        public Webhooks {
            retrySchedule = retrySchedule == null || retrySchedule.isEmpty()
                    ? List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                    Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10))
                    : List.copyOf(retrySchedule);
            disableAfter = disableAfter == null ? Duration.ofDays(5) : disableAfter;
            secretOverlap = secretOverlap == null ? Duration.ofHours(24) : secretOverlap;
            allowPrivateTargets = allowPrivateTargets != null && allowPrivateTargets;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
            responseTimeout = responseTimeout == null ? Duration.ofSeconds(15) : responseTimeout;
            maxPerUnit = maxPerUnit == null ? 20 : maxPerUnit;
        }
    }

    /**
     * @param pollInterval how often the dispatcher looks for due deliveries when nothing woke it
     * @param batch        deliveries claimed at once
     * @param threads      deliveries sent in parallel
     * @param lease        how long a claimed delivery is reserved for its sender; after a crash it is
     *                     due again when the lease ends (longer than any send may take)
     */
    public record Deliveries(Duration pollInterval, Integer batch, Integer threads, Duration lease) {
        public Deliveries {
            pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
            batch = batch == null ? 50 : batch;
            threads = threads == null ? 4 : threads;
            lease = lease == null ? Duration.ofMinutes(2) : lease;
        }
    }

    /**
     * @param at            the local time the digest is made each day
     * @param zone          whose local time
     * @param checkInterval how often the service checks whether a digest is due
     */
    public record Digest(LocalTime at, ZoneId zone, Duration checkInterval) {
        public Digest {
            at = at == null ? LocalTime.of(8, 0) : at;
            zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
            checkInterval = checkInterval == null ? Duration.ofMinutes(1) : checkInterval;
        }
    }

    /**
     * @param enabled  the email channel runs only when true and spring.mail.host is set
     * @param from     the sender address
     * @param retrySchedule as for webhooks
     */
    public record Email(Boolean enabled, String from, List<Duration> retrySchedule) {
        public Email {
            enabled = enabled != null && enabled;
            from = from == null || from.isBlank() ? "plan-tracker@localhost" : from;
            retrySchedule = retrySchedule == null || retrySchedule.isEmpty()
                    ? List.of(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1),
                    Duration.ofHours(6))
                    : List.copyOf(retrySchedule);
        }
    }

    /**
     * @param enabled    publish the events that concern a county to its own topic
     * @param partitions of each county topic (one keeps a county's events in one order)
     * @param replicas   of each county topic
     */
    public record CountyTopics(Boolean enabled, Integer partitions, Short replicas) {
        public CountyTopics {
            enabled = enabled == null || enabled;
            partitions = partitions == null ? 1 : partitions;
            replicas = replicas == null ? 1 : replicas;
        }
    }
}
