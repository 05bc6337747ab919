package org.plantracker.progress.query;

/** Answered with {@code Optional<CountyView>}: empty when the county committee has no share in the plan (an unknown county or plan). */
public record FindCountyViewQuery(String countyCode, String planId) {
}
