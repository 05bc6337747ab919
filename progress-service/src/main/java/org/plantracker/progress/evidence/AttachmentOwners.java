package org.plantracker.progress.evidence;

import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.Roles;
import org.plantracker.progress.assignment.Assignments;
import org.plantracker.progress.practice.GoodPracticeQueries;
import org.plantracker.progress.practice.GoodPracticeView;
import org.plantracker.progress.problem.ProblemQueries;
import org.plantracker.progress.problem.ProblemView;
import org.plantracker.progress.query.ReportQueries;
import org.plantracker.progress.query.ReportView;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the item evidence is attached to and applies its own rules: who attaches (the report's unit; the
 * city committee to its supervision record; the unit that answered a problem, or the city committee; the
 * unit that submitted a good practice) and who reads (whoever may read the item itself).
 */
@Component
public class AttachmentOwners {

    private final ReportQueries reports;
    private final Assignments assignments;
    private final ProblemQueries problems;
    private final GoodPracticeQueries practices;
    private final JdbcTemplate jdbc;

    public AttachmentOwners(ReportQueries reports, Assignments assignments, ProblemQueries problems,
                            GoodPracticeQueries practices, JdbcTemplate jdbc) {
        this.reports = reports;
        this.assignments = assignments;
        this.problems = problems;
        this.practices = practices;
        this.jdbc = jdbc;
    }

    /**
     * An item that exists, with what its rules need.
     *
     * @param unitCode the unit the item belongs to (recorded on the attachment; the package groups by it)
     */
    public record Item(AttachmentOwner owner, String taskId, String unitCode, Reader reader, Attacher attacher) {
    }

    @FunctionalInterface
    interface Reader {
        boolean mayRead(Actor actor);
    }

    @FunctionalInterface
    interface Attacher {
        /** Throws the item's own refusal when the actor may not attach to it. */
        void requireMayAttach(Actor actor);
    }

    /** The item, or 404 naming it. */
    public Item find(AttachmentOwner owner) {
        return switch (owner.kind()) {
            case REPORT -> report(owner);
            case SUPERVISION -> supervision(owner);
            case PROBLEM_ANSWER -> problemAnswer(owner);
            case PRACTICE -> practice(owner);
        };
    }

    public void requireMayRead(Actor actor, Item item) {
        if (!item.reader().mayRead(actor)) {
            throw DomainException.forbidden("Your unit may not read the " + item.owner() + ", so not its evidence either.");
        }
    }

    /** As a report itself is read (ShareAccess): the report's unit, the task's lead unit, the city committee. */
    private Item report(AttachmentOwner owner) {
        ReportView report = reports.report(owner.id())
                .orElseThrow(() -> DomainException.notFound("No report " + owner.id() + "."));
        String unit = report.unit().code();
        String lead = report.leadUnit().code();
        return new Item(owner, report.taskId(), unit,
                actor -> actor.hasRole(Roles.SUPERVISOR) || unit.equals(actor.unitCode()) || lead.equals(actor.unitCode()),
                actor -> {
                    if (!unit.equals(actor.unitCode())) {
                        throw DomainException.forbidden("Only " + unit + ", whose report it is, attaches evidence to report "
                                + owner.id() + ".");
                    }
                });
    }

    private record Supervision(String taskId, String unitCode) {
    }

    /** As the records are listed: all for the city committee and the lead unit, the whole task's and its own for an assigned unit. */
    private Item supervision(AttachmentOwner owner) {
        Supervision record = jdbc.query("SELECT task_id, unit_code FROM supervision_record WHERE record_id = ?",
                        (rs, i) -> new Supervision(rs.getString("task_id"), rs.getString("unit_code")), owner.id())
                .stream().findFirst()
                .orElseThrow(() -> DomainException.notFound("No supervision record " + owner.id() + "."));
        Assignments.TaskInfo task = assignments.requireTask(record.taskId());
        String lead = task.leadUnit().code();
        return new Item(owner, record.taskId(), record.unitCode() == null ? lead : record.unitCode(),
                actor -> actor.hasRole(Roles.SUPERVISOR) || lead.equals(actor.unitCode())
                        || (assignments.assignedUnit(record.taskId(), actor.unitCode()).isPresent()
                        && (record.unitCode() == null || record.unitCode().equals(actor.unitCode()))),
                actor -> {
                    if (!actor.hasRole(Roles.SUPERVISOR)) {
                        throw DomainException.forbidden("Only the city committee, which records supervision (督导), "
                                + "attaches evidence to a supervision record.");
                    }
                });
    }

    /** Read as the problem is: the city committee, the lead unit, the task's units. */
    private Item problemAnswer(AttachmentOwner owner) {
        String problemId = owner.id();
        String taskId = jdbc.query("SELECT task_id FROM problem WHERE problem_id = ?", (rs, i) -> rs.getString(1), problemId)
                .stream().findFirst().orElseThrow(() -> DomainException.notFound("No problem " + problemId + "."));
        Assignments.TaskInfo task = assignments.requireTask(taskId);
        ProblemView problem = problems.byId(taskId, problemId).orElseThrow(() -> DomainException.notFound(
                "Task " + taskId + " has no problem " + problemId + "."));
        String lead = task.leadUnit().code();
        ProblemView.Answer answer = problem.answer();
        return new Item(owner, taskId, answer == null ? lead : answer.answeredByCode(),
                actor -> actor.hasRole(Roles.SUPERVISOR) || lead.equals(actor.unitCode())
                        || assignments.assignedUnit(taskId, actor.unitCode()).isPresent(),
                actor -> {
                    if (answer == null) {
                        throw new DomainException(HttpStatus.CONFLICT, "Problem " + problemId + " has no answer yet; "
                                + "answer it first, then attach the answer's evidence.");
                    }
                    if (!actor.hasRole(Roles.SUPERVISOR) && !answer.answeredByCode().equals(actor.unitCode())) {
                        throw DomainException.forbidden("Only " + answer.answeredByCode() + ", which answered problem "
                                + problemId + ", and the city committee attach evidence to its answer.");
                    }
                });
    }

    /** Read as the practice is: published for anyone, waiting for the city committee and its unit. */
    private Item practice(AttachmentOwner owner) {
        GoodPracticeView practice = practices.byId(owner.id())
                .orElseThrow(() -> DomainException.notFound("No good practice " + owner.id() + "."));
        String unit = practice.unit().code();
        return new Item(owner, practice.taskId(), unit,
                actor -> practice.published() || actor.hasRole(Roles.SUPERVISOR) || unit.equals(actor.unitCode()),
                actor -> {
                    if (!unit.equals(actor.unitCode())) {
                        throw DomainException.forbidden("Only " + unit + ", which submitted good practice " + owner.id()
                                + ", attaches evidence to it.");
                    }
                });
    }
}
