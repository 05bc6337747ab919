package org.plantracker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.progress.api.TaskShareAssignedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Fills progress-service's event store fast, straight into PostgreSQL with COPY, with the events its
 * aggregates really store: synthetic task shares of synthetic plans, each assigned once and then
 * reported on {@value #EVENTS_PER_SHARE}{@code - 1} times (a unit reporting monthly for a year and a
 * half). The events are the producer's own records serialized as Axon's Jackson serializer does, so
 * the service can load these aggregates and replay these events like any others.
 *
 * <p>Shares are written {@value #SHARES_PER_BATCH} at a time, round by round: every share's
 * assignment, then every share's first report, and so on, as thousands of units reporting month after
 * month would store them. A share's events therefore lie {@value #SHARES_PER_BATCH} events apart, and
 * a replay cannot profit from meeting the same view row many times in one batch.
 *
 * <p>Run it only while progress-service is stopped: its processors must not chase the new events
 * unless a replay is what is measured.
 */
final class EventStoreLoader {

    static final int EVENTS_PER_SHARE = 20;
    static final int SHARES_PER_BATCH = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final String[] STATUSES = {"ON_TRACK", "ON_TRACK", "AT_RISK", "DONE"};

    private EventStoreLoader() {
    }

    /**
     * Appends {@code count} events (rounded up to whole shares) in batches of one transaction each.
     *
     * @param progress called with the number of events written so far
     * @return the number of events written
     */
    static long append(String jdbcUrl, String user, long count, LongConsumer progress) throws Exception {
        long shares = (count + EVENTS_PER_SHARE - 1) / EVENTS_PER_SHARE;
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        byte[] metadata = JSON.writeValueAsBytes(Map.of("correlation-id", "bench-loader-" + run,
                "actor-user", "bench-loader", "actor-unit", "bench-loader"));
        String metadataHex = "\\x" + HEX.formatHex(metadata);
        long written = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "")) {
            c.setAutoCommit(false);
            for (long first = 0; first < shares; first += SHARES_PER_BATCH) {
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                        COPY domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                            payload, payloadrevision, payloadtype, timestamp) FROM STDIN (FORMAT csv)""");
                StringBuilder rows = new StringBuilder(1 << 20);
                long last = Math.min(shares, first + SHARES_PER_BATCH);
                for (int sequence = 0; sequence < EVENTS_PER_SHARE; sequence++) {
                    for (long s = first; s < last; s++) {
                        appendEvent(rows, run, s, sequence, now, metadataHex);
                        written++;
                        if (rows.length() > (1 << 20) - 20_000) {
                            flush(copy, rows);
                        }
                    }
                }
                flush(copy, rows);
                copy.endCopy();
                c.commit();
                progress.accept(written);
            }
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                // What an operator does after a bulk load: without it, autovacuum's insert-triggered
                // pass freezes these millions of rows (and writes their pages again) in the middle of
                // the next measurement, and its WAL forces checkpoints there.
                s.execute("VACUUM (FREEZE, ANALYZE) domainevententry");
            }
        }
        return written;
    }

    private static void appendEvent(StringBuilder rows, String run, long share, int sequence, Instant now,
                                    String metadataHex) throws Exception {
        String planId = "bench-" + run + "-plan-" + (share / 3_000);
        int taskNumber = (int) (share / 10 % 300) + 1;
        String taskId = planId + "-" + taskNumber;
        UnitRef unit = new UnitRef("bench-unit-" + (share % 10), "基准单位" + (share % 10), UnitKind.COUNTY_COMMITTEE);
        UnitRef lead = new UnitRef("bench-lead", "基准牵头单位", UnitKind.CITY_COMMITTEE);
        String shareId = taskId + ":" + unit.code();
        String title = "基准任务" + taskNumber + "：组织五老开展关爱助学活动";
        if (sequence == 0) {
            row(rows, shareId, 0, new TaskShareAssignedEvent(shareId, taskId, planId, taskNumber, 1, "基准章节",
                    title, unit, lead, false, true, 1), now, metadataHex);
            return;
        }
        row(rows, shareId, sequence, new ProgressReportSubmittedEvent(UUID.randomUUID().toString(), shareId, taskId,
                planId, taskNumber, title, unit, lead, "2022-" + String.format("%02d", (sequence - 1) % 12 + 1),
                ReportStatus.valueOf(STATUSES[sequence % STATUSES.length]),
                "本月组织“五老”走访困难学生家庭，开展助学活动，覆盖辖区中小学。", List.of(), List.of(), null),
                now, metadataHex);
    }

    private static void row(StringBuilder rows, String aggregate, long sequence, Object event, Instant at,
                            String metadataHex) throws Exception {
        rows.append('"').append(aggregate).append("\",").append(sequence).append(",TaskShare,")
                .append(UUID.randomUUID()).append(',').append(metadataHex).append(",\\x")
                .append(HEX.formatHex(JSON.writeValueAsBytes(event))).append(",,")
                .append(event.getClass().getName()).append(',').append(at).append('\n');
    }

    private static void flush(CopyIn copy, StringBuilder rows) throws Exception {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    static long headIndex(String jdbcUrl, String user) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "")) {
            return headIndex(c);
        }
    }

    /** The global index of the newest stored event (0 for an empty store). */
    static long headIndex(Connection c) throws Exception {
        return org.plantracker.devstack.TrackingTokens.headIndex(c);
    }

    /**
     * Moves every segment of every streaming processor of the service to the head: the loaded events
     * count as long handled (a segment that has handled nothing yet has no token at all).
     */
    static void advanceTokensToHead(String jdbcUrl, String user) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
             Statement s = c.createStatement()) {
            s.executeUpdate("""
                    UPDATE tokenentry SET token = convert_to(format('{"index":%s,"gaps":[]}',
                        (SELECT max(globalindex) FROM domainevententry)), 'UTF8'),
                        tokentype = 'org.axonframework.eventhandling.GapAwareTrackingToken'""");
        }
    }
}
