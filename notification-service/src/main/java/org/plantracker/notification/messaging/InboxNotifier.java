package org.plantracker.notification.messaging;

import org.plantracker.notification.query.NotificationDraft;
import org.plantracker.notification.query.NotificationType;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.UnitRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides who hears about an event and what they read. Works on the event alone (no stored state):
 * a reassignment carries the previous lead and responsible units, which is all the comparison needs.
 */
final class InboxNotifier {

    private InboxNotifier() {
    }

    /**
     * One notification per unit the assignment concerns: a unit new to the task or whose role changed
     * hears it was assigned (once, even when it is both lead and responsible); a unit the
     * reassignment took off hears that; a unit whose role stayed the same hears nothing.
     */
    static List<NotificationDraft> forAssignment(TaskAssignedEvent task) {
        return forAssignment(task, task.planId());
    }

    /** @param planName the plan's title when known, otherwise its id */
    static List<NotificationDraft> forAssignment(TaskAssignedEvent task, String planName) {
        if (task.taskId() == null || task.taskId().isBlank()) {
            throw new IllegalArgumentException("TaskAssignedEvent without a taskId");
        }
        Map<String, UnitRef> currentUnits = new LinkedHashMap<>();
        Map<String, UnitRole> current = roles(task.leadUnit(), task.responsibleUnits(), currentUnits);
        Map<String, UnitRef> previousUnits = new LinkedHashMap<>();
        Map<String, UnitRole> previous = roles(task.previousLeadUnit(), task.previousResponsibleUnits(), previousUnits);

        List<NotificationDraft> drafts = new ArrayList<>();
        current.forEach((code, role) -> {
            UnitRole before = previous.get(code);
            if (role != before) {
                UnitRef unit = currentUnits.get(code);
                drafts.add(draft(unit, NotificationType.TASK_ASSIGNED, NotificationTexts.assignedTitle(task),
                        NotificationTexts.assignedBody(task, unit, role, before, planName), task));
            }
        });
        previous.forEach((code, role) -> {
            if (!current.containsKey(code)) {
                UnitRef unit = previousUnits.get(code);
                drafts.add(draft(unit, NotificationType.TASK_UNASSIGNED, NotificationTexts.unassignedTitle(task),
                        NotificationTexts.unassignedBody(task, unit, role, planName), task));
            }
        });
        return drafts;
    }

    /**
     * The task's lead unit hears of a report on its task, so it can review it; a lead unit reporting
     * on its own share needs no message about its own report.
     */
    static List<NotificationDraft> forProgressReport(ProgressReportSubmittedEvent report) {
        return forProgressReport(report, report.planId());
    }

    static List<NotificationDraft> forProgressReport(ProgressReportSubmittedEvent report, String planName) {
        UnitRef lead = report.leadUnit();
        if (lead == null || lead.code() == null) {
            return List.of();
        }
        if (report.unit() != null && lead.code().equals(report.unit().code())) {
            return List.of();
        }
        return List.of(new NotificationDraft(lead.code(), lead.name(), NotificationType.PROGRESS_REPORTED,
                NotificationTexts.progressTitle(report), NotificationTexts.progressBody(report, planName),
                report.taskId(), report.planId(), report.taskNumber()));
    }

    /** Each unit's role by code, in the order the plan names them (lead first). */
    private static Map<String, UnitRole> roles(UnitRef lead, List<UnitRef> responsible, Map<String, UnitRef> units) {
        Map<String, boolean[]> flags = new LinkedHashMap<>();
        if (lead != null && lead.code() != null) {
            units.putIfAbsent(lead.code(), lead);
            flags.computeIfAbsent(lead.code(), c -> new boolean[2])[0] = true;
        }
        if (responsible != null) {
            for (UnitRef unit : responsible) {
                if (unit == null || unit.code() == null) {
                    continue;
                }
                units.putIfAbsent(unit.code(), unit);
                flags.computeIfAbsent(unit.code(), c -> new boolean[2])[1] = true;
            }
        }
        Map<String, UnitRole> roles = new LinkedHashMap<>();
        flags.forEach((code, f) -> roles.put(code, UnitRole.of(f[0], f[1])));
        return roles;
    }

    private static NotificationDraft draft(UnitRef unit, NotificationType type, String title, String body,
                                           TaskAssignedEvent task) {
        return new NotificationDraft(unit.code(), unit.name(), type, title, body, task.taskId(), task.planId(),
                task.number());
    }
}
