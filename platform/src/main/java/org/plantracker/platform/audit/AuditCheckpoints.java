package org.plantracker.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reading and writing checkpoints: the audit_checkpoint table and the JSON-lines export file. */
public final class AuditCheckpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditCheckpoints() {
    }

    public static List<Checkpoint> read(Connection connection, String service) throws SQLException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq, global_index, chain_hash, signed_at, key_id, signature FROM audit_checkpoint ORDER BY seq");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                checkpoints.add(new Checkpoint(service, row.getLong(1), row.getLong(2), row.getString(3).trim(),
                        row.getString(4), row.getString(5), row.getString(6)));
            }
        }
        return checkpoints;
    }

    /** Checkpoints exported as JSON lines (the checkpoint file, or /api/audit/checkpoints saved one per line or as an array). */
    public static List<Checkpoint> readFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (text.startsWith("[")) {
                return List.of(JSON.readValue(text, Checkpoint[].class));
            }
            List<Checkpoint> checkpoints = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    checkpoints.add(JSON.readValue(line, Checkpoint.class));
                }
            }
            return checkpoints;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoints in " + file, e);
        }
    }

    public static void append(Path file, Checkpoint checkpoint) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, JSON.writeValueAsString(checkpoint) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append the checkpoint to " + file, e);
        }
    }
}
