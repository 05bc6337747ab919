package org.plantracker.notification.command;

import java.time.Instant;
import java.util.Set;

/**
 * A unit's webhook subscription: where to POST, which events, and what it may hear.
 *
 * @param scope       what the owner may hear at all (decided from its role when it subscribed)
 * @param eventTypes  event types (empty: every type the owner may hear)
 * @param taskIds     only events of these tasks (empty: any)
 * @param sections    only events of tasks in these sections, by ordinal (empty: any)
 * @param counties    only events that concern one of these county committees (empty: any)
 * @param planId      only events of this plan (null: any)
 * @param failingSince the first failed attempt since the last successful one, or null
 */
public record Subscription(String id, String ownerUnit, Scope scope, String url, String description,
                           Set<String> eventTypes, Set<String> taskIds, Set<Integer> sections, Set<String> counties,
                           String planId, Status status, Instant createdAt, String createdBy, Instant failingSince,
                           Instant disabledAt, String disabledReason) {

    /** What a subscription's owner may hear. */
    public enum Scope {
        /** The city committee (市关工委) supervises everything. */
        CITY_COMMITTEE,
        /** A county committee hears only what concerns its own county. */
        COUNTY,
        /** Any other unit hears only what concerns itself. */
        UNIT
    }

    public enum Status { ACTIVE, DISABLED, DELETED }
}
