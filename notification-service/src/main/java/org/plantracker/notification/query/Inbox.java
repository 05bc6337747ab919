package org.plantracker.notification.query;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The notification table: delivered to by the Kafka consumer, read and marked read by the units. */
@Repository
public class Inbox {

    private static final String COLUMNS = "id, unit_code, unit_name, type, title, body, task_id, plan_id, event_id, "
            + "event_type, correlation_id, created_at, read_at";

    private static final RowMapper<Notification> ROW = (rs, n) -> new Notification(
            rs.getLong("id"), rs.getString("unit_code"), rs.getString("unit_name"),
            NotificationType.valueOf(rs.getString("type")), rs.getString("title"), rs.getString("body"),
            rs.getString("task_id"), rs.getString("plan_id"), rs.getString("event_id"), rs.getString("event_type"),
            rs.getString("correlation_id"), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("read_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;

    public Inbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The notifications one event gives, with what identifies the event on each row. */
    public record EventNotifications(String eventId, String eventType, String correlationId,
                                     List<NotificationDraft> drafts) {
    }

    /**
     * Puts the drafts of several events into their units' inboxes in one JDBC batch. A unit that
     * already has a notification for an event gets no second one.
     *
     * @return how many notifications were added
     */
    public int deliver(List<EventNotifications> events) {
        List<Object[]> rows = new ArrayList<>();
        for (EventNotifications e : events) {
            for (NotificationDraft d : e.drafts()) {
                rows.add(new Object[]{d.unitCode(), d.unitName(), d.type().name(), d.title(), d.body(), d.taskId(),
                        d.planId(), e.eventId(), e.eventType(), e.correlationId()});
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        int[] inserted = jdbc.batchUpdate("""
                INSERT INTO notification (unit_code, unit_name, type, title, body, task_id, plan_id, event_id,
                                          event_type, correlation_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (event_id, unit_code) DO NOTHING""", rows);
        int added = 0;
        for (int count : inserted) {
            added += Math.max(count, 0);
        }
        return added;
    }

    /**
     * A unit's notifications, newest first.
     *
     * @param before only notifications older than this id (the next page), or null for the newest
     */
    public List<Notification> find(String unitCode, boolean unreadOnly, Long before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM notification WHERE unit_code = ?");
        List<Object> args = new ArrayList<>(List.of(unitCode));
        if (unreadOnly) {
            sql.append(" AND read_at IS NULL");
        }
        if (before != null) {
            sql.append(" AND id < ?");
            args.add(before);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /** Marks a unit's notification read (once: the first reading time stays); empty when the unit has no such notification. */
    public Optional<Notification> markRead(long id, String unitCode) {
        jdbc.update("UPDATE notification SET read_at = now() WHERE id = ? AND unit_code = ? AND read_at IS NULL",
                id, unitCode);
        return jdbc.query("SELECT " + COLUMNS + " FROM notification WHERE id = ? AND unit_code = ?", ROW, id, unitCode)
                .stream().findFirst();
    }
}
