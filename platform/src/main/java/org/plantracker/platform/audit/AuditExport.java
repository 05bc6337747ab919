package org.plantracker.platform.audit;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An export of a stretch of a service's chain for inspectors, checkable with nothing but the
 * service's public key: every link with the event row's canonical bytes (base64), the chain hash
 * before the first link, and a manifest (range, count, chain head) signed with the audit key.
 * Recomputing the links from {@code previousChainHash} over the rows must give each link's hash and
 * the signed head; {@link #check} does so ({@code AuditVerifierCli --export}).
 */
public final class AuditExport {

    public static final int MAX_LINKS = 10_000;
    static final String FORMAT = "plan-tracker-audit-export:v1";

    private AuditExport() {
    }

    /** What the signature covers. */
    public record Manifest(String format, String service, long fromSeq, long toSeq, long count, long fromPosition,
                           long toPosition, String previousChainHash, String chainHead, String exportedAt, String keyId) {
        byte[] message() {
            return (format + "\n" + service + "\n" + fromSeq + "\n" + toSeq + "\n" + count + "\n" + fromPosition + "\n"
                    + toPosition + "\n" + previousChainHash + "\n" + chainHead + "\n" + exportedAt + "\n" + keyId)
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** One link: the stored event's row as canonical bytes, and (read from them, for people) its id, type and time. */
    public record Link(long seq, long position, String chainHash, String eventId, String type, String time, String row) {
    }

    public record Export(Manifest manifest, String signature, List<Link> links) {
    }

    /** Links {@code fromSeq} on, at most {@code limit} (≤ {@link #MAX_LINKS}), signed now. */
    public static Export create(Connection connection, String service, AuditKeys keys, long fromSeq, int limit) throws SQLException {
        String previous = ChainHashes.GENESIS;
        if (fromSeq > 1) {
            try (PreparedStatement select = connection.prepareStatement("SELECT chain_hash FROM audit_chain WHERE seq = ?")) {
                select.setLong(1, fromSeq - 1);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        previous = row.getString(1).trim();
                    }
                }
            }
        }
        List<Link> links = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT c.seq, c.global_index, c.chain_hash, "
                + "e.globalIndex, e.aggregateIdentifier, e.sequenceNumber, e.type, e.eventIdentifier, e.payloadType, "
                + "e.payloadRevision, e.timeStamp, e.metaData, e.payload FROM audit_chain c JOIN " + ChainHashes.EVENT_TABLE
                + " e ON e.globalIndex = c.global_index WHERE c.seq >= ? ORDER BY c.seq LIMIT ?")) {
            select.setLong(1, fromSeq);
            select.setInt(2, Math.min(limit, MAX_LINKS));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    byte[] canonical = ChainHashes.canonical(row);
                    links.add(new Link(row.getLong("seq"), row.getLong("global_index"), row.getString("chain_hash").trim(),
                            row.getString("eventIdentifier"), row.getString("payloadType"), row.getString("timeStamp"),
                            Base64.getEncoder().encodeToString(canonical)));
                }
            }
        }
        long first = links.isEmpty() ? fromSeq : links.get(0).seq();
        long last = links.isEmpty() ? fromSeq - 1 : links.get(links.size() - 1).seq();
        Manifest manifest = new Manifest(FORMAT, service, first, last, links.size(),
                links.isEmpty() ? 0 : links.get(0).position(), links.isEmpty() ? 0 : links.get(links.size() - 1).position(),
                previous, links.isEmpty() ? previous : links.get(links.size() - 1).chainHash(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), keys.signingKeyId().orElseThrow());
        return new Export(manifest, keys.sign(manifest.message()), links);
    }

    /**
     * Checks an export with the trusted keys alone: the manifest's signature, every link recomputed
     * from the one before over its row, the head, the count, and that each link's id, type and time
     * are those in its row. Returns the problems found, empty when the export is sound.
     */
    public static List<String> check(Export export, AuditKeys keys) {
        List<String> problems = new ArrayList<>();
        Manifest m = export.manifest();
        if (!FORMAT.equals(m.format())) {
            problems.add("not a plan-tracker audit export (format " + m.format() + ")");
            return problems;
        }
        if (!keys.isTrusted(m.keyId())) {
            problems.add("the manifest is signed by key " + m.keyId() + ", which is not a trusted audit key");
        } else if (!keys.verify(m.keyId(), m.message(), export.signature())) {
            problems.add("the manifest's signature does not verify: the manifest was changed");
        }
        if (export.links().size() != m.count()) {
            problems.add("the manifest counts " + m.count() + " links, the export holds " + export.links().size());
        }
        String previous = m.previousChainHash();
        long expected = m.fromSeq();
        for (Link link : export.links()) {
            if (link.seq() != expected) {
                problems.add("link " + expected + " is missing (found " + link.seq() + ")");
            }
            expected = link.seq() + 1;
            byte[] row;
            try {
                row = Base64.getDecoder().decode(link.row());
            } catch (IllegalArgumentException e) {
                problems.add("position " + link.position() + ": the row is not base64");
                continue;
            }
            String computed = ChainHashes.link(previous, row);
            if (!computed.equals(link.chainHash())) {
                problems.add("position " + link.position() + ": the row does not hash to its link (the row or the link was changed)");
            }
            String described = describedBy(row, link);
            if (described != null) {
                problems.add("position " + link.position() + ": " + described);
            }
            previous = computed;
        }
        if (!previous.equals(m.chainHead())) {
            problems.add("the links do not lead to the signed head " + m.chainHead());
        }
        return problems;
    }

    /** Null when the row (canonical bytes) has the link's position, event id, type and time; else what differs. */
    private static String describedBy(byte[] row, Link link) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(row))) {
            in.readFully(new byte[ChainHashes.CANONICAL_TAG.length()]);
            long position = in.readLong();
            text(in); // aggregate
            in.readLong(); // sequence
            text(in); // aggregate type
            String eventId = text(in);
            String type = text(in);
            text(in); // revision
            String time = text(in);
            if (position != link.position() || !link.eventId().equals(eventId) || !link.type().equals(type) || !link.time().equals(time)) {
                return "the link's position, event id, type or time is not its row's";
            }
            return null;
        } catch (IOException | NullPointerException e) {
            return "the row is not a canonical event row";
        }
    }

    private static String text(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
