package org.plantracker.task.api;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;

/**
 * A task's lead unit (牵头单位) and responsible units (责任单位) were set, with groups already
 * expanded to concrete units. Carries the previous values for the audit trail and enough about
 * the task that consumers need no other event.
 *
 * @param expansions which groups the plan named and the units each stood for
 * @param previousLeadUnit null on the first assignment
 * @param reason     why the city committee reassigned the task; null on the first assignment (the
 *                   import's) and in events stored before reassignments had to give one
 */
public record TaskAssignedEvent(String taskId, String planId, int number, int sectionOrdinal, String sectionTitle,
                                String title, UnitRef leadUnit, List<UnitRef> responsibleUnits,
                                List<GroupExpansion> expansions, UnitRef previousLeadUnit,
                                List<UnitRef> previousResponsibleUnits, String reason) {

    /** The one constructor Jackson reads stored and published events with (a missing reason reads as null). */
    @JsonCreator
    public TaskAssignedEvent {
    }

    /** An assignment without a reason: the first one, as the import makes it. */
    public TaskAssignedEvent(String taskId, String planId, int number, int sectionOrdinal, String sectionTitle,
                             String title, UnitRef leadUnit, List<UnitRef> responsibleUnits,
                             List<GroupExpansion> expansions, UnitRef previousLeadUnit,
                             List<UnitRef> previousResponsibleUnits) {
        this(taskId, planId, number, sectionOrdinal, sectionTitle, title, leadUnit, responsibleUnits, expansions,
                previousLeadUnit, previousResponsibleUnits, null);
    }

    /** A collective the plan named (e.g. 县(市)区关工委) and the codes of the units it was expanded to. */
    public record GroupExpansion(String group, List<String> memberCodes) {
    }
}
