package org.plantracker.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The benchmark's reads of a few numbers from a one-row query (counts, heads, server statistics). */
final class Sql {

    private Sql() {
    }

    /** The first column of the one row {@code sql} returns, as a long (0 for SQL NULL). */
    static long longOf(Connection c, String sql) throws SQLException {
        return longsOf(c, sql, 1)[0];
    }

    /** The first {@code columns} columns of the one row {@code sql} returns. */
    static long[] longsOf(Connection c, String sql, int columns) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return firstRow(r, sql, columns);
        }
    }

    /** The first column of the one row a prepared query returns. */
    static long longOf(PreparedStatement query) throws SQLException {
        try (ResultSet r = query.executeQuery()) {
            return firstRow(r, "a prepared query", 1)[0];
        }
    }

    private static long[] firstRow(ResultSet r, String what, int columns) throws SQLException {
        if (!r.next()) {
            throw new SQLException("no row from " + what);
        }
        long[] values = new long[columns];
        for (int i = 0; i < columns; i++) {
            values[i] = r.getLong(i + 1);
        }
        return values;
    }
}
