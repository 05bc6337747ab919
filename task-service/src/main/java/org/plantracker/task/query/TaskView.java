package org.plantracker.task.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.util.List;

/**
 * A task as clients read it. {@code kind}, {@code dueDate} and {@code reportingCycle} stay null and
 * {@code targets} empty until tasks are scheduled and refined; they are always present.
 *
 * @param version the sequence number of the task's last event; also its ETag
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskView(String taskId, String planId, int number, Section section, String title, String text,
                       UnitName leadUnit, List<UnitName> responsibleUnits, String kind, LocalDate dueDate,
                       String reportingCycle, List<Object> targets, long version) {

    public record Section(int ordinal, String numeral, String title) {
    }

    public record UnitName(String code, String name) {
    }
}
