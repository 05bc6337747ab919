package org.plantracker.progress.query;

import java.util.List;

/** The tasks a unit leads in a plan, and the state of every assigned unit's reports on each. */
public record LeadUnitView(ViewRow.UnitName unit, String planId, List<LedTask> tasks) {

    /**
     * @param rows             every assigned unit's share of the task (the lead unit's own first)
     * @param awaitingReview   reports submitted and not reviewed yet
     */
    public record LedTask(String taskId, int taskNumber, String taskTitle, ViewRow.Section section,
                          List<ViewRow> rows, int awaitingReview) {
    }
}
