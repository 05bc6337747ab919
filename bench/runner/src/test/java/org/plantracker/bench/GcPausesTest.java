package org.plantracker.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GcPausesTest {

    @Test
    void readsEveryPauseAndTellsTheFullOnesFromTheUnifiedGcLog() {
        List<GcPauses.Pause> pauses = GcPauses.parse(List.of(
                "[0.012s] Using Serial",
                "[12.345s] GC(0) Pause Young (Allocation Failure) 101M->20M(491M) 14.502ms",
                "[70.001s] GC(1) Pause Full (Allocation Failure) 300M->61M(491M) 171.234ms",
                "[71.500s] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(491M) 9ms",
                "[72.000s] GC(3) Pause Remark 80M->80M(256M) 2.0ms",
                "[72.100s] GC(3) Pause Cleanup 80M->80M(256M) 0.1ms",
                "[72.000s] GC(4) Concurrent Mark Cycle 120.5ms"));

        assertThat(pauses).containsExactly(
                new GcPauses.Pause(false, 14.502),
                new GcPauses.Pause(true, 171.234),
                new GcPauses.Pause(false, 9),
                new GcPauses.Pause(false, 2.0),
                new GcPauses.Pause(false, 0.1));
    }

    @Test
    void countsOnlyThePausesLoggedAfterTheMark(@TempDir Path logs) throws Exception {
        Path log = logs.resolve("gc-42.log");
        Files.write(log, List.of("[1.0s] GC(0) Pause Full (Metadata GC Threshold) 40M->20M(491M) 80.0ms"));
        Map<String, Long> pids = Map.of("progress-service", 42L, "without-log", 43L);
        Map<String, Integer> mark = GcPauses.mark(logs, pids);

        Files.write(log, List.of(
                "[1.0s] GC(0) Pause Full (Metadata GC Threshold) 40M->20M(491M) 80.0ms",
                "[2.0s] GC(1) Pause Young (Allocation Failure) 120M->30M(491M) 12.0ms",
                "[3.0s] GC(2) Pause Full (Allocation Failure) 300M->61M(491M) 170.0ms",
                "[4.0s] GC(3) Pause Young (Allocation Failure) 120M->30M(491M) 8.0ms"));
        Map<String, GcPauses.Summary> since = GcPauses.since(logs, pids, mark);

        assertThat(since).containsOnlyKeys("progress-service");
        assertThat(since.get("progress-service")).isEqualTo(new GcPauses.Summary(3, 1, 190.0, 170.0));
    }
}
