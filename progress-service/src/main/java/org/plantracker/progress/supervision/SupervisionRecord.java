package org.plantracker.progress.supervision;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.progress.api.SupervisionRecordedEvent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One supervision record (督导记录) of the city committee. A record is written once and never
 * changed: a later finding is a new record, so the history of what was found stays as it was.
 */
@Aggregate
public class SupervisionRecord {

    @AggregateIdentifier
    private String recordId;

    protected SupervisionRecord() {
        // rebuilt from its events
    }

    /**
     * Only the city committee supervises. A repeated command for a record that exists (a retry with
     * the same Idempotency-Key) records nothing more.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(RecordSupervisionCommand command) {
        if (recordId != null) {
            return recordId;
        }
        if (!command.byCityCommittee()) {
            throw DomainException.forbidden("Only the city committee records supervision (督导).");
        }
        if (command.findings() == null || command.findings().isBlank()) {
            throw DomainException.badRequest("A supervision record states its findings.",
                    new FieldProblem("findings", "is required"));
        }
        apply(new SupervisionRecordedEvent(command.recordId(), command.taskId(), command.planId(), command.taskNumber(),
                command.taskTitle(), command.unit(), command.leadUnit(), command.findings(), command.comment()));
        return command.recordId();
    }

    @EventSourcingHandler
    void on(SupervisionRecordedEvent event) {
        recordId = event.recordId();
    }
}
