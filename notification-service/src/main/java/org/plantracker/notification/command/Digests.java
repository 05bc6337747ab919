package org.plantracker.notification.command;

import org.plantracker.notification.channel.Channels;
import org.plantracker.notification.channel.EmailChannel;
import org.plantracker.notification.config.NotificationProperties;
import org.plantracker.notification.query.Inbox;
import org.plantracker.notification.query.NotificationDraft;
import org.plantracker.notification.query.NotificationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daily digest: once a day, at the configured local time (or at the first check after it, when
 * the service was down then), every unit with notifications held for the digest gets one DIGEST
 * notification listing them, pushed on its live stream and by email. One instance makes a day's
 * digest: the first to record the day in digest_run.
 */
@Component
public class Digests {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);
    /** Titles listed in a digest's body; the inbox has all of them. */
    static final int LISTED = 20;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Inbox inbox;
    private final EmailChannel email;
    private final Channels channels;
    private final Clock clock;
    private final NotificationProperties.Digest settings;

    public Digests(JdbcTemplate jdbc, TransactionTemplate tx, Inbox inbox, EmailChannel email, Channels channels,
                   Clock clock, NotificationProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.inbox = inbox;
        this.email = email;
        this.channels = channels;
        this.clock = clock;
        this.settings = properties.digest();
    }

    @Scheduled(fixedDelayString = "${plan-tracker.notifications.digest.check-interval:PT1M}",
            initialDelayString = "${plan-tracker.notifications.digest.check-interval:PT1M}")
    public void scheduled() {
        try {
            makeDueDigest();
        } catch (RuntimeException e) {
            log.warn("making the daily digest failed; the next check tries again", e);
        }
    }

    /**
     * Makes today's digests if their time has come and no instance made them yet.
     *
     * @return the number of units that got a digest
     */
    public int makeDueDigest() {
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(settings.zone());
        if (local.toLocalTime().isBefore(settings.at())) {
            return 0;
        }
        LocalDate day = local.toLocalDate();
        Integer made = tx.execute(status -> {
            if (jdbc.update("INSERT INTO digest_run (day, ran_at) VALUES (?, ?) ON CONFLICT (day) DO NOTHING",
                    Date.valueOf(day), Timestamp.from(now)) == 0) {
                return 0;
            }
            Map<String, List<String>> held = new LinkedHashMap<>();
            Map<String, Long> lastId = new LinkedHashMap<>();
            jdbc.query("""
                    SELECT id, unit_code, title FROM notification WHERE digest_pending ORDER BY unit_code, id""", rs -> {
                held.computeIfAbsent(rs.getString(2), u -> new ArrayList<>()).add(rs.getString(3));
                lastId.put(rs.getString(2), rs.getLong(1));
            });
            List<Inbox.EventNotifications> digests = new ArrayList<>();
            held.forEach((unit, titles) -> {
                StringBuilder body = new StringBuilder(day + "：您有" + titles.size() + "条按日汇总的通知。");
                for (int i = 0; i < Math.min(LISTED, titles.size()); i++) {
                    body.append("\n").append(i + 1).append(". ").append(titles.get(i));
                }
                if (titles.size() > LISTED) {
                    body.append("\n……其余").append(titles.size() - LISTED).append("条请在通知列表中查看。");
                }
                digests.add(new Inbox.EventNotifications("digest:" + unit + ":" + day, "DailyDigest", null,
                        List.of(new NotificationDraft(unit, null, NotificationType.DIGEST,
                                "每日通知摘要（" + day + "，" + titles.size() + "条）", body.toString(), null, null))));
                jdbc.update("UPDATE notification SET digest_pending = FALSE WHERE unit_code = ? AND digest_pending AND id <= ?",
                        unit, lastId.get(unit));
            });
            List<Inbox.Delivered> delivered = inbox.deliver(digests, Map.of());
            channels.store(email, email.forNotifications(delivered), now);
            return delivered.size();
        });
        if (made != null && made > 0) {
            log.info("daily digest of {} made for {} unit(s)", day, made);
        }
        return made == null ? 0 : made;
    }
}
