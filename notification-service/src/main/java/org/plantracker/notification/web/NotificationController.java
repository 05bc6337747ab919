package org.plantracker.notification.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.plantracker.notification.query.Inbox;
import org.plantracker.notification.query.Notification;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.CurrentActor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/** A unit's inbox. Every caller sees and touches only the notifications of the unit its token names. */
@RestController
@RequestMapping("/api/notifications")
@Tag(name = "notifications", description = "The inbox of the caller's unit")
public class NotificationController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final Inbox inbox;

    public NotificationController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    @Operation(summary = "The caller's unit's notifications, newest first")
    public List<Notification> inbox(
            @Parameter(description = "true: only unread notifications; false or absent: all")
            @RequestParam(required = false) Boolean unread,
            @Parameter(description = "page size, 1–" + MAX_LIMIT + ", default " + DEFAULT_LIMIT)
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "the next page: only notifications with an id below this one")
            @RequestParam(required = false) Long before) {
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw DomainException.badRequest("limit must be between 1 and " + MAX_LIMIT + ".",
                    new FieldProblem("limit", "must be between 1 and " + MAX_LIMIT));
        }
        return inbox.find(callersUnit(), Boolean.TRUE.equals(unread), before, pageSize);
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Marks one of the caller's unit's notifications read; marking it again changes nothing")
    public Notification markRead(@PathVariable String id) {
        String unit = callersUnit();
        // another unit's notification answers exactly like a missing one: its existence is not revealed
        return parseId(id)
                .flatMap(notificationId -> inbox.markRead(notificationId, unit))
                .orElseThrow(() -> DomainException.notFound("Your unit has no notification " + id + "."));
    }

    private static String callersUnit() {
        Actor actor = CurrentActor.get();
        if (actor.unitCode() == null || actor.unitCode().isBlank()) {
            throw DomainException.forbidden("Your access token names no unit; notifications belong to units.");
        }
        return actor.unitCode();
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
