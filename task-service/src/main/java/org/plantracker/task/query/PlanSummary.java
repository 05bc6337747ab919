package org.plantracker.task.query;

import java.time.Instant;

/** One imported plan in the list of plans. */
public record PlanSummary(String planId, String title, String region, Instant importedAt, int sectionCount,
                          int taskCount) {
}
