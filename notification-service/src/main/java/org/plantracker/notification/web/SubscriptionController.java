package org.plantracker.notification.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.plantracker.notification.channel.Outbox;
import org.plantracker.notification.command.Subscription;
import org.plantracker.notification.command.Subscriptions;
import org.plantracker.notification.messaging.NotificationRules;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Webhook subscriptions of the caller's unit: only the owner unit sees or changes a subscription
 * (another unit's answers as a missing one, 404); a county committee only ever receives events
 * that concern its own county.
 */
@RestController
@RequestMapping("/api/subscriptions")
@Tag(name = "subscriptions", description = "Webhook subscriptions of the caller's unit (Standard Webhooks)")
public class SubscriptionController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final Subscriptions subscriptions;
    private final Outbox outbox;
    private final Clock clock;

    public SubscriptionController(Subscriptions subscriptions, Outbox outbox, Clock clock) {
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record FilterView(Set<String> taskIds, Set<Integer> sections, Set<String> counties, String planId) {
    }

    /** A subscription as its owner sees it; the secret is never part of it. */
    public record SubscriptionView(String subscriptionId, String unit, Subscription.Scope scope, String url,
                                   String description, Set<String> eventTypes, FilterView filter,
                                   Subscription.Status status, Instant createdAt, String createdBy,
                                   Instant failingSince, Instant disabledAt, String disabledReason) {
        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id(), s.ownerUnit(), s.scope(), s.url(), s.description(), s.eventTypes(),
                    new FilterView(s.taskIds(), s.sections(), s.counties(), s.planId()), s.status(), s.createdAt(),
                    s.createdBy(), s.failingSince(), s.disabledAt(), s.disabledReason());
        }
    }

    /** The answer to a subscription or a rotation: the secret, shown this once. */
    public record SubscriptionWithSecret(String subscriptionId, String secret, SubscriptionView subscription) {
    }

    /** One delivery in a subscription's log. */
    public record DeliveryView(long deliveryId, String webhookId, String eventId, String eventType,
                               Outbox.Status status, int attempts, OffsetDateTime createdAt,
                               OffsetDateTime nextAttemptAt, OffsetDateTime lastAttemptAt, Integer lastResponseCode,
                               String lastError, OffsetDateTime deliveredAt, List<Outbox.LoggedAttempt> attemptLog) {
        static DeliveryView of(Outbox.LoggedDelivery d, List<Outbox.LoggedAttempt> attempts) {
            return new DeliveryView(d.id(), d.messageId(), d.eventId(), d.eventType(), d.status(), d.attempts(),
                    d.createdAt(), d.nextAttemptAt(), d.lastAttemptAt(), d.lastStatusCode(), d.lastError(),
                    d.deliveredAt(), attempts);
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Subscribes the caller's unit to events by webhook; answers the signing secret, shown this once")
    public SubscriptionWithSecret create(@Valid @RequestBody SubscriptionRequest body) {
        SubscriptionRequest.Filter filter = body.filter();
        Subscriptions.WithSecret made = subscriptions.create(CurrentActor.get(), new Subscriptions.Request(
                body.url().strip(), body.description(), set(body.eventTypes()),
                set(filter == null ? null : filter.taskIds()),
                filter == null || filter.sections() == null ? Set.of() : new TreeSet<>(filter.sections()),
                set(filter == null ? null : filter.counties()),
                filter == null || filter.planId() == null || filter.planId().isBlank() ? null : filter.planId()));
        return new SubscriptionWithSecret(made.subscription().id(), made.secret(), SubscriptionView.of(made.subscription()));
    }

    @GetMapping
    @Operation(summary = "The caller's unit's subscriptions")
    public List<SubscriptionView> list() {
        return subscriptions.of(Callers.unit()).stream().map(SubscriptionView::of).toList();
    }

    @GetMapping("/event-types")
    @Operation(summary = "The event types a subscription may name")
    public Set<String> eventTypes() {
        return new TreeSet<>(NotificationRules.SUBSCRIBABLE);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of the caller's unit's subscriptions")
    public SubscriptionView get(@PathVariable String id) {
        return SubscriptionView.of(subscriptions.get(Callers.unit(), id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Deletes a subscription: nothing more is delivered to it")
    public void delete(@PathVariable String id) {
        subscriptions.delete(Callers.unit(), id);
    }

    @PostMapping("/{id}/secret/rotate")
    @Operation(summary = "Gives the subscription a new secret, shown this once; the old one keeps signing beside it for the overlap")
    public SubscriptionWithSecret rotate(@PathVariable String id) {
        Subscriptions.WithSecret rotated = subscriptions.rotate(Callers.unit(), id);
        return new SubscriptionWithSecret(id, rotated.secret(), SubscriptionView.of(rotated.subscription()));
    }

    @PostMapping("/{id}/enable")
    @Operation(summary = "Enables a subscription that was disabled after failing deliveries")
    public SubscriptionView enable(@PathVariable String id) {
        return SubscriptionView.of(subscriptions.enable(Callers.unit(), id));
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "The subscription's delivery log, newest first: status, attempts, last response code and time")
    public List<DeliveryView> deliveries(
            @PathVariable String id,
            @Parameter(description = "page size, 1–" + MAX_LIMIT + ", default " + DEFAULT_LIMIT)
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "the next page: only deliveries with an id below this one")
            @RequestParam(required = false) Long before) {
        subscriptions.get(Callers.unit(), id);
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw DomainException.badRequest("limit must be between 1 and " + MAX_LIMIT + ".",
                    new FieldProblem("limit", "must be between 1 and " + MAX_LIMIT));
        }
        return outbox.ofSubscription(id, before, pageSize).stream().map(d -> DeliveryView.of(d, null)).toList();
    }

    @GetMapping("/{id}/deliveries/{deliveryId}")
    @Operation(summary = "One delivery of the subscription with every attempt")
    public DeliveryView delivery(@PathVariable String id, @PathVariable String deliveryId) {
        Outbox.LoggedDelivery d = ownDelivery(id, deliveryId);
        return DeliveryView.of(d, outbox.attempts(d.id()));
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Sends a delivery again now, with the same webhook-id and a fresh retry schedule")
    public DeliveryView redeliver(@PathVariable String id, @PathVariable String deliveryId) {
        Subscription s = subscriptions.get(Callers.unit(), id);
        Outbox.LoggedDelivery d = ownDelivery(id, deliveryId);
        if (s.status() != Subscription.Status.ACTIVE) {
            throw DomainException.conflict("The subscription is disabled: enable it before redelivering.");
        }
        if (!outbox.redeliver(d.id(), clock.instant())) {
            throw DomainException.conflict("The delivery is being sent right now; look at its log in a moment.");
        }
        return DeliveryView.of(outbox.find(d.id()).orElseThrow(), outbox.attempts(d.id()));
    }

    private Outbox.LoggedDelivery ownDelivery(String id, String deliveryId) {
        subscriptions.get(Callers.unit(), id);
        return Callers.number(deliveryId).flatMap(outbox::find).filter(d -> id.equals(d.subscriptionId()))
                .orElseThrow(() -> DomainException.notFound("Subscription " + id + " has no delivery " + deliveryId + "."));
    }

    private static Set<String> set(List<String> values) {
        if (values == null) {
            return Set.of();
        }
        Set<String> set = new LinkedHashSet<>();
        values.forEach(v -> set.add(v.strip()));
        return set;
    }
}
