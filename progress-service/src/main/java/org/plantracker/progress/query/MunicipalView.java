package org.plantracker.progress.query;

import java.util.List;

/** Every task x every assigned unit of one plan, with the lights counted by section, lead unit and county. */
public record MunicipalView(String planId, List<ViewRow> rows, Counts counts) {

    public record Counts(List<SectionCount> bySection, List<UnitCount> byLeadUnit, List<UnitCount> byCounty) {
    }

    public record SectionCount(int ordinal, String title, int green, int yellow, int red) {
    }

    /** For byLeadUnit: the shares of the tasks the unit leads; for byCounty: the county committee's own shares. */
    public record UnitCount(String code, String name, int green, int yellow, int red) {
    }
}
