package org.plantracker.progress.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.idempotency.IdempotencyKeys;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.progress.command.IssueUrgeCommand;
import org.plantracker.progress.command.ReadUrgeCommand;
import org.plantracker.progress.command.TaskShare;
import org.plantracker.progress.query.ReportQueries;
import org.plantracker.progress.query.UrgeView;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Manual urges (催办) and their read receipts. Automatic urges come from the shares' deadlines. */
@RestController
public class UrgeController {

    private final CommandGateway commands;
    private final ReportQueries reports;

    public UrgeController(CommandGateway commands, ReportQueries reports) {
        this.commands = commands;
        this.reports = reports;
    }

    public record Urged(String urgeId) {
    }

    @Operation(summary = "The city committee or the task's lead unit urges a unit on its share of the task")
    @PostMapping("/api/tasks/{taskId}/units/{unitCode}/urges")
    @ResponseStatus(HttpStatus.CREATED)
    public Urged urge(@PathVariable String taskId, @PathVariable String unitCode, @Valid @RequestBody UrgeRequest body) {
        Actor actor = CurrentActor.get();
        IssueUrgeCommand command = new IssueUrgeCommand(TaskShare.idOf(taskId, unitCode), IdempotencyKeys.newId("urge"),
                body.period(), body.message().strip(), actor);
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw noShare(taskId, unitCode);
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof AggregateNotFoundException) {
                throw noShare(taskId, unitCode);
            }
            throw e;
        }
        return new Urged(command.urgeId());
    }

    @Operation(summary = "One urge and whether it was read (the urged unit, the task's lead unit, the city committee)")
    @GetMapping("/api/urges/{urgeId}")
    public UrgeView get(@PathVariable String urgeId) {
        UrgeView urge = reports.urge(urgeId).orElseThrow(() -> DomainException.notFound("No urge " + urgeId + "."));
        String lead = reports.leadOf(urge.taskId()).map(t -> t.leadUnit().code()).orElse(null);
        ShareAccess.mayRead(CurrentActor.get(), urge.unit().code(), lead, urge.taskId());
        return urge;
    }

    @Operation(summary = "The urged unit confirms it read the urge (the read receipt); again changes nothing")
    @PostMapping("/api/urges/{urgeId}/read")
    public Urged read(@PathVariable String urgeId) {
        String shareId = reports.shareOfUrge(urgeId)
                .orElseThrow(() -> DomainException.notFound("No urge " + urgeId + "."));
        commands.sendAndWait(new ReadUrgeCommand(shareId, urgeId, CurrentActor.get()));
        return new Urged(urgeId);
    }

    private static DomainException noShare(String taskId, String unitCode) {
        return DomainException.notFound(unitCode + " has no share in task " + taskId + ".");
    }
}
