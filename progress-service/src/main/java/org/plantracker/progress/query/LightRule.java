package org.plantracker.progress.query;

import org.plantracker.progress.api.ReportStatus;

/**
 * How a share's light follows from what is known about it. Kept in this one place, and applied
 * when a view is read rather than stored, because the rule will come to depend on deadlines and
 * today's date: RED (overdue) arrives with deadlines.
 */
public final class LightRule {

    private LightRule() {
    }

    /** @param lastStatus the status of the share's last progress report; null when it has none yet */
    public static Light lightOf(ReportStatus lastStatus) {
        if (lastStatus == null) {
            return Light.YELLOW;
        }
        return switch (lastStatus) {
            case ON_TRACK, DONE -> Light.GREEN;
            case AT_RISK, NOT_STARTED -> Light.YELLOW;
        };
    }
}
