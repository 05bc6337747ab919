package org.plantracker.progress.supervision;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.plantracker.platform.idempotency.RequestFingerprint;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.progress.api.SupervisionRecordedEvent;
import org.plantracker.task.api.UnitRef;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One supervision record (督导记录) of the city committee. A record is written once and never
 * changed: a later finding is a new record, so the history of what was found stays as it was.
 */
@Aggregate
public class SupervisionRecord {

    @AggregateIdentifier
    private String recordId;
    /** What the record's request said, to tell its retry from another request with the same id. */
    private String request;

    protected SupervisionRecord() {
        // rebuilt from its events
    }

    /**
     * Only the city committee supervises. The same request again for a record that exists (a retry with
     * the same Idempotency-Key, whose id derives from the key) records nothing more and is answered with
     * the record's id; another request with that id is refused.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(RecordSupervisionCommand command) {
        if (!command.byCityCommittee()) {
            throw DomainException.forbidden("Only the city committee records supervision (督导).");
        }
        if (recordId != null) {
            if (!requestOf(command.taskId(), command.unit(), command.findings(), command.comment()).equals(request)) {
                throw RequestFingerprint.clash("supervision record " + recordId);
            }
            return recordId;
        }
        if (command.findings() == null || command.findings().isBlank()) {
            throw DomainException.badRequest("A supervision record states its findings.",
                    new FieldProblem("findings", "is required"));
        }
        apply(new SupervisionRecordedEvent(command.recordId(), command.taskId(), command.planId(), command.taskNumber(),
                command.taskTitle(), command.unit(), command.leadUnit(), command.findings(), command.comment()));
        return command.recordId();
    }

    private static String requestOf(String taskId, UnitRef unit, String findings, String comment) {
        return RequestFingerprint.of(taskId, unit == null ? null : unit.code(), findings, comment);
    }

    @EventSourcingHandler
    void on(SupervisionRecordedEvent event) {
        recordId = event.recordId();
        request = requestOf(event.taskId(), event.unit(), event.findings(), event.comment());
    }
}
