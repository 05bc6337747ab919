package org.plantracker.task.api;

import java.time.LocalDate;

/**
 * The city committee decided an extension request.
 *
 * @param newDueDate      the task's due date after a granted extension; null when refused
 * @param extensionsGranted how many extensions the task has had, this one included
 */
public record ExtensionDecidedEvent(String taskId, String planId, int number, String requestId, UnitRef unit,
                                    boolean granted, LocalDate newDueDate, int extensionsGranted, String comment) {
}
