package org.plantracker.progress.api;

/** The urged unit read the urge (the read receipt the urging unit sees). */
public record UrgeReadEvent(String urgeId, String shareId, String taskId, String unitCode) {
}
