package org.plantracker.task.query;

import org.axonframework.queryhandling.QueryHandler;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.query.Queries.FindUnitQuery;
import org.plantracker.task.query.Queries.FindUnitsQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Answers unit queries from the units read model. */
@Component
public class UnitQueryHandler {

    private static final RowMapper<UnitView> UNIT = (rs, i) -> new UnitView(rs.getString("code"), rs.getString("name"),
            UnitKind.valueOf(rs.getString("kind")), rs.getString("region"), JsonColumns.read(rs.getString("aliases")),
            JsonColumns.read(rs.getString("members")));

    private final JdbcTemplate jdbc;

    public UnitQueryHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public List<UnitView> handle(FindUnitsQuery query) {
        return jdbc.query("SELECT * FROM unit_view ORDER BY region, position", UNIT);
    }

    @QueryHandler
    public Optional<UnitView> handle(FindUnitQuery query) {
        return jdbc.query("SELECT * FROM unit_view WHERE code = ?", UNIT, query.code()).stream().findFirst();
    }
}
