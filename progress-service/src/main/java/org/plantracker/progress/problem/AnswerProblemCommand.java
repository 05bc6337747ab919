package org.plantracker.progress.problem;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.plantracker.task.api.UnitRef;

/**
 * Answers a problem, or escalates it upward (e.g. to the provincial committee).
 *
 * @param taskId the task the caller addresses the problem under; another task's problem is not found
 */
public record AnswerProblemCommand(@TargetAggregateIdentifier String problemId, String taskId, UnitRef answeredBy,
                                   ProblemAuthority authority, String answer, boolean escalate) {
}
