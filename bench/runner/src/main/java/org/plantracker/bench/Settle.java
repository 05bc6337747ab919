package org.plantracker.bench;

import org.plantracker.devstack.TrackingTokens;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

/**
 * Waits until the system has digested the previous phase before the next one is measured: every
 * tracking processor of progress-service at the head of its store, notification-service no longer
 * consuming, and a PostgreSQL checkpoint done. Without it, one phase's backlog (and the server's
 * checkpoint after pgbench) shows up as the next phase's latency.
 */
final class Settle {

    private Settle() {
    }

    /** @return seconds it took */
    static double await(String progressJdbc, String notificationJdbc, String user, Duration max) throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + max.toNanos();
        try (Connection progress = DriverManager.getConnection(progressJdbc, user, "");
             Connection notification = DriverManager.getConnection(notificationJdbc, user, "")) {
            long lastConsumed = -1;
            int quietChecks = 0;
            while (System.nanoTime() < deadline && quietChecks < 3) {
                long consumed = Sql.longOf(notification, "SELECT count(*) FROM processed_event");
                boolean processorsAtHead = processorsAtHead(progress);
                quietChecks = processorsAtHead && consumed == lastConsumed ? quietChecks + 1 : 0;
                lastConsumed = consumed;
                Thread.sleep(500);
            }
            try (Statement s = progress.createStatement()) {
                s.execute("CHECKPOINT");
            }
        }
        return (System.nanoTime() - begin) / 1e9;
    }

    private static boolean processorsAtHead(Connection progress) throws Exception {
        long head = EventStoreLoader.headIndex(progress);
        return TrackingTokens.slowest(progress, null).orElse(Long.MAX_VALUE) >= head;
    }
}
