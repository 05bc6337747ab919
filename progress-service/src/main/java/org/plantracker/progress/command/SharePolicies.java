package org.plantracker.progress.command;

import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.Roles;
import org.plantracker.task.api.UnitRef;

import java.util.Optional;

/**
 * Every rule a task share decides by, in one place. Each is a small function from the facts to a refusal
 * (empty when allowed); the {@link TaskShare} aggregate enforces them.
 * <ul>
 *   <li>{@link #reportsOnlyForItself}: a unit reports only on its own share, while it is assigned.</li>
 *   <li>{@link #periodStillOpen}: one report per unit and period; a correction or resubmission is a new
 *       version of it, until a version is accepted (then the period is closed).</li>
 *   <li>{@link #taskOpen}: a closed task (办结) takes no reports and no urges until it is reopened.</li>
 *   <li>{@link #periodFitsTheCycle}: a task reported on a cycle takes periods written as that cycle writes
 *       them (2030-Q2 for a quarterly task, not 2030-05).</li>
 *   <li>{@link #reviewer}: the task's lead unit reviews the reports of the task; the lead unit's own
 *       reports are reviewed by the city committee (nobody reviews itself).</li>
 *   <li>{@link #reviewable}: only the current version of a period's report is reviewed, and only once.</li>
 *   <li>{@link #reasonToReturn}: a returned report says why.</li>
 *   <li>{@link #mayUrge}: the city committee or the task's lead unit urge a unit; never the unit itself.</li>
 *   <li>{@link #readsOwnUrge}: only the urged unit confirms it read an urge.</li>
 *   <li>{@link #writesTheSummary}: only the task's lead unit writes the task's summary, while it leads it.</li>
 *   <li>{@link #reviewsTheSummary}: only the city committee reviews a summary.</li>
 * </ul>
 */
public final class SharePolicies {

    private SharePolicies() {
    }

    static Optional<DomainException> reportsOnlyForItself(String actorUnit, UnitRef unit, boolean assigned, String taskId) {
        if (actorUnit == null || !actorUnit.equals(unit.code())) {
            return Optional.of(DomainException.forbidden("A unit reports only for itself: " + actorUnit
                    + " may not report on the share of " + unit.name() + " (" + unit.code() + ") in task " + taskId + "."));
        }
        if (!assigned) {
            return Optional.of(DomainException.forbidden(unit.name() + " (" + unit.code()
                    + ") is no longer assigned to task " + taskId + " and cannot report on it."));
        }
        return Optional.empty();
    }

    static Optional<DomainException> periodStillOpen(String period, TaskShare.PeriodReport current) {
        if (current != null && current.state() == ReviewState.ACCEPTED) {
            return Optional.of(DomainException.conflict("The report for " + period + " (version " + current.version()
                    + ") was accepted; the period is closed."));
        }
        return Optional.empty();
    }

    static Optional<DomainException> taskOpen(boolean taskClosed, String taskId) {
        if (taskClosed) {
            return Optional.of(DomainException.conflict("Task " + taskId + " is closed (办结); it takes no reports or urges "
                    + "until the city committee reopens it."));
        }
        return Optional.empty();
    }

    static Optional<DomainException> periodFitsTheCycle(String period, org.plantracker.task.api.ReportingCycle cycle) {
        if (cycle != null && !Periods.fits(cycle, period)) {
            String example = Periods.of(cycle, java.time.LocalDate.of(2030, 5, 10));
            return Optional.of(DomainException.badRequest("The task is reported " + cycle.name().toLowerCase()
                    + "; write the period as " + example + ".",
                    new FieldProblem("period", "must be a " + cycle.name().toLowerCase() + " period, e.g. " + example)));
        }
        return Optional.empty();
    }

    /** True when the actor reviews the reports of a share of {@code unit} in a task led by {@code leadUnit}. */
    static boolean isReviewer(Actor actor, UnitRef unit, UnitRef leadUnit) {
        if (actor == null) {
            return false;
        }
        if (unit.code().equals(leadUnit.code())) {
            return actor.hasRole(Roles.SUPERVISOR) && !unit.code().equals(actor.unitCode());
        }
        return leadUnit.code().equals(actor.unitCode());
    }

    static Optional<DomainException> reviewer(Actor actor, UnitRef unit, UnitRef leadUnit, String taskId) {
        if (isReviewer(actor, unit, leadUnit)) {
            return Optional.empty();
        }
        String who = unit.code().equals(leadUnit.code()) ? "the city committee (the report is the lead unit's own)"
                : "the task's lead unit " + leadUnit.name() + " (" + leadUnit.code() + ")";
        return Optional.of(DomainException.forbidden("Only " + who + " reviews the reports of "
                + unit.name() + " on task " + taskId + "."));
    }

    static Optional<DomainException> reviewable(String reportId, TaskShare.PeriodReport current) {
        if (!current.reportId().equals(reportId)) {
            return Optional.of(DomainException.conflict("Report " + reportId + " was superseded by version "
                    + current.version() + " (" + current.reportId() + "); review that one."));
        }
        if (current.state() != ReviewState.SUBMITTED) {
            return Optional.of(DomainException.conflict("Report " + reportId + " was already "
                    + current.state().name().toLowerCase() + "."));
        }
        return Optional.empty();
    }

    static Optional<DomainException> reasonToReturn(ReviewDecision decision, String comment) {
        if (decision == null) {
            return Optional.of(DomainException.badRequest("Say ACCEPT or RETURN.",
                    new FieldProblem("decision", "must be ACCEPT or RETURN")));
        }
        if (decision == ReviewDecision.RETURN && (comment == null || comment.isBlank())) {
            return Optional.of(DomainException.badRequest("A returned report says why.",
                    new FieldProblem("comment", "is required when returning a report")));
        }
        return Optional.empty();
    }

    static Optional<DomainException> mayUrge(Actor actor, UnitRef unit, UnitRef leadUnit, String taskId) {
        if (actor != null && unit.code().equals(actor.unitCode())) {
            return Optional.of(DomainException.forbidden("A unit does not urge itself."));
        }
        if (actor != null && (actor.hasRole(Roles.SUPERVISOR) || leadUnit.code().equals(actor.unitCode()))) {
            return Optional.empty();
        }
        return Optional.of(DomainException.forbidden("Only the city committee or the lead unit "
                + leadUnit.name() + " (" + leadUnit.code() + ") urges the units of task " + taskId + "."));
    }

    static Optional<DomainException> readsOwnUrge(Actor actor, UnitRef unit) {
        if (actor == null || !unit.code().equals(actor.unitCode())) {
            return Optional.of(DomainException.forbidden("Only the urged unit " + unit.name() + " (" + unit.code()
                    + ") confirms it read the urge."));
        }
        return Optional.empty();
    }

    static Optional<DomainException> writesTheSummary(Actor actor, UnitRef unit, boolean lead, boolean assigned,
                                                      String taskId) {
        if (actor == null || !unit.code().equals(actor.unitCode()) || !lead || !assigned) {
            return Optional.of(DomainException.forbidden("Only the lead unit of task " + taskId
                    + " writes its summary."));
        }
        return Optional.empty();
    }

    static Optional<DomainException> reviewsTheSummary(Actor actor, String taskId) {
        if (actor == null || !actor.hasRole(Roles.SUPERVISOR)) {
            return Optional.of(DomainException.forbidden("Only the city committee reviews the summary of task "
                    + taskId + "."));
        }
        return Optional.empty();
    }
}
