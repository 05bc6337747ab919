package org.plantracker.progress.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The share's task was closed ({@code closed}) or reopened, as of the task's version {@code taskVersion}. */
public record CloseTaskShareCommand(@TargetAggregateIdentifier String shareId, String taskId, boolean closed,
                                    long taskVersion) {
}
