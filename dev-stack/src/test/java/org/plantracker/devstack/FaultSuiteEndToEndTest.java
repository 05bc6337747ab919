package org.plantracker.devstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite's short mode in the README's test command: while four county committees report
 * through the gateway, progress-service is killed with SIGKILL and started again, then the Kafka
 * broker is frozen for 15 s. Every accepted report is stored once and told to its lead unit once;
 * the gateway answered every outage with 503 and Retry-After. Then, the load stopped, progress-service's
 * views and task-service's read models are rebuilt from their events and must equal what the faults
 * left. {@code dev-stack/faults} runs every fault.
 */
class FaultSuiteEndToEndTest {

    @TempDir
    static Path work;
    private static DevStack stack;

    @BeforeAll
    static void startTheStackWithTheJixiPlan() throws Exception {
        Path root = RepoRoot.path();
        stack = DevStack.startOnFreePorts(root, work, "faults", true);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void underAKilledServiceAndAFrozenBrokerNoAcceptedReportIsLostOrDoubled() throws Exception {
        FaultSuite suite = new FaultSuite(stack);
        List<FaultSuite.Result> results = suite.run(FaultSuite.faults(true),
                Duration.ofSeconds(5), Duration.ofSeconds(10));
        System.out.println(FaultSuite.table(results));
        assertThat(results).hasSize(2);
        assertThat(results).allSatisfy(result -> {
            assertThat(result.accepted()).as("%s: reports accepted", result.fault()).isGreaterThan(10);
            assertThat(result.accepted()).as("%s: every report was finally accepted (a refusal is no fault's doing)",
                    result.fault()).isEqualTo(result.sent());
            assertThat(result.keptEveryPromise()).as(FaultSuite.format(result)).isTrue();
        });

        List<ReplayCheck.Result> replays = suite.compareReadModelsWithReplay();
        System.out.println(ReplayCheck.table(replays));
        assertThat(replays).hasSize(2).allSatisfy(replay -> {
            assertThat(replay.liveRows()).as("%s: rows", replay.model().module()).isGreaterThan(0);
            assertThat(replay.equal()).as("%s rebuilt from its events: %s", replay.model().module(), replay.examples())
                    .isTrue();
        });
    }
}
