package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

/**
 * An assigned unit raised a problem upward (反映问题) on a task, or joined a problem another unit
 * raised ("we have it too"). The same problem raised by enough county committees is flagged general.
 * Two raises are the same problem when they are on the same task under the same category (compared
 * after normalising: see progress-service's ProblemKey).
 *
 * @param joined   true when the unit joined an existing problem instead of raising a new one
 * @param category the short name the problem is known by (e.g. 农村学校师资不足), as the first raiser wrote it
 */
public record ProblemRaisedEvent(String problemId, String taskId, String planId, int taskNumber, String taskTitle,
                                 UnitRef raisedBy, String text, boolean joined, String category) {
}
