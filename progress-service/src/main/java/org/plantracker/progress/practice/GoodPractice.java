package org.plantracker.progress.practice;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.plantracker.platform.idempotency.RequestFingerprint;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.progress.api.GoodPracticePublishedEvent;
import org.plantracker.progress.api.GoodPracticeSubmittedEvent;
import org.plantracker.task.api.UnitRef;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A good practice (典型经验): submitted by a unit assigned to the task, published by the city
 * committee for every unit of the plan to learn from. Submitting the same practice again (a retry
 * with the same Idempotency-Key, whose id derives from the key) and publishing it twice change nothing;
 * another practice with the id of a submitted one is refused.
 */
@Aggregate
public class GoodPractice {

    @AggregateIdentifier
    private String practiceId;
    private String taskId;
    private String planId;
    private int taskNumber;
    private String taskTitle;
    private UnitRef unit;
    private String title;
    private boolean published;
    /** What the submission said, to tell its retry from another request with the same id. */
    private String request;

    protected GoodPractice() {
        // rebuilt from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(SubmitGoodPracticeCommand command) {
        if (practiceId != null) {
            if (!requestOf(command.taskId(), command.unit(), command.title(), command.text()).equals(request)) {
                throw RequestFingerprint.clash("good practice " + practiceId);
            }
            return practiceId;
        }
        if (command.title() == null || command.title().isBlank()) {
            throw DomainException.badRequest("A good practice has a title.", new FieldProblem("title", "is required"));
        }
        if (command.text() == null || command.text().isBlank()) {
            throw DomainException.badRequest("A good practice says what was done.", new FieldProblem("text", "is required"));
        }
        apply(new GoodPracticeSubmittedEvent(command.practiceId(), command.taskId(), command.planId(), command.taskNumber(),
                command.taskTitle(), command.unit(), command.title(), command.text()));
        return command.practiceId();
    }

    @CommandHandler
    public void handle(PublishGoodPracticeCommand command) {
        if (!command.byCityCommittee()) {
            throw DomainException.forbidden("Only the city committee publishes a good practice.");
        }
        if (published) {
            return;
        }
        apply(new GoodPracticePublishedEvent(practiceId, taskId, planId, taskNumber, taskTitle, unit, title));
    }

    private static String requestOf(String taskId, UnitRef unit, String title, String text) {
        return RequestFingerprint.of(taskId, unit == null ? null : unit.code(), title, text);
    }

    @EventSourcingHandler
    void on(GoodPracticeSubmittedEvent event) {
        request = requestOf(event.taskId(), event.unit(), event.title(), event.text());
        practiceId = event.practiceId();
        taskId = event.taskId();
        planId = event.planId();
        taskNumber = event.taskNumber();
        taskTitle = event.taskTitle();
        unit = event.unit();
        title = event.title();
    }

    @EventSourcingHandler
    void on(GoodPracticePublishedEvent event) {
        published = true;
    }
}
