package org.plantracker.task.command;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.plantracker.task.config.RegionCatalogues;
import org.plantracker.task.importing.RegionCatalogue;
import org.plantracker.task.importing.UnitDefinition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Looks units up in the units registries themselves (not a read model), inside the command's
 * unit of work, so an assignment always sees the units the registry holds.
 */
@Component
public class RegistryUnitLookup implements UnitLookup {

    private final Repository<UnitRegistry> registries;
    private final RegionCatalogues regions;

    public RegistryUnitLookup(@Qualifier("unitRegistryRepository") Repository<UnitRegistry> registries,
                              RegionCatalogues regions) {
        this.registries = registries;
        this.regions = regions;
    }

    @Override
    public Optional<UnitDefinition> find(String code) {
        for (RegionCatalogue region : regions.all()) {
            try {
                Optional<UnitDefinition> unit = registries.load(region.code())
                        .invoke(r -> r.units().stream().filter(u -> u.code().equals(code)).findFirst());
                if (unit.isPresent()) {
                    return unit;
                }
            } catch (AggregateNotFoundException e) {
                // a region not registered yet has no units
            }
        }
        return Optional.empty();
    }
}
