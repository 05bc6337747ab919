package org.plantracker.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.plantracker.notification.messaging.EventFacts;
import org.plantracker.notification.messaging.RoutedEvent;
import org.plantracker.notification.query.Directory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The one JSON shape an event leaves the service in, by webhook and on the county topics (see
 * docs/api.md): Standard Webhooks' {@code type}, {@code timestamp} and {@code data} (the event
 * exactly as its producer published it), and what the event is about.
 */
@Component
public class EventPayloads {

    private final ObjectMapper json;
    private final Directory directory;

    public EventPayloads(ObjectMapper json, Directory directory) {
        this.json = json;
        this.directory = directory;
    }

    public String envelope(RoutedEvent routed) {
        EventFacts facts = routed.facts();
        ObjectNode root = json.createObjectNode();
        root.put("type", routed.eventType());
        Instant occurred = routed.event().occurredAt();
        root.put("timestamp", (occurred == null ? Instant.now() : occurred).toString());
        root.put("eventId", routed.eventId());
        root.put("correlationId", routed.correlationId());
        ObjectNode plan = root.putObject("plan");
        plan.put("planId", facts.planId());
        plan.put("title", directory.planTitle(facts.planId()).orElse(null));
        if (facts.taskId() != null) {
            ObjectNode task = root.putObject("task");
            task.put("taskId", facts.taskId());
            if (facts.taskNumber() != null) {
                task.put("number", facts.taskNumber());
            }
            task.put("title", facts.taskTitle());
            if (facts.sectionOrdinal() != null) {
                task.put("section", facts.sectionOrdinal());
            }
            task.put("link", "/api/tasks/" + facts.taskId());
        }
        facts.unitCodes().forEach(root.putArray("units")::add);
        facts.counties().forEach(root.putArray("counties")::add);
        root.set("data", data(routed.event().payload()));
        try {
            return json.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode data(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("an event that was read once cannot be read again", e);
        }
    }
}
