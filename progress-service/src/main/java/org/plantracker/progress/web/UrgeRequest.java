package org.plantracker.progress.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/tasks/{taskId}/units/{unitCode}/urges}.
 *
 * @param period the period the urge is about (e.g. 2022-Q2); may be omitted for the share as a whole
 */
public record UrgeRequest(
        @Pattern(regexp = SubmitProgressReportRequest.PERIOD, message = "must be YYYY, YYYY-MM, YYYY-Qn or YYYY-H1/H2, e.g. 2022-Q2")
        String period,
        @NotBlank(message = "is required")
        @Size(max = 2000, message = "must be at most 2000 characters")
        String message) {
}
