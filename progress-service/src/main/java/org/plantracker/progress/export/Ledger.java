package org.plantracker.progress.export;

import java.util.List;

/**
 * A view laid out as a ledger (台账): sheets of rows under Chinese headers. The sheets of the plan's
 * sections hold the task rows (one sheet per section); the others summarise. The .xlsx export has
 * every sheet; the CSV export has the section sheets' rows as one table, the section in front.
 */
public record Ledger(String title, List<Sheet> sheets) {

    /**
     * @param section the plan section whose task rows the sheet holds; null for a summary sheet
     * @param rows    each cell a String, a Number, or null (empty)
     */
    public record Sheet(String name, String section, List<String> headers, List<List<Object>> rows) {
    }

    public List<Sheet> sectionSheets() {
        return sheets.stream().filter(s -> s.section() != null).toList();
    }
}
