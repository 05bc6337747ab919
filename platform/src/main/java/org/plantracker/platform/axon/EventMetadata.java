package org.plantracker.platform.axon;

import java.util.List;

/**
 * Metadata keys every command and stored event carries: who (user and unit), through which client,
 * under which correlation id. The audit trail is built on them. The Kafka headers use the same names.
 */
public final class EventMetadata {
    public static final String CORRELATION_ID = "correlation-id";
    public static final String ACTOR_USER = "actor-user";
    public static final String ACTOR_UNIT = "actor-unit";
    public static final String CLIENT = "client";

    public static final List<String> KEYS = List.of(CORRELATION_ID, ACTOR_USER, ACTOR_UNIT, CLIENT);

    private EventMetadata() {
    }
}
