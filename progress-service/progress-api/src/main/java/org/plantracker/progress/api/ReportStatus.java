package org.plantracker.progress.api;

/** How a unit says its share of a task stands in a progress report. */
public enum ReportStatus {
    NOT_STARTED, ON_TRACK, AT_RISK, DONE
}
