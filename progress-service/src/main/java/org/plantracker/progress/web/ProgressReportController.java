package org.plantracker.progress.web;

import jakarta.validation.Valid;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.idempotency.IdempotencyKeys;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.progress.command.SubmitProgressReportCommand;
import org.plantracker.progress.command.TaskShare;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Units report progress on their own share of a task. */
@RestController
public class ProgressReportController {

    private final CommandGateway commands;

    public ProgressReportController(CommandGateway commands) {
        this.commands = commands;
    }

    public record ReportAccepted(String reportId) {
    }

    /** The share reported on is always the caller's own unit's share of the task. */
    @PostMapping("/api/tasks/{taskId}/reports")
    @ResponseStatus(HttpStatus.CREATED)
    public ReportAccepted submit(@PathVariable String taskId, @Valid @RequestBody SubmitProgressReportRequest body) {
        Actor actor = CurrentActor.get();
        if (actor.unitCode() == null || actor.unitCode().isBlank()) {
            throw DomainException.forbidden("Only a unit reports progress, and your token names none.");
        }
        List<ProgressReportSubmittedEvent.Figure> figures = body.figures() == null ? List.of()
                : body.figures().stream().map(f -> new ProgressReportSubmittedEvent.Figure(f.targetId(), f.value())).toList();
        SubmitProgressReportCommand command = new SubmitProgressReportCommand(TaskShare.idOf(taskId, actor.unitCode()),
                IdempotencyKeys.newId("report"), body.period(), ReportStatus.valueOf(body.status()), body.narrative(),
                figures, body.problems(), blankToNull(body.goodPractice()));
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw notAssigned(taskId, actor);
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof AggregateNotFoundException) {
                throw notAssigned(taskId, actor);
            }
            throw e;
        }
        return new ReportAccepted(command.reportId());
    }

    private static DomainException notAssigned(String taskId, Actor actor) {
        return DomainException.forbidden("Your unit " + actor.unitCode() + " is not assigned to task " + taskId
                + ": only the units assigned to a task report on it.");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
