package org.plantracker.platform.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * How a stored event becomes a link of the chain: the event row's canonical bytes (every column of
 * Axon's DomainEventEntry, each length-prefixed, in a fixed order) and
 * {@code chain_hash = SHA-256(previous chain hash || canonical bytes)}, the first link's previous hash
 * being 32 zero bytes. Everything here is plain JDK, so the command-line verifier needs nothing else.
 */
public final class ChainHashes {

    /** The columns read for each event, in canonical order (PostgreSQL folds the names to lower case). */
    public static final String EVENT_COLUMNS = "globalIndex, aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
            + "payloadType, payloadRevision, timeStamp, metaData, payload";
    public static final String EVENT_TABLE = "DomainEventEntry";

    public static final String GENESIS = "0".repeat(64);
    /** The first bytes of every event's canonical form (and its version). */
    public static final String CANONICAL_TAG = "plan-tracker-event:v1";

    private static final HexFormat HEX = HexFormat.of();

    private ChainHashes() {
    }

    /** The canonical bytes of the event row the result set is positioned on (selected with {@link #EVENT_COLUMNS}). */
    public static byte[] canonical(ResultSet row) throws SQLException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBytes(CANONICAL_TAG);
            out.writeLong(row.getLong("globalIndex"));
            text(out, row.getString("aggregateIdentifier"));
            out.writeLong(row.getLong("sequenceNumber"));
            text(out, row.getString("type"));
            text(out, row.getString("eventIdentifier"));
            text(out, row.getString("payloadType"));
            text(out, row.getString("payloadRevision"));
            text(out, row.getString("timeStamp"));
            binary(out, row.getBytes("metaData"));
            binary(out, row.getBytes("payload"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The next link: hex SHA-256 of the previous chain hash's 32 bytes followed by the event's canonical bytes. */
    public static String link(String previousChainHash, byte[] canonicalEvent) {
        MessageDigest sha = sha256();
        sha.update(HEX.parseHex(previousChainHash));
        sha.update(canonicalEvent);
        return HEX.formatHex(sha.digest());
    }

    public static String sha256Hex(byte[] bytes) {
        return HEX.formatHex(sha256().digest(bytes));
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        binary(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void binary(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
