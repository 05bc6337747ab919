package org.plantracker.platform.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a service's event table against its chain and its signed checkpoints, on a plain JDBC
 * connection (the service's endpoint and the command-line verifier share it). Reads in one
 * read-only snapshot, streaming the chain, so a long chain costs time, not memory.
 *
 * <p>What each tampering looks like: a row rewritten in place no longer hashes to its link
 * (ALTERED); a row deleted leaves its link without an event (DELETED); rows given each other's
 * positions, or a row put in another's place, carry another event id than the link (REPLACED); a
 * row inserted among sealed ones has no link (INSERTED); links deleted leave a hole in the chain's
 * numbering (CHAIN_GAP); and a chain rewritten to match edited events no longer matches the chain
 * head a trusted key signed (CHECKPOINT_MISMATCH, or CHECKPOINT_TRUNCATED when links are gone), while
 * a checkpoint rewritten as well no longer carries a valid signature (BAD_SIGNATURE).
 */
public final class AuditChainVerifier {

    /** Most problems listed in a report; the count says how many there were. */
    static final int MAX_LISTED = 100;

    private final AuditKeys keys;
    private final Duration sealingGrace;

    /**
     * @param sealingGrace how long an event may wait for its link before a stored event missing from
     *                     the chain counts as inserted (the sealing processor runs behind the store by
     *                     a moment, and an event whose transaction committed late fills a gap below
     *                     the head). Times are the database server's.
     */
    public AuditChainVerifier(AuditKeys keys, Duration sealingGrace) {
        this.keys = keys;
        this.sealingGrace = sealingGrace;
    }

    public enum Kind {
        ALTERED, DELETED, REPLACED, INSERTED, CHAIN_GAP, CHECKPOINT_MISMATCH, CHECKPOINT_TRUNCATED, BAD_SIGNATURE, UNKNOWN_KEY
    }

    /** One finding, at the event table's position (globalIndex) where it shows. */
    public record Problem(long position, Kind kind, String detail) {
    }

    public record Head(long seq, long position, String chainHash) {
    }

    /**
     * @param intact              no problem found
     * @param firstBrokenPosition the smallest event position with a problem, null when intact
     * @param sealedEvents        links checked
     * @param unsealedEvents      stored events not (yet) in the chain
     * @param checkpoints         signed checkpoints checked (the database's and any given from outside)
     * @param lastCheckpoint      the newest checkpoint checked
     * @param problemCount        all problems found; {@code problems} lists the first {@value #MAX_LISTED}
     */
    public record Report(String service, boolean intact, Long firstBrokenPosition, long sealedEvents, long unsealedEvents,
                         Head head, int checkpoints, Checkpoint lastCheckpoint, int problemCount, List<Problem> problems,
                         Instant verifiedAt) {
    }

    /** Verifies with the checkpoints in the database's audit_checkpoint table and {@code exported} ones. */
    public Report verify(Connection connection, String service, Collection<Checkpoint> exported) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
        }
        try {
            return run(connection, service, exported);
        } finally {
            if (autoCommit) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private Report run(Connection connection, String service, Collection<Checkpoint> exported) throws SQLException {
        List<Problem> problems = new ArrayList<>();
        List<Checkpoint> checkpoints = new ArrayList<>(AuditCheckpoints.read(connection, service));
        for (Checkpoint outside : exported) {
            if (checkpoints.stream().noneMatch(c -> c.equals(outside))) {
                checkpoints.add(outside);
            }
        }
        checkpoints.sort(Comparator.comparingLong(Checkpoint::seq));
        Map<Long, String> chainAtCheckpoint = new HashMap<>();
        for (Checkpoint c : checkpoints) {
            chainAtCheckpoint.put(c.seq(), null);
        }

        long sealed = 0;
        Head head = null;
        String previous = ChainHashes.GENESIS;
        long expectedSeq = 1;
        String sql = "SELECT c.seq, c.global_index, c.event_identifier AS sealed_identifier, c.chain_hash, "
                + "e.globalIndex, e.aggregateIdentifier, e.sequenceNumber, e.type, e.eventIdentifier, e.payloadType, "
                + "e.payloadRevision, e.timeStamp, e.metaData, e.payload "
                + "FROM audit_chain c LEFT JOIN " + ChainHashes.EVENT_TABLE + " e ON e.globalIndex = c.global_index ORDER BY c.seq";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setFetchSize(500);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    sealed++;
                    long seq = row.getLong("seq");
                    long position = row.getLong("global_index");
                    String stored = row.getString("chain_hash").trim();
                    if (seq != expectedSeq) {
                        problems.add(new Problem(position, Kind.CHAIN_GAP, "Links " + expectedSeq + " to " + (seq - 1)
                                + " of the chain are missing before the event at position " + position + "."));
                    }
                    expectedSeq = seq + 1;
                    row.getLong("globalIndex");
                    if (row.wasNull()) {
                        problems.add(new Problem(position, Kind.DELETED, "The event sealed at position " + position
                                + " (" + row.getString("sealed_identifier").trim() + ") is no longer in the event table."));
                    } else if (!row.getString("eventIdentifier").equals(row.getString("sealed_identifier").trim())) {
                        problems.add(new Problem(position, Kind.REPLACED, "Position " + position + " holds event "
                                + row.getString("eventIdentifier") + ", not the event " + row.getString("sealed_identifier").trim()
                                + " sealed there: rows were reordered or replaced."));
                    } else if (!ChainHashes.link(previous, ChainHashes.canonical(row)).equals(stored)) {
                        problems.add(new Problem(position, Kind.ALTERED, "The event at position " + position
                                + " was changed after it was sealed, or its link was."));
                    }
                    previous = stored;
                    head = new Head(seq, position, stored);
                    if (chainAtCheckpoint.containsKey(seq)) {
                        chainAtCheckpoint.put(seq, stored);
                    }
                }
            }
        }

        long headPosition = head == null ? 0 : head.position();
        long unsealed = 0;
        Instant now = databaseNow(connection);
        // an event below the head may still be waiting for its link if it is recent and the links after
        // it were made a moment ago (a transaction that committed late); otherwise it was inserted
        try (PreparedStatement select = connection.prepareStatement("SELECT e.globalIndex, e.timeStamp, EXISTS (SELECT 1 "
                + "FROM audit_chain l WHERE l.global_index > e.globalIndex AND (l.sealed_at < ? OR l.sealed_at > ?)) FROM "
                + ChainHashes.EVENT_TABLE + " e WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.global_index = e.globalIndex) "
                + "ORDER BY e.globalIndex")) {
            select.setTimestamp(1, java.sql.Timestamp.from(now.minus(sealingGrace)));
            select.setTimestamp(2, java.sql.Timestamp.from(now.plus(sealingGrace)));
            select.setFetchSize(500);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    unsealed++;
                    long position = row.getLong(1);
                    if (position < headPosition && (row.getBoolean(3) || !recent(row.getString(2), now))) {
                        problems.add(new Problem(position, Kind.INSERTED, "The event at position " + position
                                + " is not in the chain, though events after it are: it was inserted."));
                    }
                }
            }
        }

        Checkpoint lastGood = null;
        for (Checkpoint checkpoint : checkpoints) {
            if (!keys.isTrusted(checkpoint.keyId())) {
                problems.add(new Problem(checkpoint.globalIndex(), Kind.UNKNOWN_KEY, "The checkpoint of " + checkpoint.signedAt()
                        + " is signed by key " + checkpoint.keyId() + ", which is not a trusted audit key."));
                continue;
            }
            if (!service.equals(checkpoint.service())
                    || !keys.verify(checkpoint.keyId(), checkpoint.message(), checkpoint.signature())) {
                problems.add(new Problem(checkpoint.globalIndex(), Kind.BAD_SIGNATURE, "The checkpoint of " + checkpoint.signedAt()
                        + " at position " + checkpoint.globalIndex() + " does not carry a valid signature of this service's chain."));
                continue;
            }
            String chain = chainAtCheckpoint.get(checkpoint.seq());
            String since = lastGood == null ? "the start" : "position " + lastGood.globalIndex();
            if (chain == null) {
                problems.add(new Problem(checkpoint.globalIndex(), Kind.CHECKPOINT_TRUNCATED, "The chain no longer reaches link "
                        + checkpoint.seq() + " (position " + checkpoint.globalIndex() + "), signed at " + checkpoint.signedAt()
                        + "; it was cut somewhere after " + since + "."));
            } else if (!chain.equals(checkpoint.chainHash())) {
                problems.add(new Problem(checkpoint.globalIndex(), Kind.CHECKPOINT_MISMATCH, "The chain up to position "
                        + checkpoint.globalIndex() + " no longer matches the head signed at " + checkpoint.signedAt()
                        + ": events and links were rewritten between " + since + " and position " + checkpoint.globalIndex() + "."));
            } else {
                lastGood = checkpoint;
            }
        }

        problems.sort(Comparator.comparingLong(Problem::position));
        Long first = problems.isEmpty() ? null : problems.get(0).position();
        Checkpoint last = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
        return new Report(service, problems.isEmpty(), first, sealed, unsealed, head, checkpoints.size(), last,
                problems.size(), List.copyOf(problems.subList(0, Math.min(MAX_LISTED, problems.size()))), now);
    }

    private boolean recent(String timestamp, Instant now) {
        try {
            Instant at = Instant.parse(timestamp);
            return !at.isBefore(now.minus(sealingGrace)) && !at.isAfter(now.plus(sealingGrace));
        } catch (DateTimeParseException | NullPointerException unreadable) {
            return false;
        }
    }

    private static Instant databaseNow(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT clock_timestamp()");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getTimestamp(1).toInstant();
        }
    }
}
