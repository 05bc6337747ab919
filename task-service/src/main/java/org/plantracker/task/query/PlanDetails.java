package org.plantracker.task.query;

import java.time.Instant;
import java.util.List;

/** A plan with its sections and, in each, its tasks. */
public record PlanDetails(String planId, String title, String region, String documentSha256, Instant importedAt,
                          String importedBy, List<String> warnings, List<Section> sections) {

    public record Section(int ordinal, String numeral, String title, List<TaskView> tasks) {
    }
}
