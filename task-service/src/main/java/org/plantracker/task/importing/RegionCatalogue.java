package org.plantracker.task.importing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The units of one region as configuration knows them (e.g. regions/jixi.json): the city the
 * plans name, its city committee, departments, county committees and groups. Registered into the
 * region's units registry at start.
 *
 * @param code the region code, also the id of its units registry (e.g. {@code jixi})
 * @param city the city's name as plan titles write it (e.g. 鸡西市)
 */
public record RegionCatalogue(String code, String city, List<UnitDefinition> units) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public RegionCatalogue {
        if (code == null || !code.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a region code is lower-case ASCII: " + code);
        }
        if (city == null || city.isBlank()) {
            throw new IllegalArgumentException("region " + code + " needs its city's name");
        }
        units = units == null ? List.of() : List.copyOf(units);
        Set<String> codes = new HashSet<>();
        for (UnitDefinition unit : units) {
            if (!codes.add(unit.code())) {
                throw new IllegalArgumentException("region " + code + " lists unit " + unit.code() + " twice");
            }
        }
        for (UnitDefinition unit : units) {
            for (String member : unit.members()) {
                if (!codes.contains(member)) {
                    throw new IllegalArgumentException("group " + unit.code() + " names unknown member " + member);
                }
            }
        }
    }

    public static RegionCatalogue read(InputStream json) {
        try {
            return JSON.readValue(json, RegionCatalogue.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read region catalogue", e);
        }
    }

    public UnitDirectory directory() {
        return new UnitDirectory(code, city, units);
    }
}
