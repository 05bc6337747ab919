package org.plantracker.task.config;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.correlation.RequestContext;
import org.plantracker.task.command.RegisterRegionUnitsCommand;
import org.plantracker.task.importing.RegionCatalogue;
import org.plantracker.task.query.ProjectionCatchUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Registers every configured region's catalogue in its units registry at start, before the
 * service reports ready. Harmless on every restart (nothing new, nothing written) and when two
 * instances start together: the one that loses the race to create the registry retries and finds
 * it there.
 */
@Component
public class RegionRegistrar implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RegionRegistrar.class);
    private static final int ATTEMPTS = 3;

    private final RegionCatalogues regions;
    private final CommandGateway commands;
    private final ProjectionCatchUp projections;
    private final String serviceName;

    public RegionRegistrar(RegionCatalogues regions, CommandGateway commands, ProjectionCatchUp projections,
                           @Value("${spring.application.name:task-service}") String serviceName) {
        this.regions = regions;
        this.commands = commands;
        this.projections = projections;
        this.serviceName = serviceName;
    }

    @Override
    public void run(ApplicationArguments args) {
        try (RequestContext.Scope ignored = RequestContext.open(RequestContext.newCorrelationId(), "startup",
                Actor.system(serviceName))) {
            for (RegionCatalogue region : regions.all()) {
                register(region);
            }
        }
        // GET /api/units answers from the projection: let it catch up before the service is ready
        projections.awaitCaughtUp(Duration.ofSeconds(30));
    }

    private void register(RegionCatalogue region) {
        for (int attempt = 1; ; attempt++) {
            try {
                Integer changes = commands.sendAndWait(new RegisterRegionUnitsCommand(region.code(), region.units()));
                log.info("units registry {} ({}): {} change(s) from the catalogue", region.code(), region.city(), changes);
                return;
            } catch (AggregateStreamCreationException | ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("units registry {} was written concurrently by another instance; reading it again", region.code());
            }
        }
    }
}
