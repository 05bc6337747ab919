package org.plantracker.notification.query;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The notification table: delivered to by the Kafka consumer (and the digest and webhook
 * bookkeeping), read, marked and archived by the units, streamed live by position.
 */
@Repository
public class Inbox {

    /** The PostgreSQL channel a committed notification is announced on (payload: the unit codes). */
    public static final String CHANNEL = "plan_tracker_notification";
    /** NOTIFY payloads are limited to 8000 bytes; unit codes are announced in chunks below that. */
    private static final int NOTIFY_CHUNK = 7000;

    private static final String COLUMNS = "n.id, n.position, n.unit_code, n.unit_name, n.type, n.severity, n.title, "
            + "n.body, n.task_id, n.task_number, n.plan_id, p.title AS plan_title, n.event_id, n.event_type, "
            + "n.correlation_id, n.alert, n.digest_pending, n.created_at, n.read_at, n.archived_at";
    private static final String FROM = " FROM notification n LEFT JOIN plan p ON p.plan_id = n.plan_id";

    private static final RowMapper<Notification> ROW = (rs, n) -> {
        String taskId = rs.getString("task_id");
        return new Notification(
                rs.getLong("id"), rs.getLong("position"), rs.getString("unit_code"), rs.getString("unit_name"),
                NotificationType.valueOf(rs.getString("type")), NotificationType.Severity.valueOf(rs.getString("severity")),
                rs.getString("title"), rs.getString("body"), taskId, (Integer) rs.getObject("task_number"),
                rs.getString("plan_id"), rs.getString("plan_title"), rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("correlation_id"),
                rs.getBoolean("alert") ? "IMMEDIATE" : "DIGEST",
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("read_at", OffsetDateTime.class),
                rs.getObject("archived_at", OffsetDateTime.class),
                taskId == null ? Map.of() : Map.of("task", "/api/tasks/" + taskId));
    };

    private final JdbcTemplate jdbc;

    public Inbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The notifications one event gives, with what identifies the event on each row. */
    public record EventNotifications(String eventId, String eventType, String correlationId,
                                     List<NotificationDraft> drafts) {
    }

    /**
     * A notification as stored, for the channels that follow the inbox (email).
     *
     * @param alert true when it is pushed to its unit now; false when it waits for the daily digest
     */
    public record Delivered(long id, String unitCode, String unitName, NotificationType type, String title,
                           String body, String taskId, String eventId, boolean alert) {
    }

