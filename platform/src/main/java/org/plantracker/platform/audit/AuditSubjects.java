package org.plantracker.platform.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.plantracker.platform.axon.EventMetadata;

import java.io.IOException;

/**
 * What a stored event concerns (its task, the unit whose share it is about) and who did it, read from
 * its JSON payload and metadata: {@code taskId}; {@code unitCode} or {@code unit.code}; the
 * metadata's actor-user and actor-unit. Anything unreadable is simply absent.
 */
record AuditSubjects(String taskId, String subjectUnit, String actorUser, String actorUnit) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static AuditSubjects of(byte[] payload, byte[] metaData) {
        JsonNode event = read(payload);
        JsonNode meta = read(metaData);
        String unit = text(event, "unitCode");
        if (unit == null && event.path("unit").isObject()) {
            unit = text(event.path("unit"), "code");
        }
        return new AuditSubjects(text(event, "taskId"), unit, text(meta, EventMetadata.ACTOR_USER), text(meta, EventMetadata.ACTOR_UNIT));
    }

    private static JsonNode read(byte[] json) {
        if (json == null) {
            return JSON.missingNode();
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException notJson) {
            return JSON.missingNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
