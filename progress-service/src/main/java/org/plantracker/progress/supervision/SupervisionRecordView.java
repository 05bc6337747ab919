package org.plantracker.progress.supervision;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.plantracker.task.api.UnitRef;

import java.time.Instant;

/**
 * A supervision record as read back.
 *
 * @param unit       null (and present as null) when the record is about the whole task
 * @param recordedBy the unit code of the city committee user who recorded it
 */
public record SupervisionRecordView(String recordId, String taskId, int taskNumber, String taskTitle,
                                    @JsonInclude(JsonInclude.Include.ALWAYS) UnitRef unit, String findings,
                                    String comment, String recordedBy, Instant recordedAt) {
}
