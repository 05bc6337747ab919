package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

/** A unit submitted a good practice (典型经验) from its work on a task, for the city committee to publish. */
public record GoodPracticeSubmittedEvent(String practiceId, String taskId, String planId, int taskNumber,
                                         String taskTitle, UnitRef unit, String title, String text) {
}
