package org.plantracker.progress.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/tasks/{taskId}/summaries}. */
public record SummaryRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = SubmitProgressReportRequest.PERIOD, message = "must be YYYY, YYYY-MM, YYYY-Qn or YYYY-H1/H2, e.g. 2022-Q2")
        String period,
        @NotBlank(message = "is required")
        @Size(max = 20000, message = "must be at most 20000 characters")
        String text) {
}
