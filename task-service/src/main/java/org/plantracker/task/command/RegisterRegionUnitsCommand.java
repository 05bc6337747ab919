package org.plantracker.task.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.plantracker.task.importing.UnitDefinition;

import java.util.List;

/**
 * Registers a region's catalogue in its units registry: units the registry does not know yet are
 * registered, known units gain the catalogue's new aliases, nothing else changes. Sent at every
 * start, so it must be (and is) harmless when nothing is new.
 */
public record RegisterRegionUnitsCommand(@TargetAggregateIdentifier String regionCode, List<UnitDefinition> units) {

    public RegisterRegionUnitsCommand {
        units = List.copyOf(units);
    }
}
