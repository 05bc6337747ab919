package org.plantracker.task.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.task.command.TaskChange;
import org.plantracker.task.query.ProjectionCatchUp;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Sends a task's commands for the web controllers and answers with the task's new version (also the
 * ETag), once the read model shows the change, so a client that writes and then reads sees its write.
 */
@Component
public class TaskCommands {

    private final CommandGateway commands;
    private final ProjectionCatchUp projections;

    public TaskCommands(CommandGateway commands, ProjectionCatchUp projections) {
        this.commands = commands;
        this.projections = projections;
    }

    /** The task's version after a write; its ETag. */
    public record TaskVersion(String taskId, long version) {
    }

    public ResponseEntity<TaskVersion> send(String taskId, Object command) {
        TaskChange change = change(commands.sendAndWait(command));
        projections.awaitCaughtUp(PlanController.READ_YOUR_WRITES);
        return ResponseEntity.ok().eTag(etag(change.version())).body(new TaskVersion(taskId, change.version()));
    }

    /** For a command that creates something: 201 with what {@code body} makes of the new id and version. */
    public <T> ResponseEntity<T> create(Object command, Created<T> body) {
        TaskChange change = change(commands.sendAndWait(command));
        projections.awaitCaughtUp(PlanController.READ_YOUR_WRITES);
        return ResponseEntity.status(HttpStatus.CREATED).eTag(etag(change.version()))
                .body(body.of(change.createdId(), change.version()));
    }

    @FunctionalInterface
    public interface Created<T> {
        T of(String createdId, long version);
    }

    private static TaskChange change(Object result) {
        if (result instanceof TaskChange change) {
            return change;
        }
        if (result instanceof Long version) {
            return new TaskChange(version, null);
        }
        throw new IllegalStateException("a task command answered " + result);
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** If-Match as a bare number or an entity tag ("3", W/"3"); absent or * means no check. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw DomainException.badRequest("If-Match must carry the task's version, as its ETag gave it.",
                    new FieldProblem("If-Match", "not a version: " + ifMatch));
        }
    }

    /** A reason given as a query parameter (DELETE has no body): at most {@value Limits#TEXT} characters. */
    static String reasonParameter(String reason) {
        if (reason != null && reason.length() > Limits.TEXT) {
            throw DomainException.badRequest("The reason is too long.",
                    new FieldProblem("reason", "at most " + Limits.TEXT + " characters"));
        }
        return reason;
    }

    /** Limits on what a client sends, so no event comes near Kafka's record size. */
    static final class Limits {
        static final int TEXT = 500;
        static final int TITLE = 200;
        static final int CODE = 100;
        static final int UNITS = 100;

        private Limits() {
        }
    }
}
