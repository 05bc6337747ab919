package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

/** The city committee published a good practice: every unit of the plan may read it. */
public record GoodPracticePublishedEvent(String practiceId, String taskId, String planId, int taskNumber,
                                         String taskTitle, UnitRef unit, String title) {
}
