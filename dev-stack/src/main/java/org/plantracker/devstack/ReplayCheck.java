package org.plantracker.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Each read model equals a fresh replay of the events": with nothing writing any more, a read model
 * as the faults left it is read, then rebuilt from the first stored event (the service stopped, its
 * views' rows and the processor's tokens deleted, the service started again and followed until the
 * processor reaches the head of the store) and read again. The two must hold the same rows, in any
 * order, leaving out the columns {@link ReadModel#ignoredColumns} names.
 */
public final class ReplayCheck {

    private static final Duration CATCH_UP = Duration.ofMinutes(5);

    /** One read model compared: its rows as the faults left them and as the replay rebuilt them. */
    public record Result(ReadModel model, int liveRows, int replayedRows, int onlyLive, int onlyReplayed,
                         List<String> examples) {

        public boolean equal() {
            return onlyLive == 0 && onlyReplayed == 0;
        }
    }

    private final DevStack stack;

    public ReplayCheck(DevStack stack) {
        this.stack = stack;
    }

    public Result compare(ReadModel model) throws Exception {
        String jdbc = stack.jdbcUrl(model.database());
        String user = stack.databaseUser();
        Map<String, Integer> live = settledRows(model, jdbc, user);
        stack.restart(model.module(), () -> {
            try (Connection c = DriverManager.getConnection(jdbc, user, "")) {
                model.deleteRowsAndTokens(c);
            }
            return null;
        });
        Map<String, Integer> replayed = settledRows(model, jdbc, user);
        return difference(model, live, replayed);
    }

    /** The model's rows once its processor is at the head of the store and two reads a second apart agree. */
    private static Map<String, Integer> settledRows(ReadModel model, String jdbc, String user) throws Exception {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        try (Connection c = DriverManager.getConnection(jdbc, user, "")) {
            Map<String, Integer> previous = null;
            while (System.nanoTime() < deadline) {
                if (TrackingTokens.atHead(c, model.processor())) {
                    Map<String, Integer> rows = rows(c, model);
                    if (rows.equals(previous)) {
                        return rows;
                    }
                    previous = rows;
                }
                Thread.sleep(1000);
            }
        }
        throw new IllegalStateException("processor " + model.processor() + " of " + model.module()
                + " did not settle at the head of its store within " + CATCH_UP.toMinutes() + " min");
    }

    /** Every row of every table of the model, as "table{column=value, …}", counted (a multiset: order-free). */
    static Map<String, Integer> rows(Connection c, ReadModel model) throws Exception {
        Map<String, Integer> rows = new HashMap<>();
        for (String table : model.tables()) {
            Set<String> ignored = model.ignoredColumns().getOrDefault(table, Set.of());
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData columns = r.getMetaData();
                while (r.next()) {
                    StringBuilder row = new StringBuilder(table).append('{');
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        if (!ignored.contains(columns.getColumnName(i))) {
                            row.append(columns.getColumnName(i)).append('=').append(r.getString(i)).append(", ");
                        }
                    }
                    rows.merge(row.append('}').toString(), 1, Integer::sum);
                }
            }
        }
        return rows;
    }

    static Result difference(ReadModel model, Map<String, Integer> live, Map<String, Integer> replayed) {
        List<String> examples = new ArrayList<>();
        int onlyLive = missingFrom(replayed, live, "live only:     ", examples);
        int onlyReplayed = missingFrom(live, replayed, "replayed only: ", examples);
        return new Result(model, count(live), count(replayed), onlyLive, onlyReplayed, examples);
    }

    private static int missingFrom(Map<String, Integer> other, Map<String, Integer> rows, String label,
                                   List<String> examples) {
        int missing = 0;
        for (Map.Entry<String, Integer> row : rows.entrySet()) {
            int extra = row.getValue() - other.getOrDefault(row.getKey(), 0);
            if (extra > 0) {
                missing += extra;
                if (examples.size() < 10) {
                    examples.add(label + row.getKey());
                }
            }
        }
        return missing;
    }

    private static int count(Map<String, Integer> rows) {
        return rows.values().stream().mapToInt(Integer::intValue).sum();
    }

    public static String table(List<Result> results) {
        StringBuilder table = new StringBuilder();
        table.append("| read model (processor)               | rows live | rows replayed | live only | replayed only | equal |\n");
        table.append("|---|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            table.append(String.format("| %-36s | %9d | %13d | %9d | %13d | %-5s |%n",
                    r.model().module() + " (" + r.model().processor() + ")", r.liveRows(), r.replayedRows(),
                    r.onlyLive(), r.onlyReplayed(), r.equal() ? "yes" : "NO"));
        }
        return table.toString();
    }
}
