package org.plantracker.task.importing;

import org.plantracker.task.api.PlanImportedEvent;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.UnitRef;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A plan document read and resolved against its region's units registry: everything an import
 * writes, decided before anything is written.
 *
 * @param newUnits city-level units the plan names that the registry did not know yet
 * @param warnings what the reader had to interpret (aliases, new units, groups without members)
 */
public record ImportedPlan(String planId, String documentSha256, String region, String title,
                           List<PlanImportedEvent.Section> sections, List<Task> tasks,
                           List<UnitDefinition> newUnits, List<String> warnings) {

    public ImportedPlan {
        sections = List.copyOf(sections);
        tasks = List.copyOf(tasks);
        newUnits = List.copyOf(newUnits);
        warnings = List.copyOf(warnings);
    }

    /** Distinct concrete units assigned (lead or responsible) across all tasks. */
    public int unitCount() {
        Set<String> codes = new LinkedHashSet<>();
        for (Task task : tasks) {
            codes.add(task.leadUnit().code());
            task.responsibleUnits().forEach(u -> codes.add(u.code()));
        }
        return codes.size();
    }

    /**
     * A task with its units resolved: groups expanded to their members (the expansions say which),
     * a group without members kept as itself.
     */
    public record Task(String taskId, int number, int sectionOrdinal, String sectionTitle, String title,
                       String text, UnitRef leadUnit, List<UnitRef> responsibleUnits,
                       List<TaskAssignedEvent.GroupExpansion> expansions) {
        public Task {
            responsibleUnits = List.copyOf(responsibleUnits);
            expansions = List.copyOf(expansions);
        }
    }
}
