package org.plantracker.progress.command;

/** What the reviewer of a progress report decides (审核): accept it, or return it to be reported again. */
public enum ReviewDecision {
    ACCEPT, RETURN
}
