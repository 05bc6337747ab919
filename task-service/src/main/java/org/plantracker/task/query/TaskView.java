package org.plantracker.task.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.plantracker.task.api.Target;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A task as clients read it. {@code kind}, {@code dueDate} and {@code reportingCycle} are null until
 * the city committee schedules the task, {@code targets} and {@code milestones} empty until its lead
 * unit refines it; every field is always present.
 *
 * @param acknowledgements   each unit that must acknowledge (签收) its assignment, in the assignment's order
 * @param adjustmentRequests open requests to adjust a unit's assignment
 * @param extensionRequests  open requests for a later due date
 * @param extensionsGranted  how many extensions (延期) the task has had
 * @param overdue            a near-term task whose due date passed while it was open
 * @param status             OPEN, or CLOSED (办结)
 * @param acceptedSummary    the lead unit's accepted summary that allows closing; null until there is one
 * @param version            the sequence number of the task's last event; also its ETag
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskView(String taskId, String planId, int number, Section section, String title, String text,
                       UnitName leadUnit, List<UnitName> responsibleUnits, String kind, LocalDate dueDate,
                       String reportingCycle, List<Target> targets, List<Milestone> milestones,
                       List<Acknowledgement> acknowledgements, List<Request> adjustmentRequests,
                       List<Request> extensionRequests, int extensionsGranted, boolean overdue, String status,
                       AcceptedSummary acceptedSummary, long version) {

    public record Section(int ordinal, String numeral, String title) {
    }

    public record UnitName(String code, String name) {
    }

    public record Milestone(String milestoneId, String title, LocalDate dueDate) {
    }

    /** @param state PENDING, OVERDUE (the last day passed; it may still acknowledge) or ACKNOWLEDGED */
    public record Acknowledgement(UnitName unit, String state, LocalDate dueDate, Instant acknowledgedAt) {
    }

    /** @param requestedDueDate the date an extension request asks for; absent on an adjustment request */
    public record Request(String requestId, UnitName unit, String reason, LocalDate requestedDueDate,
                          Instant requestedAt) {
    }

    public record AcceptedSummary(String summaryId, String period) {
    }
}
