package org.plantracker.notification.command;

import org.plantracker.notification.config.NotificationProperties;
import org.plantracker.notification.query.Inbox;
import org.plantracker.notification.query.NotificationDraft;
import org.plantracker.notification.query.NotificationType;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.correlation.RequestContext;
import org.plantracker.platform.problem.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Webhook subscriptions: made, listed, rotated, enabled and deleted by their owner unit only; their
 * signing secrets; and their health as deliveries succeed or fail (an endpoint failing for
 * {@code plan-tracker.notifications.webhooks.disable-after} without a success is disabled and its
 * owner told).
 */
@Repository
public class Subscriptions {

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
    /** Standard Webhooks' secret prefix; the rest is the key, base64. */
    public static final String SECRET_PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final RowMapper<Subscription> ROW = (rs, n) -> new Subscription(rs.getString("id"),
            rs.getString("owner_unit"), Subscription.Scope.valueOf(rs.getString("scope")), rs.getString("url"),
            rs.getString("description"), strings(rs.getArray("event_types")), strings(rs.getArray("task_ids")),
            ints(rs.getArray("sections")), strings(rs.getArray("counties")), rs.getString("plan_id"),
            Subscription.Status.valueOf(rs.getString("status")), instant(rs.getTimestamp("created_at")),
            rs.getString("created_by"), instant(rs.getTimestamp("failing_since")),
            instant(rs.getTimestamp("disabled_at")), rs.getString("disabled_reason"));

    /** What a unit asks for when it subscribes. */
    public record Request(String url, String description, Set<String> eventTypes, Set<String> taskIds,
                          Set<Integer> sections, Set<String> counties, String planId) {
    }

    /** A new subscription, or a rotated one, with the secret shown this once. */
    public record WithSecret(Subscription subscription, String secret) {
    }

    private final JdbcTemplate jdbc;
    private final WebhookTargets targets;
    private final Inbox inbox;
    private final Clock clock;
    private final NotificationProperties.Webhooks settings;

