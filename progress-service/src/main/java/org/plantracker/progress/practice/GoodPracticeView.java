package org.plantracker.progress.practice;

import org.plantracker.task.api.UnitRef;

import java.time.Instant;

/** @param publishedAt null until the city committee publishes it */
public record GoodPracticeView(String practiceId, String planId, String taskId, int taskNumber, String taskTitle,
                               UnitRef unit, String title, String text, boolean published, Instant submittedAt,
                               Instant publishedAt) {
}
