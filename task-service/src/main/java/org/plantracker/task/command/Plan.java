package org.plantracker.task.command;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.plantracker.task.api.PlanImportedEvent;
import org.plantracker.task.importing.ImportedPlan;
import org.plantracker.task.importing.PlanDocument;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An imported plan (方案): its title, region, sections and the numbers of its tasks. Its id comes
 * from the document's hash, so importing the same document again finds this plan instead of
 * making a second one. Created by the import together with its tasks.
 */
@Aggregate
public class Plan {

    @AggregateIdentifier
    private String planId;
    private String region;
    private List<PlanImportedEvent.Section> sections;
    private List<String> warnings;

    protected Plan() {
        // for Axon
    }

    Plan(ImportedPlan plan) {
        apply(new PlanImportedEvent(plan.planId(), plan.title(), plan.region(), plan.documentSha256(),
                plan.sections(), plan.warnings()));
    }

    public String region() {
        return region;
    }

    public int sectionCount() {
        return sections.size();
    }

    public List<String> taskIds() {
        return sections.stream().flatMap(s -> s.taskNumbers().stream())
                .map(n -> PlanDocument.taskId(planId, n)).toList();
    }

    public List<String> warnings() {
        return warnings;
    }

    @EventSourcingHandler
    void on(PlanImportedEvent event) {
        planId = event.planId();
        region = event.region();
        sections = List.copyOf(event.sections());
        warnings = event.warnings() == null ? List.of() : List.copyOf(event.warnings());
    }
}
