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
