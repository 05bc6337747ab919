package org.plantracker.platform.security;

/**
 * Roles carried in the access token. Being a lead unit is not a role: it depends on the task and
 * is checked in the domain against the task's assignment.
 */
public final class Roles {
    /** Staff of the city committee (市关工委): loads plans, assigns, supervises, sees everything. */
    public static final String SUPERVISOR = "SUPERVISOR";
    /** A county-level committee (县级关工委): reports for itself, reads its own county view. */
    public static final String COUNTY_COMMITTEE = "COUNTY_COMMITTEE";
    /** Any other unit (a city department): reports for itself, reviews on tasks it leads. */
    public static final String UNIT = "UNIT";
    /** Discipline or inspection staff: reads the audit trail. */
    public static final String AUDITOR = "AUDITOR";

    private Roles() {
    }
}
