package org.plantracker.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A growth row's latency is the median over its repeated runs: one bad run does not decide it. */
class ResultsGrowthTest {

    @Test
    void oneBadRunAmongThreeMovesTheMedianNoFurtherThanAGoodOne() {
        Results.Growth step = new Results.Growth(0, 1_000, null,
                List.of(run(2, 10), run(3, 300), run(4, 12)), null);

        assertThat(step.medianMillis(50)).isCloseTo(3, within(0.01));
        assertThat(step.medianMillis(99)).isCloseTo(12, within(0.1));
        assertThat(step.rangeMillis(99)).isEqualTo("10.0–300.0");
        assertThat(step.offeredRate()).isEqualTo(300);
    }

    @Test
    void withAnEvenNumberOfRunsTheMedianIsTheMeanOfTheMiddleTwo() {
        Results.Growth step = new Results.Growth(0, 1_000, null, List.of(run(2, 10), run(4, 20)), null);

        assertThat(step.medianMillis(99)).isCloseTo(15, within(0.1));
    }

    /** A run whose latencies are 98 % at {@code p50} ms and 2 % at {@code p99} ms. */
    private static LoadGenerator.Result run(long p50, long p99) {
        Histogram micros = new Histogram(60_000_000L, 3);
        micros.recordValueWithCount(p50 * 1000, 98);
        micros.recordValueWithCount(p99 * 1000, 2);
        return new LoadGenerator.Result("direct", 300, 8, 40, 100, 0, micros, null);
    }
}
