package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

import java.util.List;

/**
 * A problem was answered (by the city committee or the task's lead unit), or escalated upward.
 *
 * @param raisedBy  every unit that raised or joined the problem (each hears the answer)
 * @param escalated true when the answer is that the problem goes up (e.g. to the provincial committee)
 */
public record ProblemAnsweredEvent(String problemId, String taskId, String planId, int taskNumber, String taskTitle,
                                   List<UnitRef> raisedBy, UnitRef answeredBy, String answer, boolean escalated) {
}
