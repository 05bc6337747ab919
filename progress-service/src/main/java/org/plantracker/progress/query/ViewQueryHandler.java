package org.plantracker.progress.query;

import org.axonframework.queryhandling.QueryHandler;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/** Answers the view queries from {@code task_share_view}; lights are worked out as the view is read. */
@Component
public class ViewQueryHandler {

    private static final String SELECT_ROWS = """
            SELECT task_id, task_number, section_ordinal, section_title, task_title, lead_unit_code, lead_unit_name,
                   unit_code, unit_name, unit_kind, lead, responsible, last_report_id, last_period, last_status,
                   last_narrative, last_submitted_at, open_problems
            FROM task_share_view
            """;

    /** Task by task; within a task the lead unit first, then the city units, then the counties. */
    private static final Comparator<ViewRow> ROW_ORDER = Comparator.comparingInt(ViewRow::taskNumber)
            .thenComparing(row -> !row.lead())
            .thenComparing(row -> row.unit().kind())
            .thenComparing(row -> row.unit().code());

    private final JdbcTemplate jdbc;

    public ViewQueryHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<MunicipalView> municipalView(FindMunicipalViewQuery query) {
        if (!exists("plan_id = ?", query.planId())) {
            return Optional.empty();
        }
        List<ViewRow> rows = rows("WHERE plan_id = ? AND assigned", query.planId());
        return Optional.of(new MunicipalView(query.planId(), rows, count(rows)));
    }

    @QueryHandler
    public Optional<CountyView> countyView(FindCountyViewQuery query) {
        List<ViewRow.UnitName> county = jdbc.query(
                "SELECT unit_code, unit_name FROM task_share_view WHERE unit_code = ? AND plan_id = ? AND unit_kind = ? LIMIT 1",
                (rs, i) -> new ViewRow.UnitName(rs.getString("unit_code"), rs.getString("unit_name")),
                query.countyCode(), query.planId(), UnitKind.COUNTY_COMMITTEE.name());
        if (county.isEmpty()) {
            return Optional.empty();
        }
        List<ViewRow> rows = rows("WHERE unit_code = ? AND plan_id = ? AND assigned", query.countyCode(), query.planId());
        return Optional.of(new CountyView(county.get(0), query.planId(), rows));
    }

    private boolean exists(String condition, Object... args) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM task_share_view WHERE " + condition + ")", Boolean.class, args));
    }

    private List<ViewRow> rows(String where, Object... args) {
        List<ViewRow> rows = new ArrayList<>(jdbc.query(SELECT_ROWS + where, (rs, i) -> row(rs), args));
        rows.sort(ROW_ORDER);
        return rows;
    }

    private static ViewRow row(ResultSet rs) throws SQLException {
        String status = rs.getString("last_status");
        ReportStatus lastStatus = status == null ? null : ReportStatus.valueOf(status);
        ViewRow.LastReport lastReport = rs.getString("last_report_id") == null ? null
                : new ViewRow.LastReport(rs.getString("last_report_id"), rs.getString("last_period"), lastStatus,
                rs.getString("last_narrative"), rs.getObject("last_submitted_at", OffsetDateTime.class).toInstant());
        return new ViewRow(rs.getString("task_id"), rs.getInt("task_number"),
                new ViewRow.Section(rs.getInt("section_ordinal"), rs.getString("section_title")),
                rs.getString("task_title"),
                new ViewRow.UnitName(rs.getString("lead_unit_code"), rs.getString("lead_unit_name")),
                new UnitRef(rs.getString("unit_code"), rs.getString("unit_name"), UnitKind.valueOf(rs.getString("unit_kind"))),
                rs.getBoolean("lead"), rs.getBoolean("responsible"), LightRule.lightOf(lastStatus), lastReport,
                rs.getInt("open_problems"));
    }

    static MunicipalView.Counts count(List<ViewRow> rows) {
        Map<Integer, Tally> bySection = new TreeMap<>();
        Map<String, Tally> byLeadUnit = new TreeMap<>();
        Map<String, Tally> byCounty = new TreeMap<>();
        for (ViewRow row : rows) {
            bySection.computeIfAbsent(row.section().ordinal(), k -> new Tally(row.section().title())).add(row.light());
            byLeadUnit.computeIfAbsent(row.leadUnit().code(), k -> new Tally(row.leadUnit().name())).add(row.light());
            if (row.unit().kind() == UnitKind.COUNTY_COMMITTEE) {
                byCounty.computeIfAbsent(row.unit().code(), k -> new Tally(row.unit().name())).add(row.light());
            }
        }
        return new MunicipalView.Counts(
                list(bySection, (ordinal, t) -> new MunicipalView.SectionCount(ordinal, t.name, t.green, t.yellow, t.red)),
                list(byLeadUnit, (code, t) -> new MunicipalView.UnitCount(code, t.name, t.green, t.yellow, t.red)),
                list(byCounty, (code, t) -> new MunicipalView.UnitCount(code, t.name, t.green, t.yellow, t.red)));
    }

    private static <K, T> List<T> list(Map<K, Tally> tallies, BiFunction<K, Tally, T> toCount) {
        return tallies.entrySet().stream().map(e -> toCount.apply(e.getKey(), e.getValue())).toList();
    }

    /** Lights counted for one section or unit. */
    private static final class Tally {
        final String name;
        int green;
        int yellow;
        int red;

        Tally(String name) {
            this.name = name;
        }

        void add(Light light) {
            switch (light) {
                case GREEN -> green++;
                case YELLOW -> yellow++;
                case RED -> red++;
            }
        }
    }
}
