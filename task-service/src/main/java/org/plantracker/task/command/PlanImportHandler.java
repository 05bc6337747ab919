package org.plantracker.task.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.Roles;
import org.plantracker.task.api.UnitRef;
import org.plantracker.task.config.RegionCatalogues;
import org.plantracker.task.importing.ImportedPlan;
import org.plantracker.task.importing.ParsedPlan;
import org.plantracker.task.importing.PlanDocument;
import org.plantracker.task.importing.PlanDocumentException;
import org.plantracker.task.importing.PlanReader;
import org.plantracker.task.importing.RegionCatalogue;
import org.plantracker.task.importing.UnitDirectory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Imports a plan document in one unit of work (one database transaction): the document is read
 * and every unit resolved first; only then are the new units, the plan and its tasks written.
 * A document that cannot be read writes nothing.
 */
@Component
public class PlanImportHandler {

    private final Repository<Plan> plans;
    private final Repository<Task> tasks;
    private final Repository<UnitRegistry> registries;
    private final EventStore eventStore;
    private final RegionCatalogues regions;
    private final TaskCalendar calendar;
    private final DeadlineManager deadlines;
    private final PlanReader reader = new PlanReader();

    public PlanImportHandler(@Qualifier("planRepository") Repository<Plan> plans,
                             @Qualifier("taskRepository") Repository<Task> tasks,
                             @Qualifier("unitRegistryRepository") Repository<UnitRegistry> registries,
                             EventStore eventStore, RegionCatalogues regions, TaskCalendar calendar,
                             DeadlineManager deadlines) {
        this.plans = plans;
        this.tasks = tasks;
        this.registries = registries;
        this.eventStore = eventStore;
        this.regions = regions;
        this.calendar = calendar;
        this.deadlines = deadlines;
    }

    @CommandHandler
    public ImportPlanResult handle(ImportPlanCommand command) throws Exception {
        Actor actor = command.actor();
        if (actor == null || !actor.hasRole(Roles.SUPERVISOR)) {
            throw DomainException.forbidden("Only the city committee (市关工委) imports plans.");
        }
        String document = command.document() == null ? "" : command.document();
        if (PlanDocument.normalised(document).isEmpty()) {
            throw new PlanDocumentException(List.of(PlanDocumentException.inDocument("the plan document is empty")));
        }
        String planId = PlanDocument.planIdOf(PlanDocument.sha256(document));
        if (eventStore.lastSequenceNumberFor(planId).isPresent()) {
            return importedBefore(planId);
        }

        ParsedPlan parsed = reader.parse(document);
        RegionCatalogue region = reader.regionOf(parsed, regions.all());
        Aggregate<UnitRegistry> registry = registry(region);
        UnitDirectory directory = new UnitDirectory(region.code(), region.city(), registry.invoke(UnitRegistry::units));
        ImportedPlan plan = reader.resolve(document, parsed, directory);

        if (!plan.newUnits().isEmpty()) {
            registry.execute(r -> r.registerDiscovered(plan.newUnits()));
        }
        plans.newInstance(() -> new Plan(plan));
        for (ImportedPlan.Task task : plan.tasks()) {
            tasks.newInstance(() -> new Task(plan.planId(), task, calendar, deadlines));
        }
        return new ImportPlanResult(plan.planId(), plan.sections().size(), plan.tasks().size(), plan.unitCount(),
                plan.warnings(), true);
    }

    /**
     * Reads the document exactly as an import would, against the registry as it stands, and answers
     * what the import would write; nothing is written (the registry is only read).
     */
    @CommandHandler
    public PlanPreview handle(PreviewPlanCommand command) {
        Actor actor = command.actor();
        if (actor == null || !actor.hasRole(Roles.SUPERVISOR)) {
            throw DomainException.forbidden("Only the city committee (市关工委) imports plans.");
        }
        String document = command.document() == null ? "" : command.document();
        if (PlanDocument.normalised(document).isEmpty()) {
            throw new PlanDocumentException(List.of(PlanDocumentException.inDocument("the plan document is empty")));
        }
        ParsedPlan parsed = reader.parse(document);
        RegionCatalogue region = reader.regionOf(parsed, regions.all());
        Aggregate<UnitRegistry> registry = registry(region);
        UnitDirectory directory = new UnitDirectory(region.code(), region.city(), registry.invoke(UnitRegistry::units));
        ImportedPlan plan = reader.resolve(document, parsed, directory);
        boolean importedBefore = eventStore.lastSequenceNumberFor(plan.planId()).isPresent();
        return PlanPreview.of(plan, importedBefore);
    }

    private Aggregate<UnitRegistry> registry(RegionCatalogue region) {
        try {
            return registries.load(region.code());
        } catch (AggregateNotFoundException e) {
            throw DomainException.conflict("The units registry of " + region.city()
                    + " is not set up yet (the service registers it at start); try again shortly.");
        }
    }

    /** The same document again: answer what the plan holds, write nothing. */
    private ImportPlanResult importedBefore(String planId) {
        Aggregate<Plan> plan = plans.load(planId);
        List<String> taskIds = plan.invoke(Plan::taskIds);
        Set<String> units = new LinkedHashSet<>();
        for (String taskId : taskIds) {
            Aggregate<Task> task = tasks.load(taskId);
            units.add(task.invoke(Task::leadUnit).code());
            task.invoke(Task::responsibleUnits).stream().map(UnitRef::code).forEach(units::add);
        }
        return new ImportPlanResult(planId, plan.invoke(Plan::sectionCount), taskIds.size(), units.size(),
                plan.invoke(Plan::warnings), false);
    }
}
