package org.plantracker.task.importing;

import org.plantracker.platform.problem.FieldProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.plantracker.task.importing.PlanDocumentException.atLine;
import static org.plantracker.task.importing.PlanDocumentException.inDocument;

/**
 * Reads the structure of a responsibility-division plan (责任分工方案): the title, the sections
 * (（一）…) under the main-tasks heading (二、主要任务及责任分工), the numbered tasks and each
 * task's closing clause {@code 牵头单位:X。责任单位:A、B,C。}, stopping at the next top-level
 * heading (三、有关要求).
 *
 * <p>Plans of this genre are typed by hand: full- or half-width colons, commas and brackets,
 * {@code 1、 1. 1．} numbering, CRLF or LF, a task split over several paragraphs. All are read the
 * same. A document that does not fit is refused with every problem found, each naming its line.
 * Pure: no I/O, no registry.
 */
public final class PlanDocumentParser {

    private static final String NUMERALS = "[一二三四五六七八九十]+";
    /** 一、总体要求 / 二、主要任务及责任分工 / 三、有关要求 */
    private static final Pattern TOP_HEADING = Pattern.compile("^(" + NUMERALS + ")\\s*[、.．]\\s*(.*)$");
    /** (一)坚持… / （十四）加强队伍建设。 */
    private static final Pattern SECTION_HEADING = Pattern.compile("^[(（]\\s*(" + NUMERALS + ")\\s*[)）]\\s*(.*)$");
    /** 1、… / 1.… / 1．… / １、… — but not 2021年… nor 1.5亿… */
    private static final Pattern TASK_START = Pattern.compile("^([0-9０-９]{1,3})\\s*[、.．]\\s*(?![0-9０-９])(.*)$");
    private static final Pattern LEAD_MARKER = Pattern.compile("牵头单位\\s*[:：]\\s*");
    private static final Pattern RESPONSIBLE_MARKER = Pattern.compile("责任单位\\s*[:：]\\s*");
    private static final Pattern UNIT_SEPARATORS = Pattern.compile("[、,，;；]");
    private static final String TITLE_MARK = "责任分工方案";
    private static final String MAIN_TASKS_MARK = "主要任务";

    public ParsedPlan parse(String document) {
        List<String> lines = PlanDocument.lines(document).stream().map(PlanDocument::clean).toList();
        List<FieldProblem> problems = new ArrayList<>();

        int main = findMainTasksHeading(lines);
        if (main < 0) {
            problems.add(inDocument("expected a heading such as 二、主要任务及责任分工 before the sections (（一）…)"));
        }
        int title = findTitle(lines, main < 0 ? lines.size() : main);
        if (title < 0) {
            problems.add(inDocument("expected a title line containing " + TITLE_MARK
                    + " (e.g. 鸡西市贯彻落实《…》责任分工方案) before the main tasks"));
        }
        if (main < 0) {
            throw new PlanDocumentException(problems);
        }

        Reading reading = new Reading(problems);
        for (int i = main + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (TOP_HEADING.matcher(line).matches()) {
                break;
            }
            Matcher section = SECTION_HEADING.matcher(line);
            if (section.matches()) {
                reading.section(number, section.group(1), section.group(2));
                continue;
            }
            Matcher task = TASK_START.matcher(line);
            if (task.matches()) {
                reading.task(number, Integer.parseInt(UnitNames.fold(task.group(1))), task.group(2));
                continue;
            }
            reading.paragraph(number, line);
        }
        List<ParsedPlan.Section> sections = reading.finish(main + 1);
        if (!problems.isEmpty()) {
            throw new PlanDocumentException(problems);
        }
        return new ParsedPlan(lines.get(title), title + 1, lines.subList(0, main), sections);
    }

