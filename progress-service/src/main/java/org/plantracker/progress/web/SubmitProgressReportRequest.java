package org.plantracker.progress.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * Body of {@code POST /api/tasks/{taskId}/reports}. The status is taken as text so that an unknown
 * value is reported against the {@code status} field like any other invalid field.
 *
 * @param period  YYYY, YYYY-MM, YYYY-Qn or YYYY-H1/H2, e.g. 2022-Q2
 * @param figures values reported against the task's targets; may be omitted
 * @param problems problems raised upward to the city committee; may be omitted
 */
public record SubmitProgressReportRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = PERIOD, message = "must be YYYY, YYYY-MM, YYYY-Qn or YYYY-H1/H2, e.g. 2022-Q2")
        String period,
        @NotNull(message = "is required")
        @Pattern(regexp = "NOT_STARTED|ON_TRACK|AT_RISK|DONE", message = "must be NOT_STARTED, ON_TRACK, AT_RISK or DONE")
        String status,
        @NotBlank(message = "is required")
        @Size(max = 10000, message = "must be at most 10000 characters")
        String narrative,
        @Size(max = 100, message = "must list at most 100 figures")
        List<@Valid @NotNull(message = "must not be null") Figure> figures,
        @Size(max = 100, message = "must list at most 100 problems")
        List<@NotBlank(message = "must not be blank") @Size(max = 2000, message = "must be at most 2000 characters") String> problems,
        @Size(max = 10000, message = "must be at most 10000 characters")
        String goodPractice) {

    static final String PERIOD = "\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?";

    public record Figure(@NotBlank(message = "is required") String targetId,
                         @NotNull(message = "is required") BigDecimal value) {
    }
}
