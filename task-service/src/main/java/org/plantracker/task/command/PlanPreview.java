package org.plantracker.task.command;

import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.plantracker.task.importing.ImportedPlan;
import org.plantracker.task.importing.UnitDefinition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What importing a plan document would write: its sections, tasks with their units, the units it
 * assigns (those new to the registry marked) and the reader's warnings.
 *
 * @param importedBefore this very document was imported already (an import would change nothing)
 */
public record PlanPreview(String planId, boolean importedBefore, String region, String title,
                          List<Section> sections, List<Task> tasks, List<Unit> units, List<String> warnings) {

    public record Section(int ordinal, String numeral, String title, List<Integer> taskNumbers) {
    }

    public record Task(int number, int sectionOrdinal, String title, UnitRef leadUnit, List<UnitRef> responsibleUnits) {
    }

    /** A unit the plan assigns (lead or responsible); {@code isNew}: not yet in the units registry. */
    public record Unit(String code, String name, UnitKind kind, boolean isNew, int leadTasks, int responsibleTasks) {
    }

    static PlanPreview of(ImportedPlan plan, boolean importedBefore) {
        Set<String> newCodes = plan.newUnits().stream().map(UnitDefinition::code).collect(Collectors.toSet());
        Map<String, UnitRef> refs = new LinkedHashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (ImportedPlan.Task task : plan.tasks()) {
            refs.putIfAbsent(task.leadUnit().code(), task.leadUnit());
            counts.computeIfAbsent(task.leadUnit().code(), c -> new int[2])[0]++;
            for (UnitRef unit : task.responsibleUnits()) {
                refs.putIfAbsent(unit.code(), unit);
                counts.computeIfAbsent(unit.code(), c -> new int[2])[1]++;
            }
        }
        List<Unit> units = refs.values().stream().map(u -> new Unit(u.code(), u.name(), u.kind(),
                newCodes.contains(u.code()), counts.get(u.code())[0], counts.get(u.code())[1])).toList();
        return new PlanPreview(plan.planId(), importedBefore, plan.region(), plan.title(),
                plan.sections().stream().map(s -> new Section(s.ordinal(), s.numeral(), s.title(), s.taskNumbers()))
                        .toList(),
                plan.tasks().stream().map(t -> new Task(t.number(), t.sectionOrdinal(), t.title(), t.leadUnit(),
                        t.responsibleUnits())).toList(),
                units, plan.warnings());
    }
}
