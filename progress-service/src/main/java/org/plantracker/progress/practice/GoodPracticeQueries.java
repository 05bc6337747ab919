package org.plantracker.progress.practice;

import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Reads {@code good_practice}. */
@Component
public class GoodPracticeQueries {

    private static final String SELECT = """
            SELECT practice_id, plan_id, task_id, task_number, task_title, unit_code, unit_name, unit_kind, title, text,
                   submitted_at, published_at
            FROM good_practice
            """;

    private final JdbcTemplate jdbc;

    public GoodPracticeQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<GoodPracticeView> byId(String practiceId) {
        return jdbc.query(SELECT + "WHERE practice_id = ?", (rs, i) -> practice(rs), practiceId).stream().findFirst();
    }

    /** The published practices of a plan, the most recently published first. */
    public List<GoodPracticeView> published(String planId) {
        return jdbc.query(SELECT + "WHERE plan_id = ? AND published_at IS NOT NULL ORDER BY published_at DESC, practice_id",
                (rs, i) -> practice(rs), planId);
    }

    /** The practices of a plan waiting to be published, oldest first. */
    public List<GoodPracticeView> submitted(String planId) {
        return jdbc.query(SELECT + "WHERE plan_id = ? AND published_at IS NULL ORDER BY submitted_at, practice_id",
                (rs, i) -> practice(rs), planId);
    }

    private static GoodPracticeView practice(ResultSet rs) throws SQLException {
        OffsetDateTime published = rs.getObject("published_at", OffsetDateTime.class);
        return new GoodPracticeView(rs.getString("practice_id"), rs.getString("plan_id"), rs.getString("task_id"),
                rs.getInt("task_number"), rs.getString("task_title"),
                new UnitRef(rs.getString("unit_code"), rs.getString("unit_name"), UnitKind.valueOf(rs.getString("unit_kind"))),
                rs.getString("title"), rs.getString("text"), published != null,
                rs.getObject("submitted_at", OffsetDateTime.class).toInstant(), published == null ? null : published.toInstant());
    }
}
