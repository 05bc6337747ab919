package org.plantracker.progress.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * An urge to a unit and whether it was read.
 *
 * @param issuedBy null when the system issued it on a deadline ({@code automatic})
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UrgeView(String urgeId, String taskId, int taskNumber, String taskTitle, ViewRow.UnitName unit,
                       String period, String message, boolean automatic, ViewRow.UnitName issuedBy,
                       Instant issuedAt, Instant readAt) {
}
