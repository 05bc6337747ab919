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
import org.plantracker.platform.security.Roles;
import org.plantracker.progress.command.ReviewDecision;
import org.plantracker.progress.command.ReviewTaskSummaryCommand;
import org.plantracker.progress.command.SubmitTaskSummaryCommand;
import org.plantracker.progress.command.TaskShare;
import org.plantracker.progress.query.ReportQueries;
import org.plantracker.progress.query.SummaryView;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The lead unit's summary of a task for a period (总结), reviewed by the city committee; an accepted summary
 * lets the committee close the task in task-service (TaskSummaryAcceptedEvent).
 */
@RestController
public class SummaryController {

    private final CommandGateway commands;
    private final ReportQueries reports;

    public SummaryController(CommandGateway commands, ReportQueries reports) {
        this.commands = commands;
        this.reports = reports;
    }

    public record SummarySubmitted(String summaryId) {
    }

    public record SummaryReviewed(String summaryId, String decision) {
    }

    @Operation(summary = "The task's lead unit writes the task's summary for a period")
    @PostMapping("/api/tasks/{taskId}/summaries")
    @ResponseStatus(HttpStatus.CREATED)
    public SummarySubmitted submit(@PathVariable String taskId, @Valid @RequestBody SummaryRequest body) {
        Actor actor = CurrentActor.get();
        if (actor.unitCode() == null || actor.unitCode().isBlank()) {
            throw DomainException.forbidden("Only the task's lead unit writes its summary, and your token names no unit.");
        }
        SubmitTaskSummaryCommand command = new SubmitTaskSummaryCommand(TaskShare.idOf(taskId, actor.unitCode()),
                IdempotencyKeys.newId("summary"), body.period(), body.text(), actor);
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw notLead(taskId);
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof AggregateNotFoundException) {
                throw notLead(taskId);
            }
            throw e;
        }
        return new SummarySubmitted(command.summaryId());
    }

    @Operation(summary = "The task's summaries, newest first (the lead unit and the city committee)")
    @GetMapping("/api/tasks/{taskId}/summaries")
    public List<SummaryView> list(@PathVariable String taskId) {
        Actor actor = CurrentActor.get();
        ReportQueries.TaskLead task = reports.leadOf(taskId)
                .orElseThrow(() -> DomainException.notFound("No task " + taskId + " is known here."));
        if (!actor.hasRole(Roles.SUPERVISOR) && !task.leadUnit().code().equals(actor.unitCode())) {
            throw DomainException.forbidden("Only the lead unit and the city committee read the task's summaries.");
        }
        return reports.summaries(taskId);
    }

    @Operation(summary = "The city committee accepts the lead unit's summary or returns it with a reason")
    @PostMapping("/api/summaries/{summaryId}/review")
    public SummaryReviewed review(@PathVariable String summaryId, @Valid @RequestBody ReviewRequest body) {
        Actor actor = CurrentActor.get();
        SummaryView summary = reports.summary(summaryId)
                .orElseThrow(() -> DomainException.notFound("No summary " + summaryId + "."));
        ReviewDecision decision = ReviewDecision.valueOf(body.decision());
        commands.sendAndWait(new ReviewTaskSummaryCommand(TaskShare.idOf(summary.taskId(), summary.leadUnit().code()),
                summaryId, decision, body.comment(), actor));
        return new SummaryReviewed(summaryId, decision.name());
    }

    private static DomainException notLead(String taskId) {
        return DomainException.forbidden("Only the lead unit of task " + taskId + " writes its summary.");
    }
}
