package org.plantracker.progress.api;

/** Kafka topic of progress-service's events. Record key: the aggregate id; value: the event as JSON. */
public final class ProgressTopics {
    public static final String PROGRESS_EVENTS = "plan-tracker.progress-events";

    private ProgressTopics() {
    }
}
