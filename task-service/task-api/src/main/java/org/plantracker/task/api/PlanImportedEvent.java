package org.plantracker.task.api;

import java.util.List;

/**
 * A plan document was imported: its sections in order, the numbers of the tasks in each, and what
 * the importer had to interpret (warnings, e.g. an alias resolved).
 *
 * @param documentSha256 hash of the normalised document; the same document imports to the same plan
 */
public record PlanImportedEvent(String planId, String title, String region, String documentSha256,
                                List<Section> sections, List<String> warnings) {

    /**
     * @param numeral the section's numeral as written, e.g. 四
     * @param ordinal its position, 1-based
     */
    public record Section(int ordinal, String numeral, String title, List<Integer> taskNumbers) {
    }
}
