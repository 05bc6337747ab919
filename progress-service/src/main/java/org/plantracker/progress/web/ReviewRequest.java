package org.plantracker.progress.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/reports/{reportId}/review}.
 *
 * @param comment required when returning (the reason the unit reads); optional when accepting
 */
public record ReviewRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = "ACCEPT|RETURN", message = "must be ACCEPT or RETURN")
        String decision,
        @Size(max = 2000, message = "must be at most 2000 characters")
        String comment) {
}
