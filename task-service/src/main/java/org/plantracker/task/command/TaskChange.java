package org.plantracker.task.command;

/**
 * What a command did to a task: its version afterwards and, for a command that creates something
 * (a target, a milestone, a request), the new thing's id.
 */
public record TaskChange(long version, String createdId) {

    static TaskChange of(long version) {
        return new TaskChange(version, null);
    }
}
