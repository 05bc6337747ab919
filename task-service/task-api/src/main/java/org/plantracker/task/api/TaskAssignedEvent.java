package org.plantracker.task.api;

import java.util.List;

/**
 * A task's lead unit (牵头单位) and responsible units (责任单位) were set, with groups already
 * expanded to concrete units. Carries the previous values for the audit trail and enough about
 * the task that consumers need no other event.
 *
 * @param expansions which groups the plan named and the units each stood for
 * @param previousLeadUnit null on the first assignment
 */
public record TaskAssignedEvent(String taskId, String planId, int number, int sectionOrdinal, String sectionTitle,
                                String title, UnitRef leadUnit, List<UnitRef> responsibleUnits,
                                List<GroupExpansion> expansions, UnitRef previousLeadUnit,
                                List<UnitRef> previousResponsibleUnits) {

    /** A collective the plan named (e.g. 县(市)区关工委) and the codes of the units it was expanded to. */
    public record GroupExpansion(String group, List<String> memberCodes) {
    }
}
