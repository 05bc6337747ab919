package org.plantracker.task.command;

import java.util.List;

/**
 * What an import did (or, for a document imported before, what the first import did).
 *
 * @param units   distinct concrete units assigned across the plan's tasks
 * @param created false when the document had been imported before and nothing was written
 */
public record ImportPlanResult(String planId, int sections, int tasks, int units, List<String> warnings,
                               boolean created) {
}
