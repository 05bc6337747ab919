package org.plantracker.task.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.spring.stereotype.Aggregate;
import org.plantracker.platform.axon.EventMetadata;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.task.api.AcknowledgementOverdueEvent;
import org.plantracker.task.api.AcknowledgementRequestedEvent;
import org.plantracker.task.api.AdjustmentDecidedEvent;
import org.plantracker.task.api.AdjustmentRequestedEvent;
import org.plantracker.task.api.AssignmentAcknowledgedEvent;
import org.plantracker.task.api.ExtensionDecidedEvent;
import org.plantracker.task.api.ExtensionRequestedEvent;
import org.plantracker.task.api.MilestoneRemovedEvent;
import org.plantracker.task.api.MilestoneSetEvent;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.Target;
import org.plantracker.task.api.TargetRemovedEvent;
import org.plantracker.task.api.TargetSetEvent;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskClosedEvent;
import org.plantracker.task.api.TaskCreatedEvent;
import org.plantracker.task.api.TaskKind;
import org.plantracker.task.api.TaskOverdueEvent;
import org.plantracker.task.api.TaskReopenedEvent;
import org.plantracker.task.api.TaskScheduledEvent;
import org.plantracker.task.api.TaskSummaryAcceptanceRecordedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.plantracker.task.importing.ImportedPlan;
import org.plantracker.task.importing.UnitDefinition;
import org.springframework.http.HttpStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A numbered task of a plan and its life: who carries it — exactly one lead unit (牵头单位, accountable
 * for the whole task) and the responsible units (责任单位) that take part, groups always expanded to
 * concrete units — each unit's acknowledgement (签收) of its assignment, the schedule the city committee
 * sets, the targets and milestones the lead unit refines it with, requests to adjust an assignment or
 * extend the due date, and closing (办结) once the lead unit's summary was accepted.
 *
 * <p>Every decision follows a named rule of {@link TaskPolicies}. Its version is the sequence number of
 * its last event. Two deadlines run on the platform's persistent deadline manager: the last day to
 * acknowledge and a near-term task's due date; their handlers check the task's state when they fire, so a
 * deadline that no longer applies (or fires twice) changes nothing.
 */
@Aggregate
public class Task {

    /** The actor of what the service records by itself when a deadline passes. */
    static final String SYSTEM_ACTOR = Actor.system("task-service").username();

    @AggregateIdentifier
    private String taskId;
    private String planId;
    private int number;
    private int sectionOrdinal;
    private String sectionTitle;
    private String title;
    private UnitRef leadUnit;
    private List<UnitRef> responsibleUnits = List.of();
    private TaskKind kind;
    private LocalDate dueDate;
    private ReportingCycle reportingCycle;
    /** The due date the task was recorded overdue for; null while it is not overdue. */
    private LocalDate overdueFor;
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private int targetsAdded;
    private final Map<String, Milestone> milestones = new LinkedHashMap<>();
    private int milestonesAdded;
    /** By unit code, for the units that must acknowledge. */
    private final Map<String, Acknowledgement> acknowledgements = new LinkedHashMap<>();
    private final Map<String, Request> adjustmentRequests = new HashMap<>();
    private final Map<String, Request> extensionRequests = new HashMap<>();
    private int extensionsGranted;
    private String acceptedSummaryId;
    private boolean closed;
    private long version;

    protected Task() {
        // for Axon
    }

    /**
     * A task as the import read it: created and assigned in one go; its units are asked to acknowledge.
     * (Axon applies a constructor's events once it has returned, so this reads the imported task, not fields.)
     */
    Task(String planId, ImportedPlan.Task task, TaskCalendar calendar, DeadlineManager deadlines) {
        apply(new TaskCreatedEvent(task.taskId(), planId, task.number(), task.sectionOrdinal(), task.sectionTitle(),
                task.title(), task.text()));
        apply(new TaskAssignedEvent(task.taskId(), planId, task.number(), task.sectionOrdinal(), task.sectionTitle(),
                task.title(), task.leadUnit(), task.responsibleUnits(), task.expansions(), null, List.of()));
        requestAcknowledgements(task.taskId(), planId, task.number(), task.title(),
                unitsOf(task.leadUnit(), task.responsibleUnits()), calendar, deadlines);
    }

    // --- assignment --------------------------------------------------------------------------------------

