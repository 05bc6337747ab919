package org.plantracker.task.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.task.api.UnitAliasRecordedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRegisteredEvent;
import org.plantracker.task.importing.UnitDefinition;
import org.plantracker.task.importing.UnitDirectory;
import org.plantracker.task.importing.UnitNames;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The units of one region (id = region code, e.g. {@code jixi}): the city committee, departments,
 * county committees and groups. Unit codes are stable: they are the units' login names and every
 * event names units by them. A unit is never registered twice.
 */
@Aggregate
public class UnitRegistry {

    @AggregateIdentifier
    private String registryId;
    private final Map<String, UnitDefinition> units = new LinkedHashMap<>();

    protected UnitRegistry() {
        // for Axon
    }

    /** @return how many changes were made (0 when the registry already had the whole catalogue) */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(RegisterRegionUnitsCommand command) {
        if (command.units().isEmpty()) {
            throw DomainException.badRequest("a region catalogue lists at least one unit");
        }
        String region = command.regionCode();
        List<UnitDefinition> fresh = new ArrayList<>();
        int changes = 0;
        for (UnitDefinition unit : command.units()) {
            UnitDefinition known = units.get(unit.code());
            if (known == null) {
                fresh.add(unit);
                continue;
            }
            for (String alias : unit.aliases()) {
                if (!known.aliases().contains(alias) && !known.name().equals(alias)) {
                    checkAliasIsFree(unit.code(), alias);
                    apply(new UnitAliasRecordedEvent(region, unit.code(), alias));
                    changes++;
                }
            }
        }
        register(region, fresh);
        return changes + fresh.size();
    }

    /**
     * Registers units a plan introduced (city departments not in the catalogue), in the import's
     * unit of work. Units already registered are skipped.
     */
    public void registerDiscovered(Collection<UnitDefinition> discovered) {
        List<UnitDefinition> fresh = discovered.stream().filter(u -> !units.containsKey(u.code())).toList();
        register(registryId, fresh);
    }

    private void checkAliasIsFree(String code, String alias) {
        String key = UnitNames.fold(alias);
        for (UnitDefinition other : units.values()) {
            boolean taken = UnitNames.fold(other.name()).equals(key)
                    || other.aliases().stream().anyMatch(a -> UnitNames.fold(a).equals(key));
            if (taken && !other.code().equals(code)) {
                throw DomainException.badRequest("the alias " + alias + " of " + code + " already stands for " + other.code());
            }
        }
    }

    /** The registry's units in registration order. */
    public List<UnitDefinition> units() {
        return List.copyOf(units.values());
    }

    private void register(String region, List<UnitDefinition> fresh) {
        Set<String> known = new HashSet<>(units.keySet());
        fresh.forEach(u -> known.add(u.code()));
        for (UnitDefinition unit : fresh) {
            for (String member : unit.members()) {
                if (!known.contains(member)) {
                    throw DomainException.badRequest("group " + unit.code() + " names unknown member " + member);
                }
            }
            if (unit.kind() != UnitKind.GROUP && !unit.members().isEmpty()) {
                throw DomainException.badRequest("only a group has members: " + unit.code());
            }
        }
        List<UnitDefinition> all = new ArrayList<>(units.values());
        all.addAll(fresh);
        try {
            // one name (or alias) must never stand for two units
            new UnitDirectory(region, "", all);
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest(e.getMessage());
        }
        for (UnitDefinition unit : fresh) {
            apply(new UnitRegisteredEvent(region, unit.code(), unit.name(), unit.kind(), unit.aliases(), unit.members()));
        }
    }

    @EventSourcingHandler
    void on(UnitRegisteredEvent event) {
        registryId = event.registryId();
        units.put(event.code(), new UnitDefinition(event.code(), event.name(), event.kind(), event.aliases(),
                event.members()));
    }

    @EventSourcingHandler
    void on(UnitAliasRecordedEvent event) {
        UnitDefinition unit = units.get(event.code());
        List<String> aliases = new ArrayList<>(unit.aliases());
        aliases.add(event.alias());
        units.put(unit.code(), new UnitDefinition(unit.code(), unit.name(), unit.kind(), aliases, unit.members()));
    }
}
