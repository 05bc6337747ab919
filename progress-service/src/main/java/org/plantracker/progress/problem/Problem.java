package org.plantracker.progress.problem;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.plantracker.platform.idempotency.RequestFingerprint;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.progress.api.ProblemAnsweredEvent;
import org.plantracker.progress.api.ProblemClosedEvent;
import org.plantracker.progress.api.ProblemFlaggedGeneralEvent;
import org.plantracker.progress.api.ProblemRaisedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A problem raised upward (反映问题) on a task, identified by its task and category (see
 * {@link ProblemKey}), with every unit that raised or joined it. Its rules:
 * <ul>
 *   <li>a unit raises or joins once; raising again changes nothing, and once the problem is closed the
 *       same raise again (a retry whose answer was lost) is still answered as the first time;</li>
 *   <li>when the county committees among its raisers reach the {@link GeneralProblemPolicy}'s
 *       threshold it is flagged general, once;</li>
 *   <li>the city committee answers or escalates any problem; the task's lead unit answers one that is
 *       not general and does not escalate; nobody else answers;</li>
 *   <li>the same answer again, with nothing raised since (a retry whose answer was lost), is answered
 *       as the first time and records nothing;</li>
 *   <li>a unit joining an answered problem opens it again (it has not had its answer);</li>
 *   <li>only the city committee closes, and only an answered problem; a closed problem takes no
 *       raise or answer (a new occurrence is raised under another category).</li>
 * </ul>
 */
@Aggregate
public class Problem {

    @AggregateIdentifier
    private String problemId;
    private String taskId;
    private String planId;
    private int taskNumber;
    private String taskTitle;
    private String text;
    private final Map<String, UnitRef> raisers = new LinkedHashMap<>();
    /** What each raiser wrote, to tell the retry of its raise from a new one on a closed problem. */
    private final Map<String, String> raisedTexts = new LinkedHashMap<>();
    private boolean general;
    private ProblemState state;
    /** The last answer (who, what, escalated or not), to recognise it when it comes again. */
    private String lastAnswer;

    protected Problem() {
        // rebuilt from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(RaiseProblemCommand command, GeneralProblemPolicy policy) {
        if (command.category() == null || command.category().isBlank() || ProblemKey.normalise(command.category()).isEmpty()) {
            throw DomainException.badRequest("A problem is raised under a category.", new FieldProblem("category", "is required"));
        }
        if (command.text() == null || command.text().isBlank()) {
            throw DomainException.badRequest("A problem says what the problem is.", new FieldProblem("text", "is required"));
        }
        boolean joining = problemId != null;
        boolean retry = command.text().equals(raisedTexts.get(command.raisedBy().code()));
        if (raisers.containsKey(command.raisedBy().code()) && (retry || state != ProblemState.CLOSED)) {
            return problemId;
        }
        if (joining && state == ProblemState.CLOSED) {
            throw DomainException.conflict("The problem \"" + command.category() + "\" of task " + taskId
                    + " is closed; raise a new occurrence under another category.");
        }
        apply(new ProblemRaisedEvent(command.problemId(), command.taskId(), command.planId(), command.taskNumber(),
                command.taskTitle(), command.raisedBy(), command.text(), joining, command.category()));
        if (!general && policy.isGeneral(raisers.values())) {
            apply(new ProblemFlaggedGeneralEvent(problemId, taskId, planId, taskNumber, taskTitle, text, countyCodes()));
        }
        return problemId;
    }

    @CommandHandler
    public void handle(AnswerProblemCommand command) {
        requireTask(command.taskId());
        switch (command.authority()) {
            case CITY_COMMITTEE -> {
            }
            case LEAD_UNIT -> {
                if (general) {
                    throw DomainException.forbidden("A general problem (普遍性问题) is answered by the city committee.");
                }
                if (command.escalate()) {
                    throw DomainException.forbidden("Only the city committee escalates a problem.");
                }
            }
            case OTHER -> throw DomainException.forbidden(
                    "Only the city committee or the task's lead unit answers a problem raised on it.");
        }
        if (state != ProblemState.OPEN && answerOf(command.answeredBy(), command.answer(), command.escalate())
                .equals(lastAnswer)) {
            return; // the same answer again (a retry) and nobody raised it since: answered already
        }
        if (state == ProblemState.CLOSED) {
            throw DomainException.conflict("The problem is closed and takes no more answers.");
        }
        if (command.answer() == null || command.answer().isBlank()) {
            throw DomainException.badRequest("An answer says something.", new FieldProblem("answer", "is required"));
        }
        apply(new ProblemAnsweredEvent(problemId, taskId, planId, taskNumber, taskTitle, List.copyOf(raisers.values()),
                command.answeredBy(), command.answer(), command.escalate()));
    }

    @CommandHandler
    public void handle(CloseProblemCommand command) {
        requireTask(command.taskId());
        if (command.authority() != ProblemAuthority.CITY_COMMITTEE) {
            throw DomainException.forbidden("Only the city committee closes a problem.");
        }
        if (state == ProblemState.CLOSED) {
            return;
        }
        if (state != ProblemState.ANSWERED) {
            throw DomainException.conflict("An open problem is answered before it is closed.");
        }
        apply(new ProblemClosedEvent(problemId, taskId, planId, command.comment()));
    }

    private void requireTask(String commandTaskId) {
        if (!taskId.equals(commandTaskId)) {
            throw DomainException.notFound("Task " + commandTaskId + " has no problem " + problemId + ".");
        }
    }

    private List<String> countyCodes() {
        List<String> codes = new ArrayList<>();
        raisers.values().stream().filter(u -> u.kind() == UnitKind.COUNTY_COMMITTEE).forEach(u -> codes.add(u.code()));
        return codes;
    }

    @EventSourcingHandler
    void on(ProblemRaisedEvent event) {
        if (!event.joined()) {
            problemId = event.problemId();
            taskId = event.taskId();
            planId = event.planId();
            taskNumber = event.taskNumber();
            taskTitle = event.taskTitle();
            text = event.text();
        }
        raisers.put(event.raisedBy().code(), event.raisedBy());
        raisedTexts.put(event.raisedBy().code(), event.text());
        state = ProblemState.OPEN;
    }

    @EventSourcingHandler
    void on(ProblemFlaggedGeneralEvent event) {
        general = true;
    }

    private static String answerOf(UnitRef answeredBy, String answer, boolean escalate) {
        return RequestFingerprint.of(answeredBy == null ? null : answeredBy.code(), answer, escalate);
    }

    @EventSourcingHandler
    void on(ProblemAnsweredEvent event) {
        state = ProblemState.ANSWERED;
        lastAnswer = answerOf(event.answeredBy(), event.answer(), event.escalated());
    }

    @EventSourcingHandler
    void on(ProblemClosedEvent event) {
        state = ProblemState.CLOSED;
    }
}
