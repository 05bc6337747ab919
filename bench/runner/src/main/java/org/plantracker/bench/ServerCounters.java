package org.plantracker.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What PostgreSQL itself did during a measured step, from its cumulative statistics: blocks of the
 * service's database that were not in shared buffers, WAL written and the full-page images in it,
 * checkpoints. Read before and after a step and divided by the requests, these say whether a bigger
 * store makes the database do more work per report (index pages no longer cached, more pages
 * dirtied), which the latency alone cannot tell apart from a JVM that happened to be slower.
 * The WAL and checkpoint figures are the whole server's; the bench runs nothing else meanwhile.
 */
record ServerCounters(long blocksRead, long blocksHit, long walBytes, long walFullPageImages, long checkpoints,
                      long storeBytes) {

    /** A snapshot for the database {@code c} is connected to. */
    static ServerCounters read(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // a snapshot of the statistics is cached per transaction: start from a fresh one
            s.execute("SELECT pg_stat_clear_snapshot()");
        }
        long[] database = Sql.longsOf(c, "SELECT blks_read, blks_hit FROM pg_stat_database WHERE datname = current_database()", 2);
        long[] wal = Sql.longsOf(c, "SELECT wal_bytes::bigint, wal_fpi FROM pg_stat_wal", 2);
        long store = Sql.longOf(c, "SELECT pg_total_relation_size('domainevententry')");
        return new ServerCounters(database[0], database[1], wal[0], wal[1], checkpoints(c), store);
    }

    /** Per request from {@code before} to this snapshot; the store's size is this snapshot's own. */
    PerRequest since(ServerCounters before, long requests) {
        double n = Math.max(1, requests);
        return new PerRequest((blocksRead - before.blocksRead) / n,
                ratio(blocksHit - before.blocksHit, (blocksHit - before.blocksHit) + (blocksRead - before.blocksRead)),
                (walBytes - before.walBytes) / n, (walFullPageImages - before.walFullPageImages) / n,
                checkpoints - before.checkpoints, storeBytes);
    }

    /** The per-request view of one step. {@code bufferHitRatio} is over all block accesses of the step. */
    record PerRequest(double blocksRead, double bufferHitRatio, double walBytes, double walFullPageImages,
                      long checkpoints, long storeBytes) {
    }

    /** PostgreSQL 17 moved the checkpoint counts from pg_stat_bgwriter to pg_stat_checkpointer. */
    private static long checkpoints(Connection c) throws SQLException {
        boolean separate = Sql.longOf(c, "SELECT count(*) FROM pg_catalog.pg_class WHERE relname = 'pg_stat_checkpointer'") > 0;
        return Sql.longOf(c, separate
                ? "SELECT num_timed + num_requested FROM pg_stat_checkpointer"
                : "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter");
    }

    private static double ratio(long part, long whole) {
        return whole > 0 ? (double) part / whole : Double.NaN;
    }
}
