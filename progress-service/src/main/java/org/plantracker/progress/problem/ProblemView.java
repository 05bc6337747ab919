package org.plantracker.progress.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.plantracker.task.api.UnitRef;

import java.time.Instant;
import java.util.List;

/**
 * A problem as read back: its raisers in the order they came, its last answer.
 *
 * @param general     flagged general (普遍性问题): raised by enough county committees
 * @param escalated   the city committee sent it upward
 * @param countyCount how many county committees raised or joined it
 * @param answer      the last answer; null (and present as null) until there is one
 */
public record ProblemView(String problemId, String planId, String taskId, int taskNumber, String taskTitle,
                          String category, String text, ProblemState state, boolean general, boolean escalated,
                          int countyCount, Instant raisedAt, List<Raiser> raisedBy,
                          @JsonInclude(JsonInclude.Include.ALWAYS) Answer answer, String closeComment,
                          Instant closedAt) {

    public record Raiser(UnitRef unit, String text, boolean joined, Instant raisedAt) {
    }

    public record Answer(String text, String answeredByCode, String answeredByName, Instant answeredAt) {
    }
}
