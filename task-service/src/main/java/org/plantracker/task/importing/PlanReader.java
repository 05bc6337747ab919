package org.plantracker.task.importing;

import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.task.api.PlanImportedEvent;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.plantracker.task.importing.PlanDocumentException.atLine;

/**
 * Reads a plan document into an {@link ImportedPlan}: parses it, finds the city it is for among the
 * regions with a units registry, and resolves every unit name against that registry.
 *
 * <ul>
 *   <li>an alias (市文化广电和旅游局) is read as its unit, with a warning naming the tasks;</li>
 *   <li>a group (县(市)区关工委, 市关工委各成员单位) is expanded to its members;</li>
 *   <li>a group without members (市直关工委) stays itself, with a warning;</li>
 *   <li>a shared suffix (县(市)区、市直关工委) is read as 县(市)区关工委 and 市直关工委;</li>
 *   <li>an unknown city-level name (市XX局/委/办/部/中心, 团市委…) becomes a new city department
 *       of the region with a generated ASCII code, with a warning;</li>
 *   <li>anything else unknown, or a group as lead unit, refuses the document naming the line.</li>
 * </ul>
 * Pure: the registry's contents come in as a {@link UnitDirectory}.
 */
public final class PlanReader {

    private static final List<String> CITY_LEVEL_ENDINGS = List.of("局", "委", "办", "部", "中心", "院", "会", "联",
            "厅", "署", "台", "馆", "队", "处", "所", "室", "社", "团", "行");
    private static final int TITLE_LENGTH = 40;

    private final PlanDocumentParser parser = new PlanDocumentParser();

    /** Parses, finds the region and resolves, in one go. */
    public ImportedPlan read(String document, List<RegionCatalogue> regions,
                             Function<RegionCatalogue, UnitDirectory> registryOf) {
        ParsedPlan parsed = parser.parse(document);
        RegionCatalogue region = regionOf(parsed, regions);
        return resolve(document, parsed, registryOf.apply(region));
    }

    public ParsedPlan parse(String document) {
        return parser.parse(document);
    }

    /** The region whose city the title names (or failing that, the header before the main tasks). */
    public RegionCatalogue regionOf(ParsedPlan plan, List<RegionCatalogue> regions) {
        Optional<RegionCatalogue> inTitle = earliest(plan.title(), regions);
        if (inTitle.isPresent()) {
            return inTitle.get();
        }
        for (String line : plan.header()) {
            Optional<RegionCatalogue> inHeader = earliest(line, regions);
            if (inHeader.isPresent()) {
                return inHeader.get();
            }
        }
        throw new PlanDocumentException(List.of(atLine(plan.titleLine(), "the title names no city with a units "
                + "registry (known: " + regions.stream().map(RegionCatalogue::city).collect(Collectors.joining("、"))
                + ")")));
    }

    private static Optional<RegionCatalogue> earliest(String text, List<RegionCatalogue> regions) {
        RegionCatalogue best = null;
        int bestAt = Integer.MAX_VALUE;
        for (RegionCatalogue region : regions) {
            int at = text.indexOf(region.city());
            if (at >= 0 && at < bestAt) {
                best = region;
                bestAt = at;
            }
        }
        return Optional.ofNullable(best);
    }

    public ImportedPlan resolve(String document, ParsedPlan parsed, UnitDirectory registry) {
        String sha = PlanDocument.sha256(document);
        String planId = PlanDocument.planIdOf(sha);
        Resolution resolution = new Resolution(registry);
        List<ImportedPlan.Task> tasks = new ArrayList<>();
        List<PlanImportedEvent.Section> sections = new ArrayList<>();
        for (ParsedPlan.Section section : parsed.sections()) {
            sections.add(new PlanImportedEvent.Section(section.ordinal(), section.numeral(), section.title(),
                    section.tasks().stream().map(ParsedPlan.Task::number).toList()));
            for (ParsedPlan.Task task : section.tasks()) {
                ImportedPlan.Task resolved = resolution.task(planId, section, task);
                if (resolved != null) {
                    tasks.add(resolved);
                }
            }
        }
        if (!resolution.problems.isEmpty()) {
            throw new PlanDocumentException(resolution.problems);
        }
        return new ImportedPlan(planId, sha, registry.region(), parsed.title(), sections, tasks,
                List.copyOf(resolution.newUnits.values()), resolution.warnings());
    }

