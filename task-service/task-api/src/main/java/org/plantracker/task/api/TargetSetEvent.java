package org.plantracker.task.api;

/** The lead unit added a target to a task, or revised one (the same targetId). */
public record TargetSetEvent(String taskId, String planId, int number, Target target, boolean revised) {
}
