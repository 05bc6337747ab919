package org.plantracker.platform.messaging;

import org.plantracker.platform.axon.EventMetadata;

/**
 * Kafka record headers of every published event (part of the published contract). The record key
 * is the aggregate id, so one aggregate's events stay in order on one partition; the value is the
 * event record as JSON.
 */
public final class EventHeaders {
    public static final String EVENT_ID = "event-id";
    /** Simple class name of the event record in the producer's API module, e.g. TaskAssignedEvent. */
    public static final String EVENT_TYPE = "event-type";
    public static final String AGGREGATE_ID = "aggregate-id";
    public static final String AGGREGATE_SEQUENCE = "aggregate-sequence";
    public static final String OCCURRED_AT = "occurred-at";
    public static final String CORRELATION_ID = EventMetadata.CORRELATION_ID;
    public static final String ACTOR_USER = EventMetadata.ACTOR_USER;
    public static final String ACTOR_UNIT = EventMetadata.ACTOR_UNIT;
    public static final String CLIENT = EventMetadata.CLIENT;

    private EventHeaders() {
    }

    /** The dead-letter topic of a topic: poison events wait there for an operator. */
    public static String deadLetterTopic(String topic) {
        return topic + ".DLT";
    }
}
