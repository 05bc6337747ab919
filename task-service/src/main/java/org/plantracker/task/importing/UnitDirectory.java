package org.plantracker.task.importing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The units of one region's registry, looked up by code or by a name as a plan writes it.
 * Immutable: {@link #with(Collection)} gives a directory that also knows new units.
 */
public final class UnitDirectory {

    /** A unit found by name; {@code alias} when the plan used another spelling than the unit's name. */
    public record NameMatch(UnitDefinition unit, boolean alias) {
    }

    private final String region;
    private final String city;
    private final Map<String, UnitDefinition> byCode = new LinkedHashMap<>();
    private final Map<String, NameMatch> byName = new LinkedHashMap<>();

    public UnitDirectory(String region, String city, Collection<UnitDefinition> units) {
        this.region = region;
        this.city = city;
        units.forEach(this::add);
    }

    private void add(UnitDefinition unit) {
        if (byCode.putIfAbsent(unit.code(), unit) != null) {
            throw new IllegalArgumentException("unit code " + unit.code() + " is registered twice");
        }
        claim(unit.name(), new NameMatch(unit, false));
        unit.aliases().forEach(alias -> claim(alias, new NameMatch(unit, true)));
    }

    private void claim(String name, NameMatch match) {
        NameMatch previous = byName.putIfAbsent(UnitNames.key(name, city), match);
        if (previous != null && !previous.unit().code().equals(match.unit().code())) {
            throw new IllegalArgumentException("the name " + name + " would stand for both "
                    + previous.unit().code() + " and " + match.unit().code());
        }
    }

    public String region() {
        return region;
    }

    public String city() {
        return city;
    }

    public Optional<UnitDefinition> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public Optional<NameMatch> byName(String written) {
        return Optional.ofNullable(byName.get(UnitNames.key(written, city)));
    }

    public boolean knowsName(String written) {
        return byName.containsKey(UnitNames.key(written, city));
    }

    public List<UnitDefinition> units() {
        return List.copyOf(byCode.values());
    }

    /** The member units of a group, in the group's order. */
    public List<UnitDefinition> members(UnitDefinition group) {
        List<UnitDefinition> members = new ArrayList<>();
        for (String code : group.members()) {
            members.add(byCode(code).orElseThrow(() ->
                    new IllegalStateException("group " + group.code() + " names unknown member " + code)));
        }
        return members;
    }

    public UnitDirectory with(Collection<UnitDefinition> more) {
        List<UnitDefinition> all = new ArrayList<>(byCode.values());
        all.addAll(more);
        return new UnitDirectory(region, city, all);
    }
}
