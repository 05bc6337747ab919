package org.plantracker.progress.api;

/**
 * The share's task was closed (办结) or reopened in task-service. A share of a closed task owes no
 * reports, takes none, and is neither reminded nor urged; reopening restarts its report deadlines.
 *
 * @param closed      true when closed, false when reopened
 * @param taskVersion the task aggregate's sequence number of the closing or reopening, to ignore stale ones
 */
public record TaskShareClosedEvent(String shareId, String taskId, boolean closed, long taskVersion) {
}
