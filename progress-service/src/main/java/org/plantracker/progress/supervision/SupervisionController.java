package org.plantracker.progress.supervision;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.idempotency.IdempotencyKeys;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.platform.security.Roles;
import org.plantracker.progress.assignment.Assignments;
import org.plantracker.task.api.UnitRef;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The city committee records supervision (督导) of a task or of one unit's share; the task's units read it. */
@RestController
public class SupervisionController {

    private final CommandGateway commands;
    private final Assignments assignments;
    private final SupervisionQueries records;

    public SupervisionController(CommandGateway commands, Assignments assignments, SupervisionQueries records) {
        this.commands = commands;
        this.assignments = assignments;
        this.records = records;
    }

    /**
     * @param unitCode the unit whose share the record is about; omitted for the whole task
     */
    public record RecordSupervisionRequest(
            @Size(max = 100, message = "must be at most 100 characters") String unitCode,
            @NotBlank(message = "is required") @Size(max = 10000, message = "must be at most 10000 characters") String findings,
            @Size(max = 10000, message = "must be at most 10000 characters") String comment) {
    }

    public record SupervisionRecorded(String recordId) {
    }

    @Operation(summary = "Record supervision (督导) of the task or of one assigned unit's share: findings and a comment (city committee only)")
    @PostMapping("/api/tasks/{taskId}/supervision")
    @ResponseStatus(HttpStatus.CREATED)
    public SupervisionRecorded record(@PathVariable String taskId, @Valid @RequestBody RecordSupervisionRequest body) {
        Actor actor = CurrentActor.get();
        if (!actor.hasRole(Roles.SUPERVISOR)) {
            throw DomainException.forbidden("Only the city committee records supervision (督导).");
        }
        Assignments.TaskInfo task = assignments.requireTask(taskId);
        UnitRef unit = null;
        if (body.unitCode() != null && !body.unitCode().isBlank()) {
            unit = assignments.assignedUnit(taskId, body.unitCode()).orElseThrow(() -> DomainException.badRequest(
                    "Supervision is of a unit assigned to the task.",
                    new FieldProblem("unitCode", "is not assigned to task " + taskId)));
        }
        String recordId = commands.sendAndWait(new RecordSupervisionCommand(IdempotencyKeys.newId("supervision"), taskId,
                task.planId(), task.taskNumber(), task.taskTitle(), unit, task.leadUnit(), body.findings(),
                blankToNull(body.comment()), actor.hasRole(Roles.SUPERVISOR)));
        return new SupervisionRecorded(recordId);
    }

    /**
     * The city committee and the task's lead unit read every record of the task; another assigned
     * unit reads those about the whole task and those about itself.
     */
    @Operation(summary = "The task's supervision records, oldest first: all for the city committee and the lead unit, "
            + "those about the whole task or itself for another assigned unit")
    @GetMapping("/api/tasks/{taskId}/supervision")
    public List<SupervisionRecordView> list(@PathVariable String taskId) {
        Actor actor = CurrentActor.get();
        Assignments.TaskInfo task = assignments.requireTask(taskId);
        boolean seesAll = actor.hasRole(Roles.SUPERVISOR) || task.leadUnit().code().equals(actor.unitCode());
        if (!seesAll && assignments.assignedUnit(taskId, actor.unitCode()).isEmpty()) {
            throw DomainException.forbidden("Only the city committee and the units of task " + taskId
                    + " read its supervision records.");
        }
        return records.ofTask(taskId, seesAll, actor.unitCode());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
