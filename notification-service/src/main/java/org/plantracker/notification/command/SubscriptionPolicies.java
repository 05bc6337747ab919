package org.plantracker.notification.command;

import org.plantracker.notification.messaging.EventFacts;
import org.plantracker.notification.messaging.NotificationRules;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.Roles;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules of subscriptions, each a named policy, all listed here: who may subscribe and to what,
 * and which events a subscription receives. The receiving rule is applied to every event, whatever
 * a subscription's filter says, so a filter can narrow what a unit hears but never widen it.
 */
public final class SubscriptionPolicies {

    private SubscriptionPolicies() {
    }

    /** Subscriptions belong to units: a token without a unit cannot hold one. */
    public static Subscription.Scope onlyUnitsSubscribe(Actor actor) {
        if (actor.unitCode() == null || actor.unitCode().isBlank()) {
            throw DomainException.forbidden("Your access token names no unit; subscriptions belong to units.");
        }
        if (actor.hasRole(Roles.SUPERVISOR)) {
            return Subscription.Scope.CITY_COMMITTEE;
        }
        return actor.hasRole(Roles.COUNTY_COMMITTEE) ? Subscription.Scope.COUNTY : Subscription.Scope.UNIT;
    }

    /** A county committee's filter may name no county but its own: no unit can ask for another's events. */
    public static void countyCommitteeFiltersOnlyItsOwnCounty(Subscription.Scope scope, String owner,
                                                              Set<String> counties) {
        if (scope == Subscription.Scope.COUNTY) {
            for (String county : counties) {
                if (!county.equals(owner)) {
                    throw DomainException.forbidden("A county committee subscribes only to what concerns its own county: "
                            + "the filter names " + county + ", and your unit is " + owner + ".");
                }
            }
        }
    }

    /** Event types must be ones the service sends. */
    public static void onlyKnownEventTypes(Set<String> eventTypes) {
        List<FieldProblem> problems = new ArrayList<>();
        int i = 0;
        for (String type : eventTypes) {
            if (!NotificationRules.SUBSCRIBABLE.contains(type)) {
                problems.add(new FieldProblem("eventTypes[" + i + "]", "is not an event type the service sends: " + type));
            }
            i++;
        }
        if (!problems.isEmpty()) {
            throw new DomainException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "The subscription names event types the service does not send.", problems);
        }
    }

    /** A unit holds a bounded number of subscriptions. */
    public static void atMostSubscriptionsPerUnit(int held, int max) {
        if (held >= max) {
            throw DomainException.conflict("Your unit already holds " + held + " subscriptions, the most a unit may hold;"
                    + " delete one first.");
        }
    }

    /**
     * What a subscription's owner may hear at all: the city committee everything; a county committee
     * only events that concern its own county; any other unit only events that concern itself.
     */
    public static boolean ownerMayHear(Subscription subscription, EventFacts facts) {
        return switch (subscription.scope()) {
            case CITY_COMMITTEE -> true;
            case COUNTY -> facts.counties().contains(subscription.ownerUnit());
            case UNIT -> facts.concerns(subscription.ownerUnit());
        };
    }

    /** The subscription's own filter: event type, plan, task, section, county. */
    public static boolean filterMatches(Subscription s, String eventType, EventFacts facts) {
        if (!s.eventTypes().isEmpty() && !s.eventTypes().contains(eventType)) {
            return false;
        }
        if (s.planId() != null && !s.planId().equals(facts.planId())) {
            return false;
        }
        if (!s.taskIds().isEmpty() && (facts.taskId() == null || !s.taskIds().contains(facts.taskId()))) {
            return false;
        }
        if (!s.sections().isEmpty() && (facts.sectionOrdinal() == null || !s.sections().contains(facts.sectionOrdinal()))) {
            return false;
        }
        return s.counties().isEmpty() || facts.counties().stream().anyMatch(s.counties()::contains);
    }

    /** Every rule a delivery must pass: the subscription is active, its owner may hear the event, its filter matches. */
    public static boolean receives(Subscription s, String eventType, EventFacts facts) {
        return s.status() == Subscription.Status.ACTIVE && ownerMayHear(s, facts) && filterMatches(s, eventType, facts);
    }
}
