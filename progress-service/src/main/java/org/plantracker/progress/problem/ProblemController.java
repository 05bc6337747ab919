package org.plantracker.progress.problem;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.platform.security.Roles;
import org.plantracker.progress.assignment.Assignments;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Problems raised upward by the units of a task; the city committee (and, for a problem that is not
 * general, the task's lead unit) answers them.
 */
@RestController
public class ProblemController {

    private final CommandGateway commands;
    private final Assignments assignments;
    private final ProblemQueries problems;

    public ProblemController(CommandGateway commands, Assignments assignments, ProblemQueries problems) {
        this.commands = commands;
        this.assignments = assignments;
        this.problems = problems;
    }

    /**
     * @param category the short name of the problem; the same category on the same task is the same problem
     */
    public record RaiseProblemRequest(
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String category,
            @NotBlank(message = "is required") @Size(max = 10000, message = "must be at most 10000 characters") String text) {
    }

    public record AnswerProblemRequest(
            @NotBlank(message = "is required") @Size(max = 10000, message = "must be at most 10000 characters") String answer,
            Boolean escalate) {
    }

    public record CloseProblemRequest(@Size(max = 10000, message = "must be at most 10000 characters") String comment) {
    }

    public record ProblemId(String problemId) {
    }

    /** Raises the problem, or joins it when a unit already raised the same one. */
    @Operation(summary = "Raise a problem upward on the task (an assigned unit, for itself), or join the same one: "
            + "same task and same category after normalising; enough county committees make it general (普遍性问题)")
    @PostMapping("/api/tasks/{taskId}/problems")
    @ResponseStatus(HttpStatus.CREATED)
    public ProblemId raise(@PathVariable String taskId, @Valid @RequestBody RaiseProblemRequest body) {
        Actor actor = CurrentActor.get();
        UnitRef unit = assignments.assignedUnit(taskId, actor.unitCode()).orElseThrow(() -> DomainException.forbidden(
                "Only the units assigned to task " + taskId + " raise problems on it."));
        Assignments.TaskInfo task = assignments.requireTask(taskId);
        String problemId = commands.sendAndWait(new RaiseProblemCommand(ProblemKey.problemId(taskId, body.category()),
                taskId, task.planId(), task.taskNumber(), task.taskTitle(), body.category().strip(), unit, body.text()));
        return new ProblemId(problemId);
    }

    @Operation(summary = "The task's problems (the city committee, the lead unit, the task's units)")
    @GetMapping("/api/tasks/{taskId}/problems")
    public List<ProblemView> ofTask(@PathVariable String taskId) {
        requireReader(taskId);
        return problems.ofTask(taskId);
    }

    @Operation(summary = "One problem of the task with its raisers and its last answer")
    @GetMapping("/api/tasks/{taskId}/problems/{problemId}")
    public ProblemView one(@PathVariable String taskId, @PathVariable String problemId) {
        requireReader(taskId);
        return problems.byId(taskId, problemId).orElseThrow(() -> DomainException.notFound(
                "Task " + taskId + " has no problem " + problemId + "."));
    }

    @Operation(summary = "Answer or escalate a problem: the city committee any, the lead unit one that is not general "
            + "and without escalating")
    @PostMapping("/api/tasks/{taskId}/problems/{problemId}/answer")
    public ProblemId answer(@PathVariable String taskId, @PathVariable String problemId,
                            @Valid @RequestBody AnswerProblemRequest body) {
        Actor actor = CurrentActor.get();
        Assignments.TaskInfo task = assignments.requireTask(taskId);
        ProblemAuthority authority = authorityOf(actor, task);
        UnitRef answeredBy = authority == ProblemAuthority.LEAD_UNIT ? task.leadUnit()
                : assignments.assignedUnit(taskId, actor.unitCode())
                .orElse(new UnitRef(actor.unitCode(), actor.unitCode(), authority == ProblemAuthority.CITY_COMMITTEE
                        ? UnitKind.CITY_COMMITTEE : UnitKind.CITY_DEPARTMENT));
        commands.sendAndWait(new AnswerProblemCommand(problemId, taskId, answeredBy, authority, body.answer(),
                Boolean.TRUE.equals(body.escalate())));
        return new ProblemId(problemId);
    }

    @Operation(summary = "Close an answered problem (city committee only)")
    @PostMapping("/api/tasks/{taskId}/problems/{problemId}/close")
    public ProblemId close(@PathVariable String taskId, @PathVariable String problemId,
                           @Valid @RequestBody(required = false) CloseProblemRequest body) {
        Actor actor = CurrentActor.get();
        Assignments.TaskInfo task = assignments.requireTask(taskId);
        commands.sendAndWait(new CloseProblemCommand(problemId, taskId, authorityOf(actor, task),
                body == null || body.comment() == null || body.comment().isBlank() ? null : body.comment()));
        return new ProblemId(problemId);
    }

    /** Every problem of a plan, for the city committee: e.g. {@code ?state=OPEN&general=true}. */
    @Operation(summary = "Every problem of a plan, by state and general or not (city committee only)")
    @GetMapping("/api/problems")
    public List<ProblemView> ofPlan(@RequestParam(required = false) String planId,
                                    @RequestParam(required = false) String state,
                                    @RequestParam(required = false) Boolean general) {
        if (!CurrentActor.get().hasRole(Roles.SUPERVISOR)) {
            throw DomainException.forbidden("Only the city committee reads the problems of a whole plan.");
        }
        if (planId == null || planId.isBlank()) {
            throw DomainException.badRequest("Name the plan: ?planId=", new FieldProblem("planId", "is required"));
        }
        ProblemState wanted = null;
        if (state != null && !state.isBlank()) {
            try {
                wanted = ProblemState.valueOf(state);
            } catch (IllegalArgumentException e) {
                throw DomainException.badRequest("Unknown state " + state + ".",
                        new FieldProblem("state", "must be OPEN, ANSWERED or CLOSED"));
            }
        }
        return problems.ofPlan(planId, wanted, general);
    }

    private static ProblemAuthority authorityOf(Actor actor, Assignments.TaskInfo task) {
        if (actor.hasRole(Roles.SUPERVISOR)) {
            return ProblemAuthority.CITY_COMMITTEE;
        }
        if (task.leadUnit().code().equals(actor.unitCode())) {
            return ProblemAuthority.LEAD_UNIT;
        }
        return ProblemAuthority.OTHER;
    }

    /** The city committee, the task's lead unit and its assigned units read its problems. */
    private void requireReader(String taskId) {
        Actor actor = CurrentActor.get();
        Assignments.TaskInfo task = assignments.requireTask(taskId);
        if (!actor.hasRole(Roles.SUPERVISOR) && !task.leadUnit().code().equals(actor.unitCode())
                && assignments.assignedUnit(taskId, actor.unitCode()).isEmpty()) {
            throw DomainException.forbidden("Only the city committee and the units of task " + taskId + " read its problems.");
        }
    }
}