    private static int findMainTasksHeading(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = TOP_HEADING.matcher(lines.get(i));
            if (m.matches() && m.group(2).contains(MAIN_TASKS_MARK)) {
                return i;
            }
        }
        return -1;
    }

    /** The first heading-like line naming the genre: short and not a sentence. */
    private static int findTitle(List<String> lines, int before) {
        int fallback = -1;
        for (int i = 0; i < before; i++) {
            String line = lines.get(i);
            if (line.contains(TITLE_MARK)) {
                if (line.length() <= 120 && !line.endsWith("。")) {
                    return i;
                }
                if (fallback < 0) {
                    fallback = i;
                }
            }
        }
        return fallback;
    }

    /** The state of reading the main-tasks part, line by line. */
    private static final class Reading {
        private final List<FieldProblem> problems;
        private final List<ParsedPlan.Section> sections = new ArrayList<>();
        private SectionDraft section;
        private TaskDraft task;
        private int lastTaskNumber;

        Reading(List<FieldProblem> problems) {
            this.problems = problems;
        }

        void section(int line, String numeral, String rest) {
            closeTask();
            closeSection();
            int ordinal = sections.size() + 1;
            int value = ChineseNumerals.parse(numeral);
            if (value != ordinal) {
                problems.add(atLine(line, "expected section (" + ChineseNumerals.format(ordinal) + "), found ("
                        + numeral + ")"));
            }
            String title = trimEnd(rest, "。.．;；");
            if (title.isEmpty()) {
                problems.add(atLine(line, "section (" + numeral + ") has no title"));
            }
            section = new SectionDraft(ordinal, numeral, title, line);
        }

        void task(int line, int number, String rest) {
            closeTask();
            if (section == null) {
                problems.add(atLine(line, "task " + number + " comes before the first section (（一）…)"));
            }
            if (number != lastTaskNumber + 1) {
                problems.add(atLine(line, "expected task " + (lastTaskNumber + 1) + ", found task " + number
                        + " (tasks are numbered 1, 2, 3… through the whole plan)"));
            }
            lastTaskNumber = number;
            if (section != null) {
                section.numberedTasks++;
            }
            task = new TaskDraft(number, line, section == null ? 0 : section.ordinal);
            if (!rest.isEmpty()) {
                task.paragraphs.add(new Paragraph(line, rest));
            }
        }

        void paragraph(int line, String text) {
            if (task != null) {
                task.paragraphs.add(new Paragraph(line, text));
            } else if (LEAD_MARKER.matcher(text).find()) {
                problems.add(atLine(line, "a 牵头单位 clause outside any numbered task"));
            }
            // otherwise a section's introduction: not a task, nothing to assign
        }

        List<ParsedPlan.Section> finish(int mainHeadingLine) {
            closeTask();
            closeSection();
            if (sections.isEmpty()) {
                problems.add(atLine(mainHeadingLine, "expected sections (（一）…) with numbered tasks under this heading"));
            }
            return sections;
        }

        private void closeSection() {
            if (section == null) {
                return;
            }
            if (section.numberedTasks == 0) {
                problems.add(atLine(section.line, "section (" + section.numeral + ") has no numbered tasks (1、…)"));
            }
            sections.add(new ParsedPlan.Section(section.ordinal, section.numeral, section.title, section.line,
                    section.tasks));
            section = null;
        }

        private void closeTask() {
            if (task == null) {
                return;
            }
            ParsedPlan.Task parsed = task.read(problems);
            if (parsed != null && section != null) {
                section.tasks.add(parsed);
            }
            task = null;
        }
    }

    private record Paragraph(int line, String text) {
    }

    private static final class SectionDraft {
        final int ordinal;
        final String numeral;
        final String title;
        final int line;
        final List<ParsedPlan.Task> tasks = new ArrayList<>();
        /** numbered tasks seen, readable or not: an unreadable task is reported once, not as a missing one */
        int numberedTasks;

        SectionDraft(int ordinal, String numeral, String title, int line) {
            this.ordinal = ordinal;
            this.numeral = numeral;
            this.title = title;
            this.line = line;
        }
    }

    private static final class TaskDraft {
        final int number;
        final int line;
        final int sectionOrdinal;
        final List<Paragraph> paragraphs = new ArrayList<>();

        TaskDraft(int number, int line, int sectionOrdinal) {
            this.number = number;
            this.line = line;
            this.sectionOrdinal = sectionOrdinal;
        }

        /** Splits the task into its text and its closing unit clause; null (with problems) when it cannot. */
        ParsedPlan.Task read(List<FieldProblem> problems) {
            int clauseParagraph = -1;
            int leadStart = -1;
            int leadEnd = -1;
            for (int p = paragraphs.size() - 1; p >= 0 && clauseParagraph < 0; p--) {
                Matcher m = LEAD_MARKER.matcher(paragraphs.get(p).text());
                while (m.find()) {
                    clauseParagraph = p;
                    leadStart = m.start();
                    leadEnd = m.end();
                }
            }
            if (clauseParagraph < 0) {
                int where = paragraphs.isEmpty() ? line : paragraphs.get(paragraphs.size() - 1).line();
                problems.add(atLine(where, "task " + number + " has no 牵头单位: expected it to end with "
                        + "牵头单位:X。责任单位:A、B。"));
                return null;
            }

            List<String> text = new ArrayList<>();
            for (int p = 0; p < clauseParagraph; p++) {
                text.add(paragraphs.get(p).text());
            }
            Paragraph withClause = paragraphs.get(clauseParagraph);
            String before = PlanDocument.clean(withClause.text().substring(0, leadStart));
            if (!before.isEmpty()) {
                text.add(before);
            }
            if (text.isEmpty()) {
                problems.add(atLine(line, "task " + number + " has no text before its 牵头单位"));
                return null;
            }

            // the clause may continue on the following paragraphs (责任单位 on a line of its own)
            StringBuilder clause = new StringBuilder(withClause.text().substring(leadEnd));
            List<int[]> lineAt = new ArrayList<>(); // {offset in clause, line}
            lineAt.add(new int[]{0, withClause.line()});
            for (int p = clauseParagraph + 1; p < paragraphs.size(); p++) {
                lineAt.add(new int[]{clause.length(), paragraphs.get(p).line()});
                clause.append(paragraphs.get(p).text());
            }
            Matcher responsible = RESPONSIBLE_MARKER.matcher(clause);
            if (!responsible.find()) {
                problems.add(atLine(withClause.line(), "task " + number + " has no 责任单位: expected "
                        + "牵头单位:X。责任单位:A、B。"));
                return null;
            }
            int leadLine = withClause.line();
            int responsibleLine = lineOf(lineAt, responsible.start());

            boolean ok = true;
            String leadText = trimEnd(clause.substring(0, responsible.start()), "。.．;；,，、");
            List<String> leadNames = split(leadText);
            if (leadNames.isEmpty()) {
                problems.add(atLine(leadLine, "task " + number + " names no 牵头单位"));
                ok = false;
            } else if (leadNames.size() > 1) {
                problems.add(atLine(leadLine, "task " + number + " names " + leadNames.size() + " lead units ("
                        + String.join("、", leadNames) + "): a task has exactly one 牵头单位"));
                ok = false;
            }

            String responsibleText = trimEnd(clause.substring(responsible.end()), "。.．;；,，、");
            int stop = responsibleText.indexOf('。');
            if (stop >= 0) {
                problems.add(atLine(lineOf(lineAt, responsible.end() + stop), "task " + number
                        + ": unexpected text after the 责任单位 list: " + abbreviate(responsibleText.substring(stop + 1))));
                ok = false;
            }
            List<String> responsibleNames = split(responsibleText);
            if (responsibleNames.isEmpty()) {
                problems.add(atLine(responsibleLine, "task " + number + " names no 责任单位"));
                ok = false;
            }
            if (!ok) {
                return null;
            }
            return new ParsedPlan.Task(number, line, sectionOrdinal, String.join("\n", text),
                    new ParsedPlan.Mention(leadNames.get(0), leadLine),
                    responsibleNames.stream().map(n -> new ParsedPlan.Mention(n, responsibleLine)).toList());
        }

        private static int lineOf(List<int[]> lineAt, int offset) {
            int line = lineAt.get(0)[1];
            for (int[] at : lineAt) {
                if (at[0] <= offset) {
                    line = at[1];
                }
            }
            return line;
        }
    }

    private static List<String> split(String units) {
        List<String> names = new ArrayList<>();
        for (String part : UNIT_SEPARATORS.split(units)) {
            String name = PlanDocument.clean(part);
            if (name.endsWith("等") && name.length() > 1) {
                name = name.substring(0, name.length() - 1);
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    static String trimEnd(String text, String punctuation) {
        String t = PlanDocument.clean(text);
        int end = t.length();
        while (end > 0 && (punctuation.indexOf(t.charAt(end - 1)) >= 0 || UnitNames.isSpace(t.charAt(end - 1)))) {
            end--;
        }
        return t.substring(0, end);
    }

    private static String abbreviate(String text) {
        String t = PlanDocument.clean(text);
        return t.length() <= 30 ? t : t.substring(0, 30) + "…";
    }
}
