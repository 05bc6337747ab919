package org.plantracker.platform.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.plantracker.platform.axon.EventMetadata;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.Roles;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The audit trail of this service: its sealed events about a task, a unit or a user, oldest first,
 * each with who did it (user, unit, client), when, under which correlation id, and the event's data.
 * The city committee and auditors read everything; any other unit reads only the events about its
 * own shares or done by itself.
 */
public class AuditTrail {

    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 5000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final String service;

    public AuditTrail(JdbcTemplate jdbc, String service) {
        this.jdbc = jdbc;
        this.service = service;
    }

    /**
     * One change. {@code position} is the event's place in this service's event table (the chain's
     * positions); {@code unit} the unit whose share the event is about, if any; {@code data} the
     * event as stored.
     */
    public record Entry(String service, long position, String eventId, String time, String type, String aggregateId,
                        long sequence, String taskId, String unit, String actorUser, String actorUnit, String client,
                        String correlationId, JsonNode data) {
    }

    /** Entries oldest first; {@code truncated} when there were more than the limit. */
    public record Trail(List<Entry> entries, boolean truncated) {
    }

    public Trail byTask(String taskId, Actor reader, Integer limit) {
        if (isAuditor(reader)) {
            return query("c.task_id = ?", limit, taskId);
        }
        String unit = ownUnit(reader);
        return query("c.task_id = ? AND (c.subject_unit = ? OR c.actor_unit = ?)", limit, taskId, unit, unit);
    }

    public Trail byUnit(String unitCode, Actor reader, Integer limit) {
        if (!isAuditor(reader) && !unitCode.equals(ownUnit(reader))) {
            throw DomainException.forbidden("A unit may read only its own audit trail.");
        }
        return query("(c.subject_unit = ? OR c.actor_unit = ?)", limit, unitCode, unitCode);
    }

    public Trail byUser(String username, Actor reader, Integer limit) {
        if (!isAuditor(reader) && !username.equals(reader.username())) {
            throw DomainException.forbidden("Only the city committee and auditors may read another user's audit trail.");
        }
        return query("c.actor_user = ?", limit, username);
    }

    static boolean isAuditor(Actor reader) {
        return reader.hasRole(Roles.SUPERVISOR) || reader.hasRole(Roles.AUDITOR);
    }

    private static String ownUnit(Actor reader) {
        if (reader.unitCode() == null) {
            throw DomainException.forbidden("Only the city committee, auditors and units may read the audit trail.");
        }
        return reader.unitCode();
    }

    private Trail query(String condition, Integer limit, Object... args) {
        int max = limit == null ? DEFAULT_LIMIT : limit;
        if (max < 1 || max > MAX_LIMIT) {
            throw DomainException.badRequest("limit must be between 1 and " + MAX_LIMIT + ".",
                    new org.plantracker.platform.problem.FieldProblem("limit", "must be between 1 and " + MAX_LIMIT));
        }
        List<Object> parameters = new ArrayList<>(List.of(args));
        parameters.add(max + 1);
        List<Entry> entries = jdbc.query("SELECT c.global_index, c.task_id, c.subject_unit, c.actor_user, c.actor_unit, "
                        + "e.eventIdentifier, e.timeStamp, e.payloadType, e.aggregateIdentifier, e.sequenceNumber, e.payload, e.metaData "
                        + "FROM audit_chain c JOIN " + ChainHashes.EVENT_TABLE + " e ON e.globalIndex = c.global_index WHERE "
                        + condition + " ORDER BY c.global_index LIMIT ?",
                (row, n) -> {
                    JsonNode meta = json(row.getBytes("metaData"));
                    String type = row.getString("payloadType");
                    return new Entry(service, row.getLong("global_index"), row.getString("eventIdentifier"),
                            row.getString("timeStamp"), type.substring(type.lastIndexOf('.') + 1),
                            row.getString("aggregateIdentifier"), row.getLong("sequenceNumber"), row.getString("task_id"),
                            row.getString("subject_unit"), row.getString("actor_user"), row.getString("actor_unit"),
                            text(meta, EventMetadata.CLIENT), text(meta, EventMetadata.CORRELATION_ID), json(row.getBytes("payload")));
                }, parameters.toArray());
        boolean truncated = entries.size() > max;
        return new Trail(truncated ? List.copyOf(entries.subList(0, max)) : entries, truncated);
    }

    private static JsonNode json(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode("(not JSON: " + bytes.length + " bytes)");
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.path(field);
        return value.isValueNode() ? Objects.toString(value.asText(), null) : null;
    }
}
