package org.plantracker.task.api;

/**
 * A numbered task of a plan exists. Its assignment follows as a {@link TaskAssignedEvent}.
 *
 * @param title a short title derived from the task's first clause
 * @param text  the task's full text as written in the plan, without the unit clauses
 */
public record TaskCreatedEvent(String taskId, String planId, int number, int sectionOrdinal, String sectionTitle,
                               String title, String text) {
}
