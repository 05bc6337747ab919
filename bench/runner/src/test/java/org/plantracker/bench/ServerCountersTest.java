package org.plantracker.bench;

import org.junit.jupiter.api.Test;
import org.plantracker.platform.test.TestInfrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real PostgreSQL server: the counters move with the work done between two snapshots. */
class ServerCountersTest {

    @Test
    void insertsAfterACheckpointShowAsWalFullPageImagesAndAGrowingStore() throws Exception {
        String url = TestInfrastructure.newDatabase("counters");
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE domainevententry (globalindex BIGINT PRIMARY KEY, payload BYTEA NOT NULL)");
            s.execute("CHECKPOINT");
            ServerCounters before = ServerCounters.read(c);

            s.execute("INSERT INTO domainevententry SELECT i, decode(repeat('ab', 300), 'hex') FROM generate_series(1, 5000) i");
            s.execute("CHECKPOINT");
            // backends publish their statistics when idle; this one only after its transaction ends
            s.execute("SELECT pg_stat_force_next_flush()");
            ServerCounters.PerRequest perRow = ServerCounters.read(c).since(before, 5000);

            // each row is more than 300 bytes of WAL; each first touch of a page after a checkpoint is an image
            assertThat(perRow.walBytes()).isGreaterThan(300);
            assertThat(perRow.walFullPageImages()).isGreaterThan(0).isLessThan(1);
            assertThat(perRow.checkpoints()).isEqualTo(1);
            assertThat(perRow.storeBytes()).isGreaterThan(5000L * 300);
            assertThat(perRow.bufferHitRatio()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void perRequestDividesByTheRequestsAndNeverByZero() {
        ServerCounters before = new ServerCounters(100, 900, 1_000, 10, 3, 1 << 20);
        ServerCounters after = new ServerCounters(300, 1_700, 51_000, 60, 4, 2 << 20);

        ServerCounters.PerRequest per = after.since(before, 100);
        assertThat(per.blocksRead()).isEqualTo(2.0);
        assertThat(per.bufferHitRatio()).isEqualTo(0.8);
        assertThat(per.walBytes()).isEqualTo(500.0);
        assertThat(per.walFullPageImages()).isEqualTo(0.5);
        assertThat(per.checkpoints()).isEqualTo(1);
        assertThat(per.storeBytes()).isEqualTo(2 << 20);

        assertThat(after.since(before, 0).walBytes()).isEqualTo(50_000.0);
        assertThat(before.since(before, 10).bufferHitRatio()).isNaN();
    }
}
