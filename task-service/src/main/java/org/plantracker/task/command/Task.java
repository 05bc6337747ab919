package org.plantracker.task.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.Roles;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskCreatedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.plantracker.task.importing.ImportedPlan;
import org.plantracker.task.importing.UnitDefinition;
import org.springframework.http.HttpStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A numbered task of a plan and who carries it: exactly one lead unit (牵头单位, accountable for the
 * whole task) and the responsible units (责任单位) that take part. Groups are always expanded to
 * concrete units before they reach the task. Its version is the sequence number of its last event.
 */
@Aggregate
public class Task {

    @AggregateIdentifier
    private String taskId;
    private String planId;
    private int number;
    private int sectionOrdinal;
    private String sectionTitle;
    private String title;
    private UnitRef leadUnit;
    private List<UnitRef> responsibleUnits = List.of();
    private long version;

    protected Task() {
        // for Axon
    }

    /** A task as the import read it: created and assigned in one go. */
    Task(String planId, ImportedPlan.Task task) {
        apply(new TaskCreatedEvent(task.taskId(), planId, task.number(), task.sectionOrdinal(), task.sectionTitle(),
                task.title(), task.text()));
        apply(new TaskAssignedEvent(task.taskId(), planId, task.number(), task.sectionOrdinal(), task.sectionTitle(),
                task.title(), task.leadUnit(), task.responsibleUnits(), task.expansions(), null, List.of()));
    }

    /** @return the task's version after the assignment */
    @CommandHandler
    public long handle(AssignTaskCommand command, UnitLookup units) {
        Actor actor = command.actor();
        if (actor == null || !actor.hasRole(Roles.SUPERVISOR)) {
            throw DomainException.forbidden("Only the city committee (市关工委) assigns tasks.");
        }
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
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.BAD_REQUEST, "The assignment names units that cannot be assigned.",
                    problems);
        }
        List<UnitRef> newResponsible = List.copyOf(responsible.values());
        if (lead.equals(leadUnit) && newResponsible.equals(responsibleUnits)) {
            return version;
        }
        apply(new TaskAssignedEvent(taskId, planId, number, sectionOrdinal, sectionTitle, title, lead, newResponsible,
                expansions, leadUnit, responsibleUnits));
        return version;
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
        version = sequence;
    }

    public UnitRef leadUnit() {
        return leadUnit;
    }

    public List<UnitRef> responsibleUnits() {
        return responsibleUnits;
    }
}
