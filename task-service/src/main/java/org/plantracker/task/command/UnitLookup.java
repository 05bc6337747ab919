package org.plantracker.task.command;

import org.plantracker.task.importing.UnitDefinition;

import java.util.Optional;

/** Finds a registered unit by its code, in whichever region's registry it is. */
public interface UnitLookup {

    Optional<UnitDefinition> find(String code);
}