    /**
     * Puts the drafts of several events into their units' inboxes in one statement. A unit that
     * already has a notification for an event gets no second one. Positions are taken under the
     * stream head's row lock, held until this transaction commits: a transaction that commits later
     * always has higher positions, so a live stream that resumed after position N misses nothing.
     *
     * @param digestTypes per unit, the types it asked to receive once a day (RED types never held back)
     * @return the notifications added
     */
    public List<Delivered> deliver(List<EventNotifications> events, Map<String, Set<NotificationType>> digestTypes) {
        List<Object[]> rows = new ArrayList<>();
        for (EventNotifications e : events) {
            for (NotificationDraft d : e.drafts()) {
                boolean held = !d.type().red() && digestTypes.getOrDefault(d.unitCode(), Set.of()).contains(d.type());
                rows.add(new Object[]{d.unitCode(), d.unitName(), d.type().name(), d.title(), d.body(), d.taskId(),
                        d.planId(), d.taskNumber(), e.eventId(), e.eventType(), e.correlationId(), d.type().severity().name(),
                        !held, held});
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Long last = jdbc.queryForObject(
                "UPDATE notification_stream_head SET last_position = last_position + ? WHERE id = 1 RETURNING last_position",
                Long.class, rows.size());
        long first = last - rows.size() + 1;
        int columns = 15;
        Object[][] arrays = new Object[columns][];
        String[] names = {"varchar", "varchar", "varchar", "varchar", "text", "varchar", "varchar", "int", "varchar",
                "varchar", "varchar", "varchar", "bool", "bool", "int8"};
        for (int c = 0; c < columns; c++) {
            arrays[c] = switch (names[c]) {
                case "int" -> new Integer[rows.size()];
                case "bool" -> new Boolean[rows.size()];
                case "int8" -> new Long[rows.size()];
                default -> new String[rows.size()];
            };
        }
        for (int r = 0; r < rows.size(); r++) {
            Object[] row = rows.get(r);
            for (int c = 0; c < columns - 1; c++) {
                arrays[c][r] = row[c];
            }
            arrays[columns - 1][r] = first + r;
        }
        StringBuilder unnest = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            unnest.append(c == 0 ? "" : ", ").append("?::").append(names[c]).append("[]");
        }
        List<Delivered> added = jdbc.query("""
                INSERT INTO notification (unit_code, unit_name, type, title, body, task_id, plan_id, task_number,
                                          event_id, event_type, correlation_id, severity, alert, digest_pending, position)
                SELECT * FROM unnest(%s)
                ON CONFLICT (event_id, unit_code) DO NOTHING
                RETURNING id, unit_code, unit_name, type, title, body, task_id, event_id, alert""".formatted(unnest),
                (rs, n) -> new Delivered(rs.getLong("id"), rs.getString("unit_code"), rs.getString("unit_name"),
                        NotificationType.valueOf(rs.getString("type")), rs.getString("title"), rs.getString("body"),
                        rs.getString("task_id"), rs.getString("event_id"), rs.getBoolean("alert")),
                (Object[]) arrays);
        announce(added);
        return added;
    }

    /** Tells every instance's live streams, at commit, which units have something new. */
    private void announce(List<Delivered> added) {
        Set<String> units = new LinkedHashSet<>();
        for (Delivered d : added) {
            if (d.alert()) {
                units.add(d.unitCode());
            }
        }
        StringBuilder chunk = new StringBuilder();
        for (String unit : units) {
            if (chunk.length() + unit.length() + 1 > NOTIFY_CHUNK) {
                jdbc.queryForList("SELECT pg_notify(?, ?)", CHANNEL, chunk.toString());
                chunk.setLength(0);
            }
            chunk.append(chunk.isEmpty() ? "" : ",").append(unit);
        }
        if (!chunk.isEmpty()) {
            jdbc.queryForList("SELECT pg_notify(?, ?)", CHANNEL, chunk.toString());
        }
    }

    /**
     * What a unit asks of its inbox.
     *
     * @param types    only these types (empty: all)
     * @param archived true: only archived notifications; false: only those not archived
     * @param before   only notifications older than this id (the next page), or null for the newest
     */
    public record Filter(boolean unreadOnly, Set<NotificationType> types, String taskId, boolean archived, Long before,
                         int limit) {
    }

    /** A unit's notifications, newest first. */
    public List<Notification> find(String unitCode, Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + FROM + " WHERE n.unit_code = ?");
        List<Object> args = new ArrayList<>(List.of(unitCode));
        narrow(sql, args, filter.unreadOnly(), filter.types(), filter.taskId());
        sql.append(filter.archived() ? " AND n.archived_at IS NOT NULL" : " AND n.archived_at IS NULL");
        if (filter.before() != null) {
            sql.append(" AND n.id < ?");
            args.add(filter.before());
        }
        sql.append(" ORDER BY n.id DESC LIMIT ?");
        args.add(filter.limit());
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /** A unit's notifications, newest first (unread only or all, not archived). */
    public List<Notification> find(String unitCode, boolean unreadOnly, Long before, int limit) {
        return find(unitCode, new Filter(unreadOnly, Set.of(), null, false, before, limit));
    }

    private static void narrow(StringBuilder sql, List<Object> args, boolean unreadOnly, Set<NotificationType> types,
                               String taskId) {
        if (unreadOnly) {
            sql.append(" AND n.read_at IS NULL");
        }
        if (types != null && !types.isEmpty()) {
            sql.append(" AND n.type = ANY (?::varchar[])");
            args.add(types.stream().map(Enum::name).toArray(String[]::new));
        }
        if (taskId != null) {
            sql.append(" AND n.task_id = ?");
            args.add(taskId);
        }
    }

    /** Unread, not archived notifications of a unit: the total and per type. */
    public Map<NotificationType, Long> unreadByType(String unitCode) {
        Map<NotificationType, Long> counts = new LinkedHashMap<>();
        jdbc.query("""
                SELECT type, count(*) FROM notification
                WHERE unit_code = ? AND read_at IS NULL AND archived_at IS NULL GROUP BY type ORDER BY type""",
                rs -> {
                    counts.put(NotificationType.valueOf(rs.getString(1)), rs.getLong(2));
                }, unitCode);
        return counts;
    }

    /** Marks a unit's notification read (once: the first reading time stays); empty when the unit has no such notification. */
    public Optional<Notification> markRead(long id, String unitCode) {
        jdbc.update("UPDATE notification SET read_at = now() WHERE id = ? AND unit_code = ? AND read_at IS NULL",
                id, unitCode);
        return one(id, unitCode);
    }

    /** Marks every unread, not archived notification of the unit read (optionally of some types or one task). */
    public int markAllRead(String unitCode, Set<NotificationType> types, String taskId) {
        StringBuilder sql = new StringBuilder("UPDATE notification n SET read_at = now() WHERE n.unit_code = ?"
                + " AND n.archived_at IS NULL");
        List<Object> args = new ArrayList<>(List.of(unitCode));
        narrow(sql, args, true, types, taskId);
        return jdbc.update(sql.toString(), args.toArray());
    }

    /** Archives a notification (it leaves the inbox for the archive, read); archiving again changes nothing. */
    public Optional<Notification> archive(long id, String unitCode) {
        jdbc.update("""
                UPDATE notification SET archived_at = now(), read_at = coalesce(read_at, now())
                WHERE id = ? AND unit_code = ? AND archived_at IS NULL""", id, unitCode);
        return one(id, unitCode);
    }

    /** Brings an archived notification back to the inbox. */
    public Optional<Notification> unarchive(long id, String unitCode) {
        jdbc.update("UPDATE notification SET archived_at = NULL WHERE id = ? AND unit_code = ?", id, unitCode);
        return one(id, unitCode);
    }

    private Optional<Notification> one(long id, String unitCode) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE n.id = ? AND n.unit_code = ?", ROW, id, unitCode)
                .stream().findFirst();
    }

    /** The unit's pushed notifications after a stream position, oldest first. */
    public List<Notification> streamAfter(String unitCode, long position, int limit) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE n.unit_code = ? AND n.alert AND n.position > ?"
                + " ORDER BY n.position LIMIT ?", ROW, unitCode, position, limit);
    }

    /** The position a new stream of the unit starts after: everything committed so far is old news. */
    public long streamHead(String unitCode) {
        Long head = jdbc.queryForObject("SELECT max(position) FROM notification WHERE unit_code = ? AND alert",
                Long.class, unitCode);
        return head == null ? 0 : head;
    }
}
