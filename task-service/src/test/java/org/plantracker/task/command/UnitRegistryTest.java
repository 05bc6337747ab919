package org.plantracker.task.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.task.api.UnitAliasRecordedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRegisteredEvent;
import org.plantracker.task.importing.RegionCatalogue;
import org.plantracker.task.importing.UnitDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The units registry: registering a catalogue is idempotent; new units and aliases are added. */
class UnitRegistryTest {

    private static RegionCatalogue jixi;
    private AggregateTestFixture<UnitRegistry> fixture;

    @BeforeAll
    static void loadCatalogue() throws IOException {
        try (InputStream in = UnitRegistryTest.class.getResourceAsStream("/regions/jixi.json")) {
            jixi = RegionCatalogue.read(in);
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UnitRegistry.class);
    }

    private static List<Object> registered(List<UnitDefinition> units) {
        return units.stream().<Object>map(u -> new UnitRegisteredEvent("jixi", u.code(), u.name(), u.kind(),
                u.aliases(), u.members())).toList();
    }

    @Test
    void aNewRegionRegistersEveryUnitOfItsCatalogue() {
        fixture.givenNoPriorActivity()
                .when(new RegisterRegionUnitsCommand("jixi", jixi.units()))
                .expectEvents(registered(jixi.units()).toArray())
                .expectResultMessagePayload(jixi.units().size());
        // 市关工委, 19 departments, 9 county committees, 3 groups
        assertThat(jixi.units()).hasSize(32);
    }

    @Test
    void registeringTheSameCatalogueAgainChangesNothing() {
        fixture.given(registered(jixi.units()))
                .when(new RegisterRegionUnitsCommand("jixi", jixi.units()))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void aCatalogueWithANewUnitAndANewAliasAddsOnlyThose() {
        List<UnitDefinition> before = jixi.units().stream()
                .map(u -> u.code().equals("jixi-culture-tourism")
                        ? new UnitDefinition(u.code(), u.name(), u.kind(), List.of(), u.members()) : u)
                .toList();
        UnitDefinition science = new UnitDefinition("jixi-science", "市科技局", UnitKind.CITY_DEPARTMENT, List.of(), List.of());
        List<UnitDefinition> after = new ArrayList<>(jixi.units());
        after.add(science);

        fixture.given(registered(before))
                .when(new RegisterRegionUnitsCommand("jixi", after))
                .expectEvents(new UnitAliasRecordedEvent("jixi", "jixi-culture-tourism", "市文化广电和旅游局"),
                        new UnitRegisteredEvent("jixi", "jixi-science", "市科技局", UnitKind.CITY_DEPARTMENT,
                                List.of(), List.of()))
                .expectResultMessagePayload(2);
    }

    @Test
    void aGroupNamingAnUnknownMemberIsRefused() {
        UnitDefinition group = new UnitDefinition("jixi-somebody", "某某组", UnitKind.GROUP, List.of(),
                List.of("jixi-nowhere"));

        fixture.given(registered(jixi.units()))
                .when(new RegisterRegionUnitsCommand("jixi", List.of(group)))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage("group jixi-somebody names unknown member jixi-nowhere");
    }

    @Test
    void oneNameNeverStandsForTwoUnits() {
        UnitDefinition twin = new UnitDefinition("jixi-education-2", "市教育局", UnitKind.CITY_DEPARTMENT, List.of(), List.of());

        fixture.given(registered(jixi.units()))
                .when(new RegisterRegionUnitsCommand("jixi", List.of(twin)))
                .expectNoEvents()
                .expectException(DomainException.class);
    }
}