    /** A short title: the task's first clause (outside 《》 and quotes), at most {@value #TITLE_LENGTH} characters. */
    public static String titleOf(String text) {
        int depth = 0;
        int end = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '《' || c == '“' || c == '（' || c == '(') {
                depth++;
            } else if ((c == '》' || c == '”' || c == '）' || c == ')') && depth > 0) {
                depth--;
            } else if (depth == 0 && "，,。；;：:\n".indexOf(c) >= 0) {
                end = i;
                break;
            }
        }
        String clause = text.substring(0, end);
        return clause.length() <= TITLE_LENGTH ? clause : clause.substring(0, TITLE_LENGTH - 1) + "…";
    }

    /** The generated code of a city department a plan introduced: the region and a hash of its name. */
    public static String generatedCode(String region, String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return region + "-dept-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isCityLevelName(String key) {
        if (key.equals("团市委")) {
            return true;
        }
        return key.startsWith("市") && key.length() >= 3 && !key.contains("县") && !key.contains("区")
                && CITY_LEVEL_ENDINGS.stream().anyMatch(key::endsWith);
    }

    /** Resolving the unit names of every task against one registry, collecting warnings and problems. */
    private static final class Resolution {
        private final UnitDirectory registry;
        private final List<FieldProblem> problems = new ArrayList<>();
        private final Map<String, UnitDefinition> newUnits = new LinkedHashMap<>();
        /** warning subject -> (message after the tasks, tasks) in order of first appearance */
        private final Map<String, Set<Integer>> warningTasks = new LinkedHashMap<>();
        private final Map<String, String> warningTexts = new LinkedHashMap<>();

        Resolution(UnitDirectory registry) {
            this.registry = registry;
        }

        ImportedPlan.Task task(String planId, ParsedPlan.Section section, ParsedPlan.Task task) {
            int problemsBefore = problems.size();
            UnitDefinition lead = unit(task, task.leadUnit(), null);
            if (lead != null && lead.kind() == UnitKind.GROUP) {
                problems.add(atLine(task.leadUnit().line(), "task " + task.number() + ": the 牵头单位 must be one unit, "
                        + "but " + task.leadUnit().name() + " is a group"));
            }
            Map<String, UnitRef> responsible = new LinkedHashMap<>();
            List<TaskAssignedEvent.GroupExpansion> expansions = new ArrayList<>();
            List<ParsedPlan.Mention> mentions = task.responsibleUnits();
            for (int i = 0; i < mentions.size(); i++) {
                ParsedPlan.Mention next = i + 1 < mentions.size() ? mentions.get(i + 1) : null;
                UnitDefinition unit = unit(task, mentions.get(i), next);
                if (unit == null) {
                    continue;
                }
                if (unit.expands()) {
                    List<UnitDefinition> members = registry.members(unit);
                    members.forEach(m -> responsible.putIfAbsent(m.code(), m.ref()));
                    expansions.add(new TaskAssignedEvent.GroupExpansion(unit.name(),
                            members.stream().map(UnitDefinition::code).toList()));
                } else {
                    responsible.putIfAbsent(unit.code(), unit.ref());
                    if (unit.kind() == UnitKind.GROUP) {
                        warn("group:" + unit.code(), task.number(), unit.name()
                                + " names no member units in this plan: assigned as itself");
                    }
                }
            }
            if (problems.size() > problemsBefore) {
                return null;
            }
            return new ImportedPlan.Task(PlanDocument.taskId(planId, task.number()), task.number(), section.ordinal(),
                    section.title(), titleOf(task.text()), task.text(), lead.ref(), List.copyOf(responsible.values()),
                    expansions);
        }

        /** The unit a name stands for, or null with a problem recorded. */
        private UnitDefinition unit(ParsedPlan.Task task, ParsedPlan.Mention mention, ParsedPlan.Mention next) {
            String name = mention.name();
            Optional<UnitDirectory.NameMatch> match = registry.byName(name);
            if (match.isPresent()) {
                UnitDefinition unit = match.get().unit();
                if (match.get().alias()) {
                    warn("alias:" + UnitNames.key(name, registry.city()), task.number(), name + " read as "
                            + unit.name() + " (" + unit.code() + ")");
                }
                return unit;
            }
            if (next != null) {
                // 县(市)区、市直关工委: the first name shares the second one's ending
                String following = next.name();
                for (int k = 1; k < following.length(); k++) {
                    Optional<UnitDirectory.NameMatch> shared = registry.byName(name + following.substring(k));
                    if (shared.isPresent()) {
                        return shared.get().unit();
                    }
                }
            }
            String key = UnitNames.key(name, registry.city());
            if (isCityLevelName(key)) {
                UnitDefinition created = newUnits.computeIfAbsent(key, k -> new UnitDefinition(
                        generatedCode(registry.region(), k), k, UnitKind.CITY_DEPARTMENT, List.of(), List.of()));
                warn("new:" + key, task.number(), key + " is not in the " + registry.city()
                        + " units registry: registered as a new city department, code " + created.code());
                return created;
            }
            problems.add(atLine(mention.line(), "task " + task.number() + ": unknown unit " + name + " (not in the "
                    + registry.city() + " units registry, and not a city-level name such as 市…局/委/办/部/中心 or 团市委)"));
            return null;
        }

        private void warn(String subject, int task, String text) {
            warningTasks.computeIfAbsent(subject, s -> new LinkedHashSet<>()).add(task);
            warningTexts.putIfAbsent(subject, text);
        }

        List<String> warnings() {
            List<String> warnings = new ArrayList<>();
            warningTasks.forEach((subject, tasks) -> warnings.add((tasks.size() == 1 ? "task " : "tasks ")
                    + tasks.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ": "
                    + warningTexts.get(subject)));
            return warnings;
        }
    }
}