    public Subscriptions(JdbcTemplate jdbc, WebhookTargets targets, Inbox inbox, Clock clock,
                         NotificationProperties properties) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.inbox = inbox;
        this.clock = clock;
        this.settings = properties.webhooks();
    }

    @Transactional
    public WithSecret create(Actor actor, Request request) {
        Subscription.Scope scope = SubscriptionPolicies.onlyUnitsSubscribe(actor);
        String owner = actor.unitCode();
        SubscriptionPolicies.countyCommitteeFiltersOnlyItsOwnCounty(scope, owner, request.counties());
        SubscriptionPolicies.onlyKnownEventTypes(request.eventTypes());
        targets.check(request.url());
        // one subscription change per unit at a time, so the count below stays true
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext(?))", "subscription:" + owner);
        Integer held = jdbc.queryForObject("SELECT count(*) FROM subscription WHERE owner_unit = ? AND status <> 'DELETED'",
                Integer.class, owner);
        SubscriptionPolicies.atMostSubscriptionsPerUnit(held == null ? 0 : held, settings.maxPerUnit());
        String id = "sub_" + UUID.randomUUID().toString().replace("-", "");
        Instant now = clock.instant();
        jdbc.update("""
                INSERT INTO subscription (id, owner_unit, scope, url, description, event_types, task_ids, sections,
                                          counties, plan_id, status, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?::text[], ?::text[], ?::int[], ?::text[], ?, 'ACTIVE', ?, ?)""",
                id, owner, scope.name(), request.url(), request.description(),
                request.eventTypes().toArray(String[]::new), request.taskIds().toArray(String[]::new),
                request.sections().toArray(Integer[]::new), request.counties().toArray(String[]::new),
                request.planId(), Timestamp.from(now), actor.username());
        String secret = newSecret();
        jdbc.update("INSERT INTO subscription_secret (subscription_id, secret, created_at) VALUES (?, ?, ?)",
                id, secret, Timestamp.from(now));
        log.info("unit {} subscribed {} to {} ({} event type(s))", owner, id, request.url(),
                request.eventTypes().isEmpty() ? "all" : request.eventTypes().size());
        return new WithSecret(get(owner, id), secret);
    }

    /** The owner's subscriptions (deleted ones are gone), oldest first. */
    public List<Subscription> of(String owner) {
        return jdbc.query("SELECT * FROM subscription WHERE owner_unit = ? AND status <> 'DELETED' ORDER BY created_at, id",
                ROW, owner);
    }

    /** One of the owner's subscriptions; another unit's answers exactly like a missing one (404). */
    public Subscription get(String owner, String id) {
        return jdbc.query("SELECT * FROM subscription WHERE id = ? AND owner_unit = ? AND status <> 'DELETED'",
                        ROW, id, owner).stream().findFirst()
                .orElseThrow(() -> DomainException.notFound("Your unit has no subscription " + id + "."));
    }

    public Optional<Subscription> find(String id) {
        return jdbc.query("SELECT * FROM subscription WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** Every active subscription (matched against each event). */
    public List<Subscription> active() {
        return jdbc.query("SELECT * FROM subscription WHERE status = 'ACTIVE'", ROW);
    }

    /** Deletes a subscription: nothing more is delivered to it, and its log is no longer served. */
    @Transactional
    public void delete(String owner, String id) {
        get(owner, id);
        jdbc.update("UPDATE subscription SET status = 'DELETED', deleted_at = ? WHERE id = ?",
                Timestamp.from(clock.instant()), id);
        jdbc.update("UPDATE delivery SET status = 'FAILED', last_error = 'the subscription was deleted', claim_token = NULL"
                + " WHERE subscription_id = ? AND status = 'PENDING'", id);
        log.info("unit {} deleted subscription {}", owner, id);
    }

    /**
     * A new secret, shown once. The previous one keeps signing beside it (two signatures on every
     * delivery) until the overlap ends, so a receiver can switch without losing a delivery.
     */
    @Transactional
    public WithSecret rotate(String owner, String id) {
        Subscription subscription = get(owner, id);
        Instant now = clock.instant();
        jdbc.update("""
                UPDATE subscription_secret SET expires_at = ?
                WHERE subscription_id = ? AND (expires_at IS NULL OR expires_at > ?)""",
                Timestamp.from(now.plus(settings.secretOverlap())), id, Timestamp.from(now.plus(settings.secretOverlap())));
        String secret = newSecret();
        jdbc.update("INSERT INTO subscription_secret (subscription_id, secret, created_at) VALUES (?, ?, ?)",
                id, secret, Timestamp.from(now));
        log.info("unit {} rotated the secret of subscription {}", owner, id);
        return new WithSecret(subscription, secret);
    }

    /** Enables a disabled subscription again; its waiting deliveries go out. */
    @Transactional
    public Subscription enable(String owner, String id) {
        get(owner, id);
        jdbc.update("""
                UPDATE subscription SET status = 'ACTIVE', failing_since = NULL, disabled_at = NULL, disabled_reason = NULL
                WHERE id = ? AND status = 'DISABLED'""", id);
        return get(owner, id);
    }

    /** The secrets that sign a delivery now: the current one and any still in its overlap. */
    public List<String> signingSecrets(String id) {
        return jdbc.queryForList("""
                SELECT secret FROM subscription_secret
                WHERE subscription_id = ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY created_at DESC""",
                String.class, id, Timestamp.from(clock.instant()));
    }

    /** A delivery to the subscription succeeded: it is healthy again. */
    public void succeeded(String id) {
        jdbc.update("UPDATE subscription SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL", id);
    }

    /**
     * A delivery to the subscription failed. When it has failed without a success for longer than
     * the configured time, it is disabled and its owner finds a notification in its inbox.
     *
     * @return true when this failure disabled it
     */
    public boolean failed(String id, Instant at) {
        jdbc.update("UPDATE subscription SET failing_since = ? WHERE id = ? AND failing_since IS NULL",
                Timestamp.from(at), id);
        Optional<Subscription> found = find(id);
        if (found.isEmpty() || found.get().status() != Subscription.Status.ACTIVE) {
            return false;
        }
        Subscription s = found.get();
        if (!WebhookHealthPolicy.shouldDisable(s.failingSince(), at, settings.disableAfter())) {
            return false;
        }
        String reason = "deliveries failed without a success since " + s.failingSince();
        if (jdbc.update("UPDATE subscription SET status = 'DISABLED', disabled_at = ?, disabled_reason = ?"
                + " WHERE id = ? AND status = 'ACTIVE'", Timestamp.from(at), reason, id) == 0) {
            return false;
        }
        log.warn("subscription {} of unit {} disabled: {}", id, s.ownerUnit(), reason);
        NotificationDraft told = new NotificationDraft(s.ownerUnit(), null, NotificationType.WEBHOOK_DISABLED,
                "Webhook订阅已停用：" + s.url(),
                "向" + s.url() + "推送的Webhook自" + s.failingSince() + "起持续失败，已于" + at + "自动停用。"
                        + "请检查接收端后重新启用该订阅（" + s.id() + "）：已排队的推送将在启用后继续发送，停用期间发生的事件不再推送。",
                null, null, null);
        inbox.deliver(List.of(new Inbox.EventNotifications("webhook-disabled:" + id + ":" + at.toEpochMilli(),
                "WebhookDisabled", RequestContext.correlationId(), List.of(told))), Map.of());
        return true;
    }

    static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    private static Set<String> strings(Array array) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList((String[]) array.getArray()));
    }

    private static Set<Integer> ints(Array array) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList((Integer[]) array.getArray()));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** When an endpoint that keeps failing is given up on. */
    public static final class WebhookHealthPolicy {
        private WebhookHealthPolicy() {
        }

        /** Disabled once it has failed, without a success in between, for at least {@code disableAfter}. */
        public static boolean shouldDisable(Instant failingSince, Instant now, Duration disableAfter) {
            return failingSince != null && !now.isBefore(failingSince.plus(disableAfter));
        }
    }
}
