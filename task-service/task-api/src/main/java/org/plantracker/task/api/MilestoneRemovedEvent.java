package org.plantracker.task.api;

/** The lead unit removed a milestone. */
public record MilestoneRemovedEvent(String taskId, String planId, int number, String milestoneId, String reason) {
}
