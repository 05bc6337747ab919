package org.plantracker.task.api;

import java.time.LocalDate;

/** The lead unit added or revised a milestone (节点) of a task: what must stand by which date. */
public record MilestoneSetEvent(String taskId, String planId, int number, String milestoneId, String title,
                                LocalDate dueDate, boolean revised) {
}
