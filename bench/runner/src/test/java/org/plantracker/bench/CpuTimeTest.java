package org.plantracker.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuTimeTest {

    @Test
    void readsUserAndSystemTicksEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        String stat = "4711 (C2 Comp (x) 1) S 1 4711 4711 0 -1 4194560 120 0 0 0 1234 56 7 8 20 0 30 0 100 1 2";
        assertThat(CpuTime.ticks(stat)).isEqualTo(1234 + 56);
    }

    @Test
    void postgresCountsItsExitedBackendsThroughThePostmastersChildrenTimes() {
        // postmaster 100 (parent 1) with two live backends; 30 + 5 ticks of exited backends already reaped
        String postmaster = "100 (postgres) S 1 100 100 0 -1 0 0 0 0 0 7 3 30 5 20 0 1 0 1 1 1";
        String backend = "101 (postgres) S 100 100 100 0 -1 0 0 0 0 0 40 10 0 0 20 0 1 0 1 1 1";
        String walWriter = "102 (postgres) S 100 100 100 0 -1 0 0 0 0 0 2 1 0 0 20 0 1 0 1 1 1";
        Map<Long, String> before = new java.util.LinkedHashMap<>(Map.of(100L, postmaster, 101L, backend, 102L, walWriter));
        assertThat(CpuTime.postgresTicks(before)).isEqualTo(10 + 35 + 50 + 3);

        // the backend exits and is reaped: its 50 ticks move to the postmaster's children's times
        String reaped = "100 (postgres) S 1 100 100 0 -1 0 0 0 0 0 7 3 70 15 20 0 1 0 1 1 1";
        Map<Long, String> after = Map.of(100L, reaped, 102L, walWriter);
        assertThat(CpuTime.postgresTicks(after)).isEqualTo(CpuTime.postgresTicks(before));
    }

    @Test
    void splitsTheCpuBetweenTwoSnapshotsPerRequest() {
        Map<String, Double> perRequest = CpuTime.millisPerRequest(Map.of("gateway", 10.0, "kafka", 2.0),
                Map.of("gateway", 12.0, "kafka", 2.5, "started later", 1.0), 1000);
        assertThat(perRequest).containsOnlyKeys("gateway", "kafka");
        assertThat(perRequest.get("gateway")).isCloseTo(2.0, within(1e-9));
        assertThat(perRequest.get("kafka")).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void readsTheCpuTimeOfThisProcessAsTheLoadGenerators() {
        Map<String, Double> snapshot = CpuTime.snapshot(Map.of());
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(snapshot.get(CpuTime.LOAD_GENERATOR)).isPositive();
        }
    }
}
