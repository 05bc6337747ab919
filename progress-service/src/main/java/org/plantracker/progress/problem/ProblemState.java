package org.plantracker.progress.problem;

/** A problem's life: open → answered → closed; a unit joining an answered problem opens it again. */
public enum ProblemState {
    OPEN, ANSWERED, CLOSED
}