    /** @return the task's version after the assignment */
    @CommandHandler
    public long handle(AssignTaskCommand command, UnitLookup units, TaskCalendar calendar, DeadlineManager deadlines) {
        enforce(TaskPolicies.cityCommitteeOnly(command.actor(), "assigns tasks"));
        enforce(TaskPolicies.openTasksOnly(closed));
        List<FieldProblem> problems = new ArrayList<>();
        UnitRef lead = lead(command.leadUnit(), units, problems);
        Map<String, UnitRef> responsible = new LinkedHashMap<>();
        List<TaskAssignedEvent.GroupExpansion> expansions = new ArrayList<>();
        List<String> codes = command.responsibleUnits() == null ? List.of() : command.responsibleUnits();
        if (codes.isEmpty()) {
            problems.add(new FieldProblem("responsibleUnits", "name at least one responsible unit (责任单位)"));
        }
        for (int i = 0; i < codes.size(); i++) {
            String field = "responsibleUnits[" + i + "]";
            Optional<UnitDefinition> unit = find(codes.get(i), field, units, problems);
            if (unit.isEmpty()) {
                continue;
            }
            if (unit.get().expands()) {
                List<String> members = new ArrayList<>();
                for (String member : unit.get().members()) {
                    UnitDefinition m = units.find(member).orElseThrow(() -> new IllegalStateException(
                            "group " + unit.get().code() + " names unknown member " + member));
                    responsible.putIfAbsent(m.code(), m.ref());
                    members.add(m.code());
                }
                expansions.add(new TaskAssignedEvent.GroupExpansion(unit.get().name(), members));
            } else {
                responsible.putIfAbsent(unit.get().code(), unit.get().ref());
            }
        }
        TaskPolicies.reassignmentNeedsReason(command.reason()).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.BAD_REQUEST, "The assignment names units that cannot be assigned.",
                    problems);
        }
        List<UnitRef> newResponsible = List.copyOf(responsible.values());
        if (lead.equals(leadUnit) && newResponsible.equals(responsibleUnits)) {
            return version;
        }
        Set<String> before = codesOf(unitsOf(leadUnit, responsibleUnits));
        apply(new TaskAssignedEvent(taskId, planId, number, sectionOrdinal, sectionTitle, title, lead, newResponsible,
                expansions, leadUnit, responsibleUnits, command.reason().strip()));
        List<UnitRef> newcomers = unitsOf(leadUnit, responsibleUnits).stream()
                .filter(u -> !before.contains(u.code())).toList();
        requestAcknowledgements(taskId, planId, number, title, newcomers, calendar, deadlines);
        return version;
    }

    private static void requestAcknowledgements(String taskId, String planId, int number, String title,
                                                List<UnitRef> newcomers, TaskCalendar calendar, DeadlineManager deadlines) {
        List<UnitRef> asked = TaskPolicies.mustAcknowledge(newcomers);
        if (asked.isEmpty()) {
            return;
        }
        LocalDate due = TaskPolicies.acknowledgementDueDate(calendar.today(), calendar.acknowledgementDays());
        apply(new AcknowledgementRequestedEvent(taskId, planId, number, title, asked, due));
        schedule(deadlines, calendar, taskId, AcknowledgementDeadline.NAME, due, new AcknowledgementDeadline(due));
    }

    private static UnitRef lead(String code, UnitLookup units, List<FieldProblem> problems) {
        Optional<UnitDefinition> unit = find(code, "leadUnit", units, problems);
        if (unit.isPresent() && unit.get().kind() == UnitKind.GROUP) {
            problems.add(new FieldProblem("leadUnit", unit.get().code() + " (" + unit.get().name()
                    + ") is a group: a task has exactly one lead unit"));
            return null;
        }
        return unit.map(UnitDefinition::ref).orElse(null);
    }

    private static Optional<UnitDefinition> find(String code, String field, UnitLookup units, List<FieldProblem> problems) {
        if (code == null || code.isBlank()) {
            problems.add(new FieldProblem(field, "a unit code is required"));
            return Optional.empty();
        }
        Optional<UnitDefinition> unit = units.find(code);
        if (unit.isEmpty()) {
            problems.add(new FieldProblem(field, "no unit has the code " + code));
        }
        return unit;
    }

    // --- acknowledgement and adjustment ------------------------------------------------------------------

    @CommandHandler
    public long handle(AcknowledgeAssignmentCommand command) {
        enforce(TaskPolicies.openTasksOnly(closed));
        UnitRef unit = TaskPolicies.assignedUnitForItself(command.actor(), leadUnit, responsibleUnits);
        Acknowledgement acknowledgement = acknowledgements.get(unit.code());
        if (acknowledgement == null) {
            throw DomainException.conflict("The city committee assigns its own tasks and does not acknowledge them.");
        }
        if (acknowledgement.state() == AcknowledgementState.ACKNOWLEDGED) {
            return version;
        }
        enforce(TaskPolicies.oneOpenRequestPerUnit(openRequestOf(adjustmentRequests, unit).isPresent(), "adjustment"));
        apply(new AssignmentAcknowledgedEvent(taskId, planId, number, unit));
        return version;
    }

    @CommandHandler
    public TaskChange handle(RequestAdjustmentCommand command) {
        enforce(TaskPolicies.openTasksOnly(closed));
        UnitRef unit = TaskPolicies.assignedUnitForItself(command.actor(), leadUnit, responsibleUnits);
        enforce(TaskPolicies.adjustmentInsteadOfAcknowledging(acknowledgements.get(unit.code())));
        enforce(TaskPolicies.oneOpenRequestPerUnit(openRequestOf(adjustmentRequests, unit).isPresent(), "adjustment"));
        refuseBadInput("An adjustment request says why.",
                TaskPolicies.required("reason", command.reason(), "say why the assignment should change").stream().toList());
        String requestId = taskId + "-adjustment-" + (adjustmentRequests.size() + 1);
        apply(new AdjustmentRequestedEvent(taskId, planId, number, requestId, unit, command.reason().strip()));
        return new TaskChange(version, requestId);
    }

    @CommandHandler
    public long handle(DecideAdjustmentCommand command) {
        enforce(TaskPolicies.cityCommitteeOnly(command.actor(), "decides adjustment requests"));
        enforce(TaskPolicies.openTasksOnly(closed));
        Request request = openRequest(adjustmentRequests, command.requestId(), "adjustment");
        refuseBadInput("A rejection says why.",
                TaskPolicies.refusalNeedsComment(command.approved(), command.comment()).stream().toList());
        apply(new AdjustmentDecidedEvent(taskId, planId, number, request.requestId(), request.unit(),
                command.approved(), strip(command.comment())));
        return version;
    }

    // --- schedule and extensions -------------------------------------------------------------------------

    @CommandHandler
    public long handle(ScheduleTaskCommand command, TaskCalendar calendar, DeadlineManager deadlines) {
        enforce(TaskPolicies.cityCommitteeOnly(command.actor(), "schedules tasks"));
        enforce(TaskPolicies.openTasksOnly(closed));
        List<FieldProblem> problems = new ArrayList<>(
                TaskPolicies.scheduleShape(command.kind(), command.dueDate(), command.reportingCycle()));
        boolean unchanged = command.kind() == kind && Objects.equals(command.dueDate(), dueDate)
                && command.reportingCycle() == reportingCycle;
        if (unchanged && problems.isEmpty()) {
            return version;
        }
        if (!Objects.equals(command.dueDate(), dueDate)) {
            problems.addAll(TaskPolicies.notInThePast("dueDate", command.dueDate(), calendar.today()));
        }
        TaskPolicies.rescheduleNeedsReason(kind != null, command.reason()).ifPresent(problems::add);
        refuseBadInput("The schedule is not one a task can have.", problems);
        boolean newDueDate = command.dueDate() != null && !command.dueDate().equals(dueDate);
        apply(new TaskScheduledEvent(taskId, planId, number, command.kind(), command.dueDate(),
                command.reportingCycle(), kind == null ? null : command.reason().strip()));
        if (newDueDate) {
            schedule(deadlines, calendar, taskId, DueDateDeadline.NAME, dueDate, new DueDateDeadline(dueDate));
        }
        return version;
    }

    @CommandHandler
    public TaskChange handle(RequestExtensionCommand command, TaskCalendar calendar) {
        enforce(TaskPolicies.openTasksOnly(closed));
        UnitRef unit = TaskPolicies.assignedUnitForItself(command.actor(), leadUnit, responsibleUnits);
        enforce(TaskPolicies.extensionNeedsDueDate(dueDate));
        enforce(TaskPolicies.oneOpenRequestPerUnit(openRequestOf(extensionRequests, unit).isPresent(), "extension"));
        List<FieldProblem> problems = new ArrayList<>(TaskPolicies.extensionMovesTheDueDateLater(
                command.requestedDueDate(), dueDate, calendar.today()));
        TaskPolicies.required("reason", command.reason(), "say why the task needs more time").ifPresent(problems::add);
        refuseBadInput("The extension request cannot be made as it stands.", problems);
        String requestId = taskId + "-extension-" + (extensionRequests.size() + 1);
        apply(new ExtensionRequestedEvent(taskId, planId, number, requestId, unit, command.requestedDueDate(),
                command.reason().strip()));
        return new TaskChange(version, requestId);
    }

    @CommandHandler
    public long handle(DecideExtensionCommand command, TaskCalendar calendar, DeadlineManager deadlines) {
        enforce(TaskPolicies.cityCommitteeOnly(command.actor(), "decides extension requests"));
        enforce(TaskPolicies.openTasksOnly(closed));
        Request request = openRequest(extensionRequests, command.requestId(), "extension");
        refuseBadInput("A refusal says why.",
                TaskPolicies.refusalNeedsComment(command.granted(), command.comment()).stream().toList());
        if (command.granted()) {
            enforce(TaskPolicies.extensionNeedsDueDate(dueDate));
            if (!request.requestedDueDate().isAfter(dueDate)) {
                throw DomainException.conflict("The due date has moved to " + dueDate + " since the request asked for "
                        + request.requestedDueDate() + "; refuse it, and the unit may ask again.");
            }
        }
        LocalDate newDueDate = command.granted() ? request.requestedDueDate() : null;
        apply(new ExtensionDecidedEvent(taskId, planId, number, request.requestId(), request.unit(), command.granted(),
                newDueDate, extensionsGranted + (command.granted() ? 1 : 0), strip(command.comment())));
        if (command.granted()) {
            schedule(deadlines, calendar, taskId, DueDateDeadline.NAME, newDueDate, new DueDateDeadline(newDueDate));
        }
        return version;
    }

    // --- refinement by the lead unit ---------------------------------------------------------------------

    @CommandHandler
    public TaskChange handle(AddTargetCommand command) {
        enforce(TaskPolicies.leadUnitOnly(command.actor(), leadUnit));
        enforce(TaskPolicies.openTasksOnly(closed));
        enforce(TaskPolicies.withinLimit(targets.size(), TaskPolicies.MAX_TARGETS, "targets"));
        refuseBadInput("The target is not one a task can have.", TaskPolicies.targetShape(command.target()));
        String targetId = "T" + (targetsAdded + 1);
        apply(new TargetSetEvent(taskId, planId, number, command.target().toTarget(targetId), false));
        return new TaskChange(version, targetId);
    }

    @CommandHandler
    public long handle(ReviseTargetCommand command) {
        enforce(TaskPolicies.leadUnitOnly(command.actor(), leadUnit));
        enforce(TaskPolicies.openTasksOnly(closed));
        Target current = existing(targets, command.targetId(), "target");
        refuseBadInput("The target is not one a task can have.", TaskPolicies.targetShape(command.target()));
        Target revised = command.target().toTarget(current.targetId());
        if (revised.equals(current)) {
            return version;
        }
        apply(new TargetSetEvent(taskId, planId, number, revised, true));
        return version;
    }

    @CommandHandler
    public long handle(RemoveTargetCommand command) {
        enforce(TaskPolicies.leadUnitOnly(command.actor(), leadUnit));
        enforce(TaskPolicies.openTasksOnly(closed));
        existing(targets, command.targetId(), "target");
        refuseBadInput("Removing a target says why.",
                TaskPolicies.required("reason", command.reason(), "say why the target is removed").stream().toList());
        apply(new TargetRemovedEvent(taskId, planId, number, command.targetId(), command.reason().strip()));
        return version;
    }

    @CommandHandler
    public TaskChange handle(AddMilestoneCommand command) {
        enforce(TaskPolicies.leadUnitOnly(command.actor(), leadUnit));
        enforce(TaskPolicies.openTasksOnly(closed));
        enforce(TaskPolicies.withinLimit(milestones.size(), TaskPolicies.MAX_MILESTONES, "milestones"));
        refuseBadInput("The milestone is not one a task can have.", milestoneShape(command.title(), command.dueDate()));
        String milestoneId = "M" + (milestonesAdded + 1);
        apply(new MilestoneSetEvent(taskId, planId, number, milestoneId, command.title().strip(), command.dueDate(),
                false));
        return new TaskChange(version, milestoneId);
    }

    @CommandHandler
    public long handle(ReviseMilestoneCommand command) {
        enforce(TaskPolicies.leadUnitOnly(command.actor(), leadUnit));
        enforce(TaskPolicies.openTasksOnly(closed));
        Milestone current = existing(milestones, command.milestoneId(), "milestone");
        refuseBadInput("The milestone is not one a task can have.", milestoneShape(command.title(), command.dueDate()));
        if (current.title().equals(command.title().strip()) && current.dueDate().equals(command.dueDate())) {
            return version;
        }
        apply(new MilestoneSetEvent(taskId, planId, number, command.milestoneId(), command.title().strip(),
                command.dueDate(), true));
        return version;
    }

    @CommandHandler
    public long handle(RemoveMilestoneCommand command) {
        enforce(TaskPolicies.leadUnitOnly(command.actor(), leadUnit));
        enforce(TaskPolicies.openTasksOnly(closed));
        existing(milestones, command.milestoneId(), "milestone");
        refuseBadInput("Removing a milestone says why.",
                TaskPolicies.required("reason", command.reason(), "say why the milestone is removed").stream().toList());
        apply(new MilestoneRemovedEvent(taskId, planId, number, command.milestoneId(), command.reason().strip()));
        return version;
    }

    private static List<FieldProblem> milestoneShape(String title, LocalDate dueDate) {
        List<FieldProblem> problems = new ArrayList<>();
        TaskPolicies.required("title", title, "what must stand by the date").ifPresent(problems::add);
        if (dueDate == null) {
            problems.add(new FieldProblem("dueDate", "the date it must stand by"));
        }
        problems.addAll(TaskPolicies.inRange("dueDate", dueDate));
        return problems;
    }

    // --- summary, closing, reopening ---------------------------------------------------------------------

    /** A fact from progress-service: recorded once, and only for a summary of the task's current lead unit. */
    @CommandHandler
    public long handle(RecordTaskSummaryAcceptanceCommand command) {
        if (command.summaryId().equals(acceptedSummaryId) || leadUnit == null
                || !leadUnit.code().equals(command.leadUnitCode())) {
            return version;
        }
        apply(new TaskSummaryAcceptanceRecordedEvent(taskId, planId, number, command.summaryId(), command.period()));
        return version;
    }

    @CommandHandler
    public long handle(CloseTaskCommand command) {
        enforce(TaskPolicies.cityCommitteeOnly(command.actor(), "closes tasks"));
        if (closed) {
            throw DomainException.conflict("The task is closed (已办结) already.");
        }
        enforce(TaskPolicies.closingNeedsAcceptedSummary(acceptedSummaryId));
        apply(new TaskClosedEvent(taskId, planId, number, title, acceptedSummaryId, strip(command.comment())));
        return version;
    }

    @CommandHandler
    public long handle(ReopenTaskCommand command, TaskCalendar calendar, DeadlineManager deadlines) {
        enforce(TaskPolicies.cityCommitteeOnly(command.actor(), "reopens tasks"));
        if (!closed) {
            throw DomainException.conflict("The task is open; only a closed task is reopened.");
        }
        refuseBadInput("Reopening a task says why.",
                TaskPolicies.required("reason", command.reason(), "say why the task is reopened").stream().toList());
        apply(new TaskReopenedEvent(taskId, planId, number, title, command.reason().strip()));
        if (kind == TaskKind.NEAR_TERM && dueDate != null && !dueDate.equals(overdueFor)) {
            // the due date may have passed while the task was closed: the deadline then fires at once
            schedule(deadlines, calendar, taskId, DueDateDeadline.NAME, dueDate, new DueDateDeadline(dueDate));
        }
        return version;
    }

    // --- deadlines ---------------------------------------------------------------------------------------

    @DeadlineHandler(deadlineName = AcknowledgementDeadline.NAME)
    void on(AcknowledgementDeadline deadline, MetaData metaData) {
        if (closed) {
            return;
        }
        for (Acknowledgement acknowledgement : List.copyOf(acknowledgements.values())) {
            if (acknowledgement.state() == AcknowledgementState.PENDING
                    && !acknowledgement.dueDate().isAfter(deadline.dueDate())) {
                apply(new AcknowledgementOverdueEvent(taskId, planId, number, title, acknowledgement.unit(),
                        acknowledgement.dueDate()), metaData);
            }
        }
    }

    @DeadlineHandler(deadlineName = DueDateDeadline.NAME)
    void on(DueDateDeadline deadline, MetaData metaData) {
        if (closed || kind != TaskKind.NEAR_TERM || !deadline.dueDate().equals(dueDate)
                || deadline.dueDate().equals(overdueFor)) {
            return;
        }
        apply(new TaskOverdueEvent(taskId, planId, number, title, leadUnit, dueDate), metaData);
    }

    /**
     * Schedules a deadline at the end of {@code date}. What the service records when it passes is its own
     * doing (actor {@link #SYSTEM_ACTOR}), under the correlation id of the change that set the date.
     */
    private static void schedule(DeadlineManager deadlines, TaskCalendar calendar, String taskId, String name,
                                 LocalDate date, Object payload) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(EventMetadata.ACTOR_USER, SYSTEM_ACTOR);
        if (CurrentUnitOfWork.isStarted()) {
            Object correlationId = CurrentUnitOfWork.get().getMessage().getMetaData().get(EventMetadata.CORRELATION_ID);
            if (correlationId != null) {
                metaData.put(EventMetadata.CORRELATION_ID, correlationId);
            }
        }
        // the identifier-taking constructor keeps the unit of work's metadata (the caller's actor) out of it
        GenericMessage<Object> message = new GenericMessage<>(IdentifierFactory.getInstance().generateIdentifier(),
                payload, metaData);
        deadlines.schedule(calendar.endOf(date), name, message,
                new AggregateScopeDescriptor(Task.class.getSimpleName(), taskId));
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private static void enforce(Optional<DomainException> refusal) {
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    private static void refuseBadInput(String detail, List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.BAD_REQUEST, detail, problems);
        }
    }

    private <T> T existing(Map<String, T> items, String id, String what) {
        T item = items.get(id);
        if (item == null) {
            throw DomainException.notFound("Task " + number + " has no " + what + " " + id + ".");
        }
        return item;
    }

    private Request openRequest(Map<String, Request> requests, String requestId, String what) {
        Request request = existing(requests, requestId, what + " request");
        if (!request.open()) {
            throw DomainException.conflict("The " + what + " request " + requestId + " has been decided already.");
        }
        return request;
    }

    private static Optional<Request> openRequestOf(Map<String, Request> requests, UnitRef unit) {
        return requests.values().stream().filter(r -> r.open() && r.unit().code().equals(unit.code())).findFirst();
    }

    private static List<UnitRef> unitsOf(UnitRef lead, List<UnitRef> responsible) {
        Map<String, UnitRef> units = new LinkedHashMap<>();
        if (lead != null) {
            units.put(lead.code(), lead);
        }
        responsible.forEach(u -> units.putIfAbsent(u.code(), u));
        return List.copyOf(units.values());
    }

    private static Set<String> codesOf(List<UnitRef> units) {
        Set<String> codes = new LinkedHashSet<>();
        units.forEach(u -> codes.add(u.code()));
        return codes;
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // --- state from events -------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(TaskCreatedEvent event, @SequenceNumber long sequence) {
        taskId = event.taskId();
        planId = event.planId();
        number = event.number();
        sectionOrdinal = event.sectionOrdinal();
        sectionTitle = event.sectionTitle();
        title = event.title();
        version = sequence;
    }

    @EventSourcingHandler
    void on(TaskAssignedEvent event, @SequenceNumber long sequence) {
        leadUnit = event.leadUnit();
        responsibleUnits = event.responsibleUnits() == null ? List.of() : List.copyOf(event.responsibleUnits());
        // a unit taken off the task has nothing left to acknowledge
        acknowledgements.keySet().retainAll(codesOf(unitsOf(leadUnit, responsibleUnits)));
        version = sequence;
    }

    @EventSourcingHandler
    void on(AcknowledgementRequestedEvent event, @SequenceNumber long sequence) {
        for (UnitRef unit : event.units()) {
            acknowledgements.put(unit.code(), new Acknowledgement(unit, AcknowledgementState.PENDING, event.dueDate()));
        }
        version = sequence;
    }

    @EventSourcingHandler
    void on(AssignmentAcknowledgedEvent event, @SequenceNumber long sequence) {
        acknowledgements.computeIfPresent(event.unit().code(), (code, a) -> a.in(AcknowledgementState.ACKNOWLEDGED));
        version = sequence;
    }

    @EventSourcingHandler
    void on(AcknowledgementOverdueEvent event, @SequenceNumber long sequence) {
        acknowledgements.computeIfPresent(event.unit().code(), (code, a) -> a.in(AcknowledgementState.OVERDUE));
        version = sequence;
    }

    @EventSourcingHandler
    void on(AdjustmentRequestedEvent event, @SequenceNumber long sequence) {
        adjustmentRequests.put(event.requestId(), new Request(event.requestId(), event.unit(), null, true));
        version = sequence;
    }

    @EventSourcingHandler
    void on(AdjustmentDecidedEvent event, @SequenceNumber long sequence) {
        adjustmentRequests.computeIfPresent(event.requestId(), (id, r) -> r.decided());
        version = sequence;
    }

    @EventSourcingHandler
    void on(TaskScheduledEvent event, @SequenceNumber long sequence) {
        kind = event.kind();
        dueDate = event.dueDate();
        reportingCycle = event.reportingCycle();
        version = sequence;
    }

    @EventSourcingHandler
    void on(ExtensionRequestedEvent event, @SequenceNumber long sequence) {
        extensionRequests.put(event.requestId(),
                new Request(event.requestId(), event.unit(), event.requestedDueDate(), true));
        version = sequence;
    }

    @EventSourcingHandler
    void on(ExtensionDecidedEvent event, @SequenceNumber long sequence) {
        extensionRequests.computeIfPresent(event.requestId(), (id, r) -> r.decided());
        if (event.granted()) {
            dueDate = event.newDueDate();
        }
        extensionsGranted = event.extensionsGranted();
        version = sequence;
    }

    @EventSourcingHandler
    void on(TaskOverdueEvent event, @SequenceNumber long sequence) {
        overdueFor = event.dueDate();
        version = sequence;
    }

    @EventSourcingHandler
    void on(TargetSetEvent event, @SequenceNumber long sequence) {
        if (!event.revised()) {
            targetsAdded++;
        }
        targets.put(event.target().targetId(), event.target());
        version = sequence;
    }

    @EventSourcingHandler
    void on(TargetRemovedEvent event, @SequenceNumber long sequence) {
        targets.remove(event.targetId());
        version = sequence;
    }

    @EventSourcingHandler
    void on(MilestoneSetEvent event, @SequenceNumber long sequence) {
        if (!event.revised()) {
            milestonesAdded++;
        }
        milestones.put(event.milestoneId(), new Milestone(event.title(), event.dueDate()));
        version = sequence;
    }

    @EventSourcingHandler
    void on(MilestoneRemovedEvent event, @SequenceNumber long sequence) {
        milestones.remove(event.milestoneId());
        version = sequence;
    }

    @EventSourcingHandler
    void on(TaskSummaryAcceptanceRecordedEvent event, @SequenceNumber long sequence) {
        acceptedSummaryId = event.summaryId();
        version = sequence;
    }

    @EventSourcingHandler
    void on(TaskClosedEvent event, @SequenceNumber long sequence) {
        closed = true;
        version = sequence;
    }

    @EventSourcingHandler
    void on(TaskReopenedEvent event, @SequenceNumber long sequence) {
        closed = false;
        // the work goes on: the next close needs a summary accepted after this
        acceptedSummaryId = null;
        version = sequence;
    }

    public UnitRef leadUnit() {
        return leadUnit;
    }

    public List<UnitRef> responsibleUnits() {
        return responsibleUnits;
    }

    enum AcknowledgementState { PENDING, OVERDUE, ACKNOWLEDGED }

    record Acknowledgement(UnitRef unit, AcknowledgementState state, LocalDate dueDate) {
        Acknowledgement in(AcknowledgementState next) {
            return new Acknowledgement(unit, next, dueDate);
        }
    }

    private record Milestone(String title, LocalDate dueDate) {
    }

    /** An adjustment or extension request; the requested date is null for an adjustment. */
    private record Request(String requestId, UnitRef unit, LocalDate requestedDueDate, boolean open) {
        Request decided() {
            return new Request(requestId, unit, requestedDueDate, false);
        }
    }
}
