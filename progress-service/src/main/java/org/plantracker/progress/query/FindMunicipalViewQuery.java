package org.plantracker.progress.query;

/** Answered with {@code Optional<MunicipalView>}: empty when no share of the plan is known. */
public record FindMunicipalViewQuery(String planId) {
}
