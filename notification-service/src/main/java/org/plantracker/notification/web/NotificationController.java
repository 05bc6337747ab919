package org.plantracker.notification.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.plantracker.notification.query.Inbox;
import org.plantracker.notification.query.Notification;
import org.plantracker.notification.query.NotificationType;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** A unit's inbox. Every caller sees and touches only the notifications of the unit its token names. */
@RestController
@RequestMapping("/api/notifications")
@Tag(name = "notifications", description = "The inbox of the caller's unit")
public class NotificationController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final int MAX_TASK_ID = 200;

    private final Inbox inbox;

    public NotificationController(Inbox inbox) {
        this.inbox = inbox;
    }

    /** Counts of the caller's unread notifications. */
    public record UnreadCount(long unread, Map<NotificationType, Long> byType) {
    }

    /** How many notifications an operation changed. */
    public record Marked(int marked) {
    }

    /** A notification type and whether it is a RED item (always pushed at once). */
    public record TypeInfo(NotificationType type, boolean red) {
    }

    @GetMapping
    @Operation(summary = "The caller's unit's notifications, newest first, filtered by type, task, unread or archived")
    public List<Notification> inbox(
            @Parameter(description = "true: only unread notifications; false or absent: all")
            @RequestParam(required = false) Boolean unread,
            @Parameter(description = "only these types (repeat the parameter or separate with commas)")
            @RequestParam(required = false) List<String> type,
            @Parameter(description = "only notifications about this task")
            @RequestParam(required = false) String taskId,
            @Parameter(description = "true: the archive instead of the inbox")
            @RequestParam(required = false) Boolean archived,
            @Parameter(description = "page size, 1–" + MAX_LIMIT + ", default " + DEFAULT_LIMIT)
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "the next page: only notifications with an id below this one")
            @RequestParam(required = false) Long before) {
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw DomainException.badRequest("limit must be between 1 and " + MAX_LIMIT + ".",
                    new FieldProblem("limit", "must be between 1 and " + MAX_LIMIT));
        }
        return inbox.find(Callers.unit(), new Inbox.Filter(Boolean.TRUE.equals(unread), types(type), taskId(taskId),
                Boolean.TRUE.equals(archived), before, pageSize));
    }

    @GetMapping("/unread-count")
    @Operation(summary = "How many of the caller's unit's notifications are unread (not counting archived ones), by type")
    public UnreadCount unreadCount() {
        Map<NotificationType, Long> byType = inbox.unreadByType(Callers.unit());
        return new UnreadCount(byType.values().stream().mapToLong(Long::longValue).sum(), byType);
    }

    @GetMapping("/types")
    @Operation(summary = "Every notification type, and which are RED items that always go at once")
    public List<TypeInfo> types() {
        return Arrays.stream(NotificationType.values()).map(t -> new TypeInfo(t, t.red())).toList();
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Marks one of the caller's unit's notifications read; marking it again changes nothing")
    public Notification markRead(@PathVariable String id) {
        return own(id, inbox::markRead);
    }

    @PostMapping("/read-all")
    @Operation(summary = "Marks every unread notification of the caller's unit read (optionally only some types or one task)")
    public Marked markAllRead(
            @Parameter(description = "only these types") @RequestParam(required = false) List<String> type,
            @Parameter(description = "only notifications about this task") @RequestParam(required = false) String taskId) {
        return new Marked(inbox.markAllRead(Callers.unit(), types(type), taskId(taskId)));
    }

    @PostMapping("/{id}/archive")
    @Operation(summary = "Moves a notification to the archive (read); archiving it again changes nothing")
    public Notification archive(@PathVariable String id) {
        return own(id, inbox::archive);
    }

    @PostMapping("/{id}/unarchive")
    @Operation(summary = "Brings an archived notification back to the inbox")
    public Notification unarchive(@PathVariable String id) {
        return own(id, inbox::unarchive);
    }

    private static Notification own(String id, BiFunction<Long, String, java.util.Optional<Notification>> action) {
        String unit = Callers.unit();
        // another unit's notification answers exactly like a missing one: its existence is not revealed
        return Callers.number(id)
                .flatMap(notificationId -> action.apply(notificationId, unit))
                .orElseThrow(() -> DomainException.notFound("Your unit has no notification " + id + "."));
    }

    static Set<NotificationType> types(List<String> names) {
        if (names == null || names.isEmpty()) {
            return Set.of();
        }
        Set<NotificationType> types = EnumSet.noneOf(NotificationType.class);
        for (String part : names) {
            for (String name : part.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    types.add(NotificationType.valueOf(name.strip()));
                } catch (IllegalArgumentException e) {
                    throw DomainException.badRequest("type names no notification type: see GET /api/notifications/types.",
                            new FieldProblem("type", "is not a notification type"));
                }
            }
        }
        return types;
    }

    static String taskId(String taskId) {
        if (taskId == null || taskId.isBlank()) {
            return null;
        }
        if (taskId.length() > MAX_TASK_ID) {
            throw DomainException.badRequest("taskId is too long.", new FieldProblem("taskId",
                    "must be at most " + MAX_TASK_ID + " characters"));
        }
        return taskId;
    }
}
