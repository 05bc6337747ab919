package org.plantracker.devstack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how far an Axon tracking processor got from its stored token (Jackson-serialized JSON).
 * Shared by the fault suite's replay check and the benchmark's replay and settle phases.
 */
public final class TrackingTokens {

    private static final Pattern INDEX = Pattern.compile("\"index\":(\\d+)");
    private static final Pattern CURRENT_INDEX = Pattern.compile("\"currentToken\":\\{[^}]*\"index\":(\\d+)");

    private TrackingTokens() {
    }

    /**
     * The global index of the last event the processor handled, or -1 if it has handled none. A
     * processor without a token starts from a ReplayToken (Axon 4: tokenAtReset = the head when it
     * started), and a replay token stays one until an event past its reset point arrives: what counts
     * is its currentToken, which is left out of the JSON until it handled something.
     */
    public static long position(String token) {
        if (token == null) {
            return -1;
        }
        Matcher m = (token.contains("\"tokenAtReset\"") ? CURRENT_INDEX : INDEX).matcher(token);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * The position of the slowest stored token (segment) of the given processor, or of every
     * processor if {@code processorName} is null; empty if there is no token row at all.
     */
    /** The global index of the newest stored event of the service's event store (0 for an empty store). */
    public static long headIndex(Connection c) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT coalesce(max(globalindex), 0) FROM domainevententry");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Whether every segment of the processor has handled the newest stored event (false without a token row). */
    public static boolean atHead(Connection c, String processorName) throws Exception {
        OptionalLong slowest = slowest(c, processorName);
        return slowest.isPresent() && slowest.getAsLong() >= headIndex(c);
    }

    public static OptionalLong slowest(Connection c, String processorName) throws Exception {
        String sql = "SELECT convert_from(token, 'UTF8') FROM tokenentry"
                + (processorName == null ? "" : " WHERE processorname = ?");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (processorName != null) {
                s.setString(1, processorName);
            }
            try (ResultSet r = s.executeQuery()) {
                OptionalLong slowest = OptionalLong.empty();
                while (r.next()) {
                    long position = position(r.getString(1));
                    if (slowest.isEmpty() || position < slowest.getAsLong()) {
                        slowest = OptionalLong.of(position);
                    }
                }
                return slowest;
            }
        }
    }
}
