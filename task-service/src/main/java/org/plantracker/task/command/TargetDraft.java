package org.plantracker.task.command;

import org.plantracker.task.api.Target;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A target as the lead unit writes it; its type follows from the fields given (TaskPolicies.targetShape):
 * a metric with a value and a direction is MEASURABLE, a from/to range is DATED, a description alone
 * QUALITATIVE.
 */
public record TargetDraft(String description, String metric, String unit, BigDecimal targetValue,
                          Target.Direction direction, LocalDate from, LocalDate to) {

    boolean measurable() {
        return metric != null || unit != null || targetValue != null || direction != null;
    }

    boolean dated() {
        return from != null || to != null;
    }

    Target.TargetType type() {
        return measurable() ? Target.TargetType.MEASURABLE
                : dated() ? Target.TargetType.DATED : Target.TargetType.QUALITATIVE;
    }

    Target toTarget(String targetId) {
        return new Target(targetId, type(), description == null ? null : description.strip(), blankToNull(metric),
                blankToNull(unit), plain(targetValue), direction, from, to);
    }

    /** 90, 90.0 and 90.00 are one value: without trailing zeros, and never in exponent form (9E+1). */
    private static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
