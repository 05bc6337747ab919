package org.plantracker.task.importing;

import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;

import java.util.List;

/**
 * A unit as a region catalogue or the units registry knows it.
 *
 * @param aliases other spellings plans use for it
 * @param members codes of the units a GROUP stands for; empty for other kinds (and for a group
 *                whose members no plan names, which is then assigned as itself)
 */
public record UnitDefinition(String code, String name, UnitKind kind, List<String> aliases, List<String> members) {

    public UnitDefinition {
        if (code == null || code.isBlank() || name == null || name.isBlank() || kind == null) {
            throw new IllegalArgumentException("a unit needs a code, a name and a kind: " + code + " " + name);
        }
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        members = members == null ? List.of() : List.copyOf(members);
        if (kind != UnitKind.GROUP && !members.isEmpty()) {
            throw new IllegalArgumentException("only a GROUP has members: " + code);
        }
    }

    public UnitRef ref() {
        return new UnitRef(code, name, kind);
    }

    /** A group with members is expanded on assignment; anything else is assigned as itself. */
    public boolean expands() {
        return kind == UnitKind.GROUP && !members.isEmpty();
    }
}
