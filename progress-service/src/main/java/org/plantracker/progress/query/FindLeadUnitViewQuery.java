package org.plantracker.progress.query;

/** Answered with {@code Optional<LeadUnitView>}: empty when the unit leads no task of the plan. */
public record FindLeadUnitViewQuery(String unitCode, String planId) {
}
