package org.plantracker.progress.problem;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.plantracker.task.api.UnitRef;

/**
 * An assigned unit raises a problem on a task, or joins the same problem already raised.
 *
 * @param problemId {@link ProblemKey#problemId} of the task and category
 * @param raisedBy  the caller's unit as assigned to the task (its kind decides whether it counts toward general)
 */
public record RaiseProblemCommand(@TargetAggregateIdentifier String problemId, String taskId, String planId,
                                  int taskNumber, String taskTitle, String category, UnitRef raisedBy, String text) {
}
