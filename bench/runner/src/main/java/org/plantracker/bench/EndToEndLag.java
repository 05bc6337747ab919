package org.plantracker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * How long after a command is accepted its effects can be seen: one report at a time through the
 * gateway, then its row in the county view and the lead unit's inbox notification are watched for
 * in their databases (a committed row is what the next GET returns), every millisecond, and its
 * arrival on the lead unit's live stream and at a webhook receiver as those channels deliver it.
 */
final class EndToEndLag {

    record Result(Histogram countyViewMicros, Histogram inboxMicros, Histogram streamMicros, Histogram webhookMicros,
                  int samples, int missed) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GIVE_UP_NANOS = 10_000_000_000L;

    private EndToEndLag() {
    }

    /** @param request report {@code i} with the given correlation id */
    static Result measure(HttpClient http, Function<Long, HttpRequest.Builder> request, int samples,
                          String progressJdbc, String notificationJdbc, String user, LiveChannels live) throws Exception {
        Histogram county = new Histogram(60_000_000L, 3);
        Histogram inbox = new Histogram(60_000_000L, 3);
        Histogram streamed = new Histogram(60_000_000L, 3);
        Histogram hooked = new Histogram(60_000_000L, 3);
        int missed = 0;
        try (Connection progress = DriverManager.getConnection(progressJdbc, user, "");
             Connection notification = DriverManager.getConnection(notificationJdbc, user, "");
             PreparedStatement inView = progress.prepareStatement("SELECT 1 FROM task_share_view WHERE last_report_id = ?");
             // only the notifications written after the report was sent: by the lag phase the table holds
             // the load phases' hundreds of thousands, and a scan of them (150 ms) made every poll of this
             // loop that slow, the county view's included
             PreparedStatement newestNotification = notification.prepareStatement("SELECT coalesce(max(id), 0) FROM notification");
             PreparedStatement inInbox = notification.prepareStatement(
                     "SELECT 1 FROM notification WHERE id > ? AND correlation_id = ? AND type = 'PROGRESS_REPORTED'")) {
            for (long i = 0; i < samples; i++) {
                String correlationId = "bench-lag-" + UUID.randomUUID();
                long notificationsBefore = Sql.longOf(newestNotification);
                HttpResponse<String> response = http.send(request.apply(i).header("X-Correlation-Id", correlationId).build(),
                        HttpResponse.BodyHandlers.ofString());
                long accepted = System.nanoTime();
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("report refused: " + response.statusCode() + " " + response.body());
                }
                String reportId = JSON.readTree(response.body()).path("reportId").asText();
                inView.setString(1, reportId);
                inInbox.setLong(1, notificationsBefore);
                inInbox.setString(2, correlationId);
                long seenInView = 0;
                long seenInInbox = 0;
                while ((seenInView == 0 || seenInInbox == 0 || live.streamedAt(correlationId) == 0
                        || live.hookedAt(correlationId) == 0) && System.nanoTime() - accepted < GIVE_UP_NANOS) {
                    if (seenInView == 0 && exists(inView)) {
                        seenInView = System.nanoTime();
                    }
                    if (seenInInbox == 0 && exists(inInbox)) {
                        seenInInbox = System.nanoTime();
                    }
                    Thread.sleep(1);
                }
                long seenOnStream = live.streamedAt(correlationId);
                long seenByHook = live.hookedAt(correlationId);
                if (seenInView == 0 || seenInInbox == 0 || seenOnStream == 0 || seenByHook == 0) {
                    missed++;
                    continue;
                }
                county.recordValue(Math.max(1, (seenInView - accepted) / 1000));
                inbox.recordValue(Math.max(1, (seenInInbox - accepted) / 1000));
                // the stream and the receiver may see it before the response reached this client
                streamed.recordValue(Math.max(1, (seenOnStream - accepted) / 1000));
                hooked.recordValue(Math.max(1, (seenByHook - accepted) / 1000));
            }
        }
        return new Result(county, inbox, streamed, hooked, samples, missed);
    }

    private static boolean exists(PreparedStatement query) throws Exception {
        try (ResultSet r = query.executeQuery()) {
            return r.next();
        }
    }
}
