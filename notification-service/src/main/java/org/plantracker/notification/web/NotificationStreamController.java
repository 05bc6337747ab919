package org.plantracker.notification.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.plantracker.notification.stream.NotificationStream;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The caller's unit's notifications as they arrive, as Server-Sent Events. */
@RestController
@Tag(name = "notifications")
public class NotificationStreamController {

    private final NotificationStream stream;

    public NotificationStreamController(NotificationStream stream) {
        this.stream = stream;
    }

    @GetMapping(path = "/api/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live stream (Server-Sent Events) of the caller's unit's notifications; resumes after Last-Event-ID",
            description = "Each event is named `notification`, its id is the notification's stream position and its data "
                    + "the notification as GET /api/notifications returns it. A comment line arrives every heartbeat. "
                    + "A client that reconnects with Last-Event-ID (EventSource does so by itself) receives every "
                    + "notification after that position; without it, what arrives from now on. Notifications the unit "
                    + "asked to receive in its daily digest are not pushed one by one; the digest is.")
    public SseEmitter stream(
            @Parameter(description = "the id of the last event received; the stream continues after it")
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @Parameter(description = "the same as Last-Event-ID, for clients that cannot set headers")
            @RequestParam(name = "lastEventId", required = false) String lastEventIdParameter) {
        String unit = Callers.unit();
        String resumeFrom = lastEventId != null && !lastEventId.isBlank() ? lastEventId : lastEventIdParameter;
        Long position = null;
        if (resumeFrom != null && !resumeFrom.isBlank()) {
            position = Callers.number(resumeFrom.strip()).filter(p -> p >= 0).orElseThrow(() ->
                    DomainException.badRequest("Last-Event-ID must be the id of an event this stream sent.",
                            new FieldProblem("Last-Event-ID", "must be a non-negative whole number")));
        }
        return stream.open(unit, position);
    }
}
