package org.plantracker.progress.practice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.plantracker.task.api.UnitRef;

/** An assigned unit submits a good practice (典型经验) from its work on a task. */
public record SubmitGoodPracticeCommand(@TargetAggregateIdentifier String practiceId, String taskId, String planId,
                                        int taskNumber, String taskTitle, UnitRef unit, String title, String text) {
}
