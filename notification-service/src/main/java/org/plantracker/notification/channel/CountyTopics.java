package org.plantracker.notification.channel;

/**
 * The Kafka topics county committees' own systems read: one per county committee, named after its
 * unit code, e.g. {@code plan-tracker.county.jixi-mishan}. Record key: the task id (the event's
 * aggregate id when it is about no task); value: the JSON of {@link EventPayloads#envelope};
 * headers: those of every plan-tracker event (event-id, event-type, correlation-id, occurred-at …).
 */
public final class CountyTopics {

    public static final String PREFIX = "plan-tracker.county.";

    private CountyTopics() {
    }

    public static String of(String countyCode) {
        return PREFIX + countyCode;
    }
}
