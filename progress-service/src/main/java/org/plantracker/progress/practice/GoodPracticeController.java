package org.plantracker.progress.practice;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Units submit good practices (典型经验) from their tasks; the city committee publishes them for everyone. */
@RestController
public class GoodPracticeController {

    private final CommandGateway commands;
    private final Assignments assignments;
    private final GoodPracticeQueries practices;

    public GoodPracticeController(CommandGateway commands, Assignments assignments, GoodPracticeQueries practices) {
        this.commands = commands;
        this.assignments = assignments;
        this.practices = practices;
    }

    public record SubmitGoodPracticeRequest(
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String title,
            @NotBlank(message = "is required") @Size(max = 20000, message = "must be at most 20000 characters") String text) {
    }

    public record PracticeId(String practiceId) {
    }

    @Operation(summary = "Submit a good practice (典型经验) from the task (an assigned unit, for itself)")
    @PostMapping("/api/tasks/{taskId}/practices")
    @ResponseStatus(HttpStatus.CREATED)
    public PracticeId submit(@PathVariable String taskId, @Valid @RequestBody SubmitGoodPracticeRequest body) {
        Actor actor = CurrentActor.get();
        UnitRef unit = assignments.assignedUnit(taskId, actor.unitCode()).orElseThrow(() -> DomainException.forbidden(
                "Only the units assigned to task " + taskId + " submit good practices from it."));
        Assignments.TaskInfo task = assignments.requireTask(taskId);
        String practiceId = commands.sendAndWait(new SubmitGoodPracticeCommand(IdempotencyKeys.newId("practice"), taskId,
                task.planId(), task.taskNumber(), task.taskTitle(), unit, body.title().strip(), body.text()));
        return new PracticeId(practiceId);
    }

    @Operation(summary = "Publish a submitted good practice for every unit (city committee only)")
    @PostMapping("/api/practices/{practiceId}/publish")
    public PracticeId publish(@PathVariable String practiceId) {
        Actor actor = CurrentActor.get();
        if (!actor.hasRole(Roles.SUPERVISOR)) {
            throw DomainException.forbidden("Only the city committee publishes a good practice.");
        }
        commands.sendAndWait(new PublishGoodPracticeCommand(practiceId, actor.hasRole(Roles.SUPERVISOR)));
        return new PracticeId(practiceId);
    }

    /**
     * The published practices of a plan, for every caller; {@code state=SUBMITTED} lists those waiting
     * to be published, for the city committee.
     */
    @Operation(summary = "The published good practices of a plan (anyone); state=SUBMITTED: those waiting (city committee)")
    @GetMapping("/api/practices")
    public List<GoodPracticeView> list(@RequestParam(required = false) String planId,
                                       @RequestParam(required = false, defaultValue = "PUBLISHED") String state) {
        if (planId == null || planId.isBlank()) {
            throw DomainException.badRequest("Name the plan: ?planId=", new FieldProblem("planId", "is required"));
        }
        return switch (state) {
            case "PUBLISHED" -> practices.published(planId);
            case "SUBMITTED" -> {
                if (!CurrentActor.get().hasRole(Roles.SUPERVISOR)) {
                    throw DomainException.forbidden("Only the city committee reads the practices not yet published.");
                }
                yield practices.submitted(planId);
            }
            default -> throw DomainException.badRequest("Unknown state " + state + ".",
                    new FieldProblem("state", "must be PUBLISHED or SUBMITTED"));
        };
    }

    /** A published practice is for everyone; one not yet published for the city committee and the unit that submitted it. */
    @Operation(summary = "One good practice: published for anyone, waiting for the city committee and its unit")
    @GetMapping("/api/practices/{practiceId}")
    public GoodPracticeView one(@PathVariable String practiceId) {
        Actor actor = CurrentActor.get();
        GoodPracticeView practice = practices.byId(practiceId)
                .filter(p -> p.published() || actor.hasRole(Roles.SUPERVISOR) || p.unit().code().equals(actor.unitCode()))
                .orElseThrow(() -> DomainException.notFound("No good practice " + practiceId + " is published."));
        return practice;
    }
}
