package org.plantracker.notification.messaging;

/** The part a unit plays in a task, as the plan's unit clauses assign it. */
enum UnitRole {
    /** 牵头单位: accountable for the whole task. */
    LEAD("牵头单位"),
    /** 责任单位: cooperates and reports on its own part. */
    RESPONSIBLE("责任单位"),
    /** Named in both clauses. */
    LEAD_AND_RESPONSIBLE("牵头单位（同时为责任单位）");

    private final String label;

    UnitRole(String label) {
        this.label = label;
    }

    /** How the notification texts name the role. */
    String label() {
        return label;
    }

    static UnitRole of(boolean lead, boolean responsible) {
        if (lead && responsible) {
            return LEAD_AND_RESPONSIBLE;
        }
        if (lead) {
            return LEAD;
        }
        if (responsible) {
            return RESPONSIBLE;
        }
        throw new IllegalArgumentException("a unit on a task is its lead unit, a responsible unit or both");
    }

    boolean leads() {
        return this != RESPONSIBLE;
    }
}
