package org.plantracker.bench;

import org.plantracker.devstack.DevStack;
import org.plantracker.devstack.ReadModel;
import org.plantracker.devstack.TrackingTokens;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;

/**
 * Rebuilds progress-service's county and municipal views (the {@code views} tracking processor) from
 * the first stored event, and measures how fast it goes: the service is stopped, the views' rows and
 * the processor's token are deleted ({@link ReadModel#deleteRowsAndTokens}, as the fault suite's
 * replay check does), the service is started, and the token's position is followed until it
 * reaches the newest event.
 */
final class Replay {

    record Result(long events, double seconds, double eventsPerSecond, double secondsFromStart) {
    }

    private Replay() {
    }

    static Result rebuildViews(DevStack stack, String jdbcUrl, String user) throws Exception {
        long[] head = new long[1];
        long[] restartedAt = new long[1];
        // [0] first time a token row shows progress, [1] its index then, [2] time it reached the head
        long[] seen = {0, -1, 0};
        Thread watcher = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(jdbcUrl, user, "")) {
                while (!Thread.currentThread().isInterrupted()) {
                    // the processor's position is its slowest segment's
                    long index = TrackingTokens.slowest(c, ReadModel.PROGRESS_VIEWS.processor()).orElse(-1);
                    long now = System.nanoTime();
                    if (index >= 0 && seen[1] < 0) {
                        seen[0] = now;
                        seen[1] = index;
                    }
                    if (index >= head[0]) {
                        seen[2] = now;
                        return;
                    }
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "replay-watcher");
        stack.restart("progress-service", () -> {
            try (Connection c = DriverManager.getConnection(jdbcUrl, user, "")) {
                ReadModel.PROGRESS_VIEWS.deleteRowsAndTokens(c);
            }
            head[0] = EventStoreLoader.headIndex(jdbcUrl, user);
            restartedAt[0] = System.nanoTime();
            // watched from before the service starts: a short replay may end before it reports healthy
            watcher.start();
            return null;
        });
        watcher.join(Duration.ofHours(1).toMillis());
        if (seen[2] == 0) {
            watcher.interrupt();
            throw new IllegalStateException("the views were not rebuilt within an hour");
        }
        long events = head[0] - Math.max(seen[1], 0);
        double seconds = Math.max(seen[2] - seen[0], 1_000_000) / 1e9;
        return new Result(head[0], seconds, events / seconds, (seen[2] - restartedAt[0]) / 1e9);
    }
}
