package org.plantracker.task.config;

import org.plantracker.task.importing.RegionCatalogue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The region catalogues this service knows (property {@code plan-tracker.regions}, a list of
 * resources, by default the Jixi catalogue). Each region gets a units registry at start; plans are
 * matched to a region by the city their title names.
 */
@Component
public class RegionCatalogues {

    private final List<RegionCatalogue> regions;

    public RegionCatalogues(@Value("${plan-tracker.regions:classpath:regions/jixi.json}") Resource[] resources) {
        List<RegionCatalogue> loaded = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Set<String> cities = new HashSet<>();
        for (Resource resource : resources) {
            try (InputStream in = resource.getInputStream()) {
                RegionCatalogue region = RegionCatalogue.read(in);
                if (!codes.add(region.code()) || !cities.add(region.city())) {
                    throw new IllegalStateException("region " + region.code() + " (" + region.city()
                            + ") is configured twice");
                }
                loaded.add(region);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read region catalogue " + resource, e);
            }
        }
        if (loaded.isEmpty()) {
            throw new IllegalStateException("plan-tracker.regions names no region catalogue");
        }
        this.regions = List.copyOf(loaded);
    }

    public List<RegionCatalogue> all() {
        return regions;
    }

    public Optional<RegionCatalogue> find(String code) {
        return regions.stream().filter(r -> r.code().equals(code)).findFirst();
    }
}
