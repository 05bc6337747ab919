package org.plantracker.bench.baseline;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.UUID;

/** The same path and body as progress-service's report endpoint, so one load generator drives both. */
@RestController
public class ProgressReportController {

    private final ProgressReportRepository reports;

    public ProgressReportController(ProgressReportRepository reports) {
        this.reports = reports;
    }

    public record ReportRequest(@NotBlank String period, @NotBlank String status, @NotBlank String narrative) {
    }

    public record ReportAccepted(String reportId) {
    }

    @PostMapping("/api/tasks/{taskId}/reports")
    @ResponseStatus(HttpStatus.CREATED)
    public ReportAccepted submit(@PathVariable String taskId, @Valid @RequestBody ReportRequest body) {
        ProgressReport saved = reports.save(new ProgressReport(UUID.randomUUID(), taskId, body.period(), body.status(),
                body.narrative(), Instant.now()));
        return new ReportAccepted(saved.getId().toString());
    }
}
