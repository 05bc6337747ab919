package org.plantracker.progress.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.progress.command.ReviewDecision;
import org.plantracker.progress.command.ReviewProgressReportCommand;
import org.plantracker.progress.command.TaskShare;
import org.plantracker.progress.query.ReportQueries;
import org.plantracker.progress.query.ReportView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Reading reports (one version, or a share's history) and reviewing them. Reads come from the views,
 * which follow a submission within moments; the review itself is decided by the share (TaskShare).
 */
@RestController
public class ReportController {

    private final CommandGateway commands;
    private final ReportQueries reports;

    public ReportController(CommandGateway commands, ReportQueries reports) {
        this.commands = commands;
        this.reports = reports;
    }

    @Operation(summary = "One version of a progress report and its review (the unit, the task's lead unit, the city committee)")
    @GetMapping("/api/reports/{reportId}")
    public ReportView report(@PathVariable String reportId) {
        ReportView report = reports.report(reportId)
                .orElseThrow(() -> DomainException.notFound("No report " + reportId + "."));
        ShareAccess.mayRead(CurrentActor.get(), report.unit().code(), report.leadUnit().code(), report.taskId());
        return report;
    }

    @Operation(summary = "A unit's reports on a task, every version, newest first (optionally of one period)")
    @GetMapping("/api/tasks/{taskId}/units/{unitCode}/reports")
    public List<ReportView> history(@PathVariable String taskId, @PathVariable String unitCode,
                                    @RequestParam(required = false) String period) {
        ReportQueries.TaskLead task = reports.leadOf(taskId)
                .orElseThrow(() -> DomainException.notFound("No task " + taskId + " is known here."));
        ShareAccess.mayRead(CurrentActor.get(), unitCode, task.leadUnit().code(), taskId);
        return reports.history(TaskShare.idOf(taskId, unitCode), period);
    }

    public record Reviewed(String reportId, String decision) {
    }

    @Operation(summary = "The task's lead unit accepts a report or returns it with a reason (the city committee for the lead unit's own reports)")
    @PostMapping("/api/reports/{reportId}/review")
    public Reviewed review(@PathVariable String reportId, @Valid @RequestBody ReviewRequest body) {
        Actor actor = CurrentActor.get();
        ReportView report = reports.report(reportId)
                .orElseThrow(() -> DomainException.notFound("No report " + reportId + "."));
        ReviewDecision decision = ReviewDecision.valueOf(body.decision());
        commands.sendAndWait(new ReviewProgressReportCommand(report.shareId(), reportId, decision, body.comment(), actor));
        return new Reviewed(reportId, decision.name());
    }
}
