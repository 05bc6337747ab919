package org.plantracker.progress.messaging;

import org.plantracker.progress.command.AssignTaskShareCommand;
import org.plantracker.progress.command.TaskShare;
import org.plantracker.progress.command.WithdrawTaskShareCommand;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.UnitRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What one task assignment means for the task's shares. */
final class TaskShareCommands {

    private TaskShareCommands() {
    }

    /**
     * A share for every unit the assignment names (the lead unit and each responsible unit, one
     * share when a unit is both), and a withdrawal for every unit the previous assignment named
     * that this one does not.
     */
    static List<Object> forAssignment(TaskAssignedEvent event, long taskVersion) {
        Map<String, UnitRef> assigned = new LinkedHashMap<>();
        if (event.leadUnit() != null) {
            assigned.put(event.leadUnit().code(), event.leadUnit());
        }
        Set<String> responsible = new LinkedHashSet<>();
        for (UnitRef unit : nullToEmpty(event.responsibleUnits())) {
            assigned.putIfAbsent(unit.code(), unit);
            responsible.add(unit.code());
        }
        List<Object> commands = new ArrayList<>();
        for (UnitRef unit : assigned.values()) {
            boolean lead = event.leadUnit() != null && event.leadUnit().code().equals(unit.code());
            commands.add(new AssignTaskShareCommand(TaskShare.idOf(event.taskId(), unit.code()), event.taskId(),
                    event.planId(), event.number(), event.sectionOrdinal(), event.sectionTitle(), event.title(),
                    unit, event.leadUnit(), lead, responsible.contains(unit.code()), taskVersion));
        }
        Set<String> previous = new LinkedHashSet<>();
        if (event.previousLeadUnit() != null) {
            previous.add(event.previousLeadUnit().code());
        }
        nullToEmpty(event.previousResponsibleUnits()).forEach(unit -> previous.add(unit.code()));
        for (String unitCode : previous) {
            if (!assigned.containsKey(unitCode)) {
                commands.add(new WithdrawTaskShareCommand(TaskShare.idOf(event.taskId(), unitCode), event.taskId(),
                        unitCode, taskVersion));
            }
        }
        return commands;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
