package org.plantracker.task.command;

import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.Roles;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.TaskKind;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every rule of a task's life, each a named policy from the facts to a refusal, kept in this one place;
 * the Task aggregate applies them and nothing else decides. A refusal is a {@link DomainException}: 403
 * for an actor without the right, 409 for a task whose state does not allow the change, 400 (with the
 * fields named) for bad input.
 *
 * <ul>
 *   <li>{@link #cityCommitteeOnly}: the city committee (SUPERVISOR) assigns, schedules, decides requests,
 *       closes and reopens.</li>
 *   <li>{@link #leadUnitOnly}: the task's lead unit, by unit code, refines it (targets, milestones).</li>
 *   <li>{@link #assignedUnitForItself}: a unit acknowledges, asks for an adjustment or an extension for its own
 *       assignment only.</li>
 *   <li>{@link #openTasksOnly}: a closed task (办结) changes only by being reopened.</li>
 *   <li>{@link #reassignmentNeedsReason}: every task was assigned by its import, so a reassignment says why.</li>
 *   <li>{@link #scheduleShape}: a LONG_TERM task (长期性任务) is reported every reporting cycle and has no due
 *       date (its dated parts are targets or milestones); a NEAR_TERM task (近期完成的工作) has a due date,
 *       and a reporting cycle when it reports on the way, otherwise one report by the due date.</li>
 *   <li>{@link #notInThePast}: a due date set now is today or later.</li>
 *   <li>{@link #rescheduleNeedsReason}: changing a schedule says why; the first schedule needs no reason.</li>
 *   <li>{@link #targetShape}: a target is MEASURABLE (metric, value, direction; unit optional), DATED
 *       (from ≤ to) or QUALITATIVE (a description only), never a mix.</li>
 *   <li>{@link #acknowledgementDueDate} and {@link #mustAcknowledge}: every unit new to a task acknowledges
 *       (签收) within the configured days, except the city committee, which does the assigning.</li>
 *   <li>{@link #adjustmentInsteadOfAcknowledging}: a unit asks for an adjustment instead of acknowledging,
 *       not after.</li>
 *   <li>{@link #oneOpenRequestPerUnit}: a unit has at most one open request of each kind on a task.</li>
 *   <li>{@link #extensionMovesTheDueDateLater}: only a task with a due date is extended, to a later date
 *       that is not in the past.</li>
 *   <li>{@link #refusalNeedsComment}: rejecting a request says why.</li>
 *   <li>{@link #closingNeedsAcceptedSummary}: a task is closed only once its lead unit's summary was accepted;
 *       reopening asks for a new accepted summary before the next close.</li>
 *   <li>{@link #withinLimit}: at most {@value #MAX_TARGETS} targets and {@value #MAX_MILESTONES} milestones.</li>
 * </ul>
 */
final class TaskPolicies {

    static final int MAX_TARGETS = 50;
    static final int MAX_MILESTONES = 50;
    /** Dates outside these are typing errors, not plans. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2099, 12, 31);

    private TaskPolicies() {
    }

    static Optional<DomainException> cityCommitteeOnly(Actor actor, String action) {
        if (actor != null && actor.hasRole(Roles.SUPERVISOR)) {
            return Optional.empty();
        }
        return Optional.of(DomainException.forbidden("Only the city committee (市关工委) " + action + "."));
    }

    static Optional<DomainException> leadUnitOnly(Actor actor, UnitRef leadUnit) {
        if (actor != null && leadUnit != null && leadUnit.code().equals(actor.unitCode())) {
            return Optional.empty();
        }
        return Optional.of(DomainException.forbidden("Only the task's lead unit (牵头单位"
                + (leadUnit == null ? "" : ", " + leadUnit.name()) + ") refines it."));
    }

    /** @return the actor's unit as the task names it, or the refusal */
    static UnitRef assignedUnitForItself(Actor actor, UnitRef leadUnit, List<UnitRef> responsibleUnits) {
        String code = actor == null ? null : actor.unitCode();
        if (code != null) {
            if (leadUnit != null && leadUnit.code().equals(code)) {
                return leadUnit;
            }
            for (UnitRef unit : responsibleUnits) {
                if (unit.code().equals(code)) {
                    return unit;
                }
            }
        }
        throw DomainException.forbidden("Only a unit assigned to this task may do this, and only for itself.");
    }

    static Optional<DomainException> openTasksOnly(boolean closed) {
        return closed ? Optional.of(DomainException.conflict("The task is closed (已办结); reopen it first."))
                : Optional.empty();
    }

    static Optional<FieldProblem> reassignmentNeedsReason(String reason) {
        return isBlank(reason) ? Optional.of(new FieldProblem("reason", "say why the task is reassigned"))
                : Optional.empty();
    }

    static List<FieldProblem> scheduleShape(TaskKind kind, LocalDate dueDate, ReportingCycle cycle) {
        List<FieldProblem> problems = new ArrayList<>();
        if (kind == null) {
            problems.add(new FieldProblem("kind", "LONG_TERM or NEAR_TERM"));
        } else if (kind == TaskKind.LONG_TERM) {
            if (cycle == null) {
                problems.add(new FieldProblem("reportingCycle", "a long-term task is reported every cycle: name it"));
            }
            if (dueDate != null) {
                problems.add(new FieldProblem("dueDate",
                        "a long-term task has no due date; give its dated parts as targets or milestones"));
            }
        } else if (dueDate == null) {
            problems.add(new FieldProblem("dueDate", "a near-term task needs the date its results are due"));
        }
        problems.addAll(inRange("dueDate", dueDate));
        return problems;
    }

    static List<FieldProblem> notInThePast(String field, LocalDate date, LocalDate today) {
        return date != null && date.isBefore(today)
                ? List.of(new FieldProblem(field, "must be today (" + today + ") or later"))
                : List.of();
    }

    static Optional<FieldProblem> rescheduleNeedsReason(boolean scheduledBefore, String reason) {
        return scheduledBefore && isBlank(reason)
                ? Optional.of(new FieldProblem("reason", "say why the schedule changes"))
                : Optional.empty();
    }

    static List<FieldProblem> targetShape(TargetDraft target) {
        List<FieldProblem> problems = new ArrayList<>();
        if (isBlank(target.description())) {
            problems.add(new FieldProblem("description", "describe the target"));
        }
        if (target.measurable() && target.dated()) {
            String mix = "a target is measurable (metric, targetValue, direction) or dated (from, to), not both";
            if (target.from() != null) {
                problems.add(new FieldProblem("from", mix));
            }
            if (target.to() != null) {
                problems.add(new FieldProblem("to", mix));
            }
        } else if (target.measurable()) {
            if (isBlank(target.metric())) {
                problems.add(new FieldProblem("metric", "a measurable target names its metric, e.g. 五好关工委达标率"));
            }
            if (target.targetValue() == null) {
                problems.add(new FieldProblem("targetValue", "a measurable target has a value to reach"));
            }
            if (target.direction() == null) {
                problems.add(new FieldProblem("direction", "AT_LEAST, AT_MOST or EQUAL"));
            }
        } else if (target.dated()) {
            if (target.from() == null) {
                problems.add(new FieldProblem("from", "a dated target runs from a date"));
            }
            if (target.to() == null) {
                problems.add(new FieldProblem("to", "a dated target runs to a date"));
            }
            if (target.from() != null && target.to() != null && target.to().isBefore(target.from())) {
                problems.add(new FieldProblem("to", "must not be before from"));
            }
        }
        problems.addAll(inRange("from", target.from()));
        problems.addAll(inRange("to", target.to()));
        return problems;
    }

    static LocalDate acknowledgementDueDate(LocalDate today, int acknowledgementDays) {
        return today.plusDays(acknowledgementDays);
    }

    static List<UnitRef> mustAcknowledge(List<UnitRef> unitsNewToTheTask) {
        return unitsNewToTheTask.stream().filter(u -> u.kind() != UnitKind.CITY_COMMITTEE).toList();
    }

    /** @param acknowledgement the unit's acknowledgement on the task, null when it needs none */
    static Optional<DomainException> adjustmentInsteadOfAcknowledging(Task.Acknowledgement acknowledgement) {
        if (acknowledgement == null) {
            return Optional.of(DomainException.conflict(
                    "The city committee assigns its own tasks; it has no assignment to adjust."));
        }
        if (acknowledgement.state() == Task.AcknowledgementState.ACKNOWLEDGED) {
            return Optional.of(DomainException.conflict(
                    "Your unit acknowledged this assignment already; an adjustment is asked for instead of acknowledging."));
        }
        return Optional.empty();
    }

    static Optional<DomainException> oneOpenRequestPerUnit(boolean alreadyOpen, String kind) {
        return alreadyOpen ? Optional.of(DomainException.conflict("Your unit's " + kind
                + " request on this task is still open; the city committee decides it first.")) : Optional.empty();
    }

    static Optional<DomainException> extensionNeedsDueDate(LocalDate currentDueDate) {
        return currentDueDate == null ? Optional.of(DomainException.conflict(
                "This task has no due date to extend: a long-term task is reported every cycle."))
                : Optional.empty();
    }

    static List<FieldProblem> extensionMovesTheDueDateLater(LocalDate requested, LocalDate currentDueDate,
                                                            LocalDate today) {
        if (requested == null) {
            return List.of(new FieldProblem("requestedDueDate", "the due date asked for"));
        }
        List<FieldProblem> problems = new ArrayList<>(inRange("requestedDueDate", requested));
        if (currentDueDate != null && !requested.isAfter(currentDueDate)) {
            problems.add(new FieldProblem("requestedDueDate", "must be after the current due date " + currentDueDate));
        }
        problems.addAll(notInThePast("requestedDueDate", requested, today));
        return problems;
    }

    static Optional<FieldProblem> refusalNeedsComment(boolean approved, String comment) {
        return !approved && isBlank(comment)
                ? Optional.of(new FieldProblem("comment", "say why the request is rejected"))
                : Optional.empty();
    }

    static Optional<DomainException> closingNeedsAcceptedSummary(String acceptedSummaryId) {
        return acceptedSummaryId == null ? Optional.of(DomainException.conflict(
                "The task's lead unit has no accepted summary (总结) yet; a task is closed once it has."))
                : Optional.empty();
    }

    static Optional<DomainException> withinLimit(int count, int limit, String what) {
        return count >= limit ? Optional.of(DomainException.conflict("A task has at most " + limit + " " + what + "."))
                : Optional.empty();
    }

    static List<FieldProblem> inRange(String field, LocalDate date) {
        return date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))
                ? List.of(new FieldProblem(field, "must be between " + EARLIEST + " and " + LATEST))
                : List.of();
    }

    static Optional<FieldProblem> required(String field, String value, String message) {
        return isBlank(value) ? Optional.of(new FieldProblem(field, message)) : Optional.empty();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
