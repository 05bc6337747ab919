package org.plantracker.progress.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ReportStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Reads reports, urges and who holds which share from the views' tables (kept by
 * {@link TaskShareProjection}, so they follow the commands by the processor's lag).
 */
@Component
public class ReportQueries {

    private static final TypeReference<List<ProgressReportSubmittedEvent.Figure>> FIGURES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ReportQueries(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The task's lead unit as the shares know it; empty when no share of the task is known. */
    public record TaskLead(String taskId, String planId, ViewRow.UnitName leadUnit) {
    }

    public Optional<TaskLead> leadOf(String taskId) {
        return jdbc.query("SELECT plan_id, lead_unit_code, lead_unit_name FROM task_share_view WHERE task_id = ? LIMIT 1",
                (rs, i) -> new TaskLead(taskId, rs.getString("plan_id"),
                        new ViewRow.UnitName(rs.getString("lead_unit_code"), rs.getString("lead_unit_name"))),
                taskId).stream().findFirst();
    }

    /** A version's successor is the next version of the same share and period, if any. */
    private static final String SELECT_REPORTS = """
            SELECT r.*, (SELECT n.report_id FROM progress_report n
                         WHERE n.share_id = r.share_id AND n.period = r.period AND n.version = r.version + 1) AS next_id
            FROM progress_report r
            """;

    public Optional<ReportView> report(String reportId) {
        return jdbc.query(SELECT_REPORTS + "WHERE r.report_id = ?", (rs, i) -> report(rs), reportId)
                .stream().findFirst();
    }

    /** Every version of every period the share's unit reported, newest period first, then newest version first. */
    public List<ReportView> history(String shareId, String period) {
        if (period != null) {
            return jdbc.query(SELECT_REPORTS + "WHERE r.share_id = ? AND r.period = ? ORDER BY r.version DESC",
                    (rs, i) -> report(rs), shareId, period);
        }
        return jdbc.query(SELECT_REPORTS + "WHERE r.share_id = ? ORDER BY r.submitted_at DESC, r.version DESC",
                (rs, i) -> report(rs), shareId);
    }

    public Optional<UrgeView> urge(String urgeId) {
        return jdbc.query("SELECT * FROM urge WHERE urge_id = ?", (rs, i) -> urge(rs), urgeId).stream().findFirst();
    }

    public Optional<String> shareOfUrge(String urgeId) {
        return jdbc.queryForList("SELECT share_id FROM urge WHERE urge_id = ?", String.class, urgeId).stream().findFirst();
    }

    /** The urges a unit received in a plan, newest first. */
    public List<UrgeView> urgesTo(String unitCode, String planId) {
        return jdbc.query("SELECT * FROM urge WHERE unit_code = ? AND plan_id = ? ORDER BY issued_at DESC, urge_id",
                (rs, i) -> urge(rs), unitCode, planId);
    }

    /** The task's summaries, newest first. */
    public List<SummaryView> summaries(String taskId) {
        return jdbc.query("SELECT * FROM task_summary WHERE task_id = ? ORDER BY submitted_at DESC",
                (rs, i) -> summary(rs), taskId);
    }

    public Optional<SummaryView> summary(String summaryId) {
        return jdbc.query("SELECT * FROM task_summary WHERE summary_id = ?", (rs, i) -> summary(rs), summaryId)
                .stream().findFirst();
    }

    private static SummaryView summary(ResultSet rs) throws SQLException {
        return new SummaryView(rs.getString("summary_id"), rs.getString("task_id"), rs.getString("plan_id"),
                rs.getInt("task_number"), rs.getString("period"),
                new ViewRow.UnitName(rs.getString("lead_unit_code"), rs.getString("lead_unit_name")),
                rs.getString("text"), instant(rs, "submitted_at"), rs.getString("review_state"),
                rs.getString("review_comment"), instant(rs, "reviewed_at"));
    }

    private ReportView report(ResultSet rs) throws SQLException {
        String supersededBy = rs.getString("next_id");
        String state = rs.getString("review_state");
        if ("SUBMITTED".equals(state) && supersededBy != null) {
            state = "SUPERSEDED";
        }
        ReportView.Review review = rs.getString("reviewer_code") == null ? null
                : new ReportView.Review("ACCEPTED".equals(rs.getString("review_state")) ? "ACCEPT" : "RETURN",
                new ViewRow.UnitName(rs.getString("reviewer_code"), rs.getString("reviewer_name")),
                rs.getString("review_comment"), instant(rs, "reviewed_at"));
        return new ReportView(rs.getString("report_id"), rs.getString("share_id"), rs.getString("task_id"),
                rs.getString("plan_id"), rs.getInt("task_number"), rs.getString("task_title"),
                new ViewRow.UnitName(rs.getString("unit_code"), rs.getString("unit_name")),
                new ViewRow.UnitName(rs.getString("lead_unit_code"), rs.getString("lead_unit_name")),
                rs.getString("period"), rs.getInt("version"), ReportStatus.valueOf(rs.getString("status")),
                rs.getString("narrative"), read(rs.getString("figures"), FIGURES), read(rs.getString("problems"), STRINGS),
                rs.getString("good_practice"), instant(rs, "submitted_at"), rs.getString("submitted_by"), state, review,
                supersededBy);
    }

    private static UrgeView urge(ResultSet rs) throws SQLException {
        return new UrgeView(rs.getString("urge_id"), rs.getString("task_id"), rs.getInt("task_number"),
                rs.getString("task_title"), new ViewRow.UnitName(rs.getString("unit_code"), rs.getString("unit_name")),
                rs.getString("period"), rs.getString("message"), rs.getBoolean("automatic"),
                rs.getString("issued_by_code") == null ? null
                        : new ViewRow.UnitName(rs.getString("issued_by_code"), rs.getString("issued_by_name")),
                instant(rs, "issued_at"), instant(rs, "read_at"));
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable JSON in the report view", e);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
