package org.plantracker.progress.query;

/** The status light of a task share in the views. */
public enum Light {
    /** On track or done. */
    GREEN,
    /** Behind, at risk, not started, or not reported yet. */
    YELLOW,
    /** Overdue. */
    RED
}
