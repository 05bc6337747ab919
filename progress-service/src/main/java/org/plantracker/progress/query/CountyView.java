package org.plantracker.progress.query;

import java.util.List;

/** One county committee's share of every task of a plan. */
public record CountyView(ViewRow.UnitName unit, String planId, List<ViewRow> rows) {
}
