package org.plantracker.task.api;

/** Kafka topic of task-service's events. Record key: the aggregate id; value: the event as JSON. */
public final class TaskTopics {
    public static final String TASK_EVENTS = "plan-tracker.task-events";

    private TaskTopics() {
    }
}
