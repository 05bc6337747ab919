package org.plantracker.task.api;

/** The lead unit removed a target; figures reported against it stay on record. */
public record TargetRemovedEvent(String taskId, String planId, int number, String targetId, String reason) {
}
