package org.plantracker.task.importing;

import java.util.List;

/**
 * The structure of a plan document as written, before its unit names are resolved.
 *
 * @param header the lines before the main-tasks heading (the title among them), where the city is named
 */
public record ParsedPlan(String title, int titleLine, List<String> header, List<Section> sections) {

    public ParsedPlan {
        header = List.copyOf(header);
        sections = List.copyOf(sections);
    }

    public List<Task> tasks() {
        return sections.stream().flatMap(s -> s.tasks().stream()).toList();
    }

    /** A section such as (四)加强青少年法治教育和权益保护; {@code ordinal} is its position, 1-based. */
    public record Section(int ordinal, String numeral, String title, int line, List<Task> tasks) {
        public Section {
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * A numbered task: its text (paragraphs joined by a line break, without the unit clause) and the
     * units its clause names, as written.
     */
    public record Task(int number, int line, int sectionOrdinal, String text, Mention leadUnit,
                       List<Mention> responsibleUnits) {
        public Task {
            responsibleUnits = List.copyOf(responsibleUnits);
        }
    }

    /** A unit name as written, and the line it is on. */
    public record Mention(String name, int line) {
    }
}
