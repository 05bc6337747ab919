package org.plantracker.progress.problem;

/** In what capacity the caller acts on a problem, as its token and the task's assignment say. */
public enum ProblemAuthority {
    /** The city committee (the supervisor role). */
    CITY_COMMITTEE,
    /** The task's lead unit. */
    LEAD_UNIT,
    /** Anyone else. */
    OTHER
}
