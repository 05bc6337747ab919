package org.plantracker.progress.query;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports over time for the municipal dashboard: how many progress reports (every version sent,
 * resubmissions included) the units of a plan submitted in each month, Beijing time, read from the
 * views' report table. Months without a report between the first and the last are answered as 0.
 */
@Component
public class ReportsPerMonth {

    /** The month the reports were sent in (Asia/Shanghai) as {@code YYYY-MM}. */
    static final String ZONE = "Asia/Shanghai";

    public record Month(String month, int submitted, int units, int returned) {
    }

    public record View(String planId, List<Month> months) {
    }

    private final JdbcTemplate jdbc;

    public ReportsPerMonth(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when no share of the plan is known here. */
    public Optional<View> of(String planId) {
        Integer shares = jdbc.queryForObject("SELECT count(*) FROM task_share_view WHERE plan_id = ?", Integer.class,
                planId);
        if (shares == null || shares == 0) {
            return Optional.empty();
        }
        Map<YearMonth, Month> counted = new LinkedHashMap<>();
        jdbc.query("""
                SELECT to_char(submitted_at AT TIME ZONE '%s', 'YYYY-MM') AS month,
                       count(*) AS submitted,
                       count(DISTINCT unit_code) AS units,
                       count(*) FILTER (WHERE review_state = 'RETURNED') AS returned
                FROM progress_report WHERE plan_id = ?
                GROUP BY 1 ORDER BY 1""".formatted(ZONE), rs -> {
            String month = rs.getString("month");
            counted.put(YearMonth.parse(month), new Month(month, rs.getInt("submitted"), rs.getInt("units"),
                    rs.getInt("returned")));
        }, planId);
        List<Month> months = new ArrayList<>();
        if (!counted.isEmpty()) {
            YearMonth first = counted.keySet().iterator().next();
            YearMonth last = counted.keySet().stream().reduce((a, b) -> b).orElseThrow();
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                months.add(counted.getOrDefault(m, new Month(m.toString(), 0, 0, 0)));
            }
        }
        return Optional.of(new View(planId, months));
    }
}
