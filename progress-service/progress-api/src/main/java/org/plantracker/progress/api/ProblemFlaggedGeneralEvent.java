package org.plantracker.progress.api;

import java.util.List;

/**
 * A problem was raised by enough county committees to count as general (普遍性问题): the city
 * committee answers or escalates it.
 *
 * @param countyCodes the county committees that raised or joined it
 */
public record ProblemFlaggedGeneralEvent(String problemId, String taskId, String planId, int taskNumber,
                                         String taskTitle, String text, List<String> countyCodes) {
}
