package org.plantracker.task.importing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The plan reader on the real Jixi plan, on variants of the genre, and on broken documents. */
class PlanReaderTest {

    private static final List<String> JIXI_COUNTIES = List.of("jixi-jiguan", "jixi-hengshan", "jixi-didao",
            "jixi-lishu", "jixi-chengzihe", "jixi-mashan", "jixi-hulin", "jixi-mishan", "jixi-jidong");

    private static RegionCatalogue jixi;
    private static RegionCatalogue shuangyashan;
    private static String seed;
    private final PlanReader reader = new PlanReader();

    @BeforeAll
    static void load() throws IOException {
        jixi = catalogue("/regions/jixi.json");
        shuangyashan = catalogue("/regions/shuangyashan.json");
        seed = text("/plans/jixi-responsibility-plan-2022.zh.txt");
    }

    private ImportedPlan read(String document) {
        return reader.read(document, List.of(jixi, shuangyashan), RegionCatalogue::directory);
    }

    // --- the Jixi plan --------------------------------------------------------------------------

    @Test
    void readsTheJixiPlansTitleSectionsAndTasks() {
        ImportedPlan plan = read(seed);

        assertThat(plan.region()).isEqualTo("jixi");
        assertThat(plan.title()).isEqualTo("鸡西市贯彻落实《关于加强新时代关心 下一代工作委员会工作的意见》责任分工方案");
        assertThat(plan.sections()).hasSize(14);
        assertThat(plan.tasks()).hasSize(30);
        assertThat(plan.tasks()).extracting(ImportedPlan.Task::number)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 30).boxed().toList());
        assertThat(plan.sections().get(3)).satisfies(s -> {
            assertThat(s.ordinal()).isEqualTo(4);
            assertThat(s.numeral()).isEqualTo("四");
            assertThat(s.title()).isEqualTo("加强青少年法治教育和权益保护");
            assertThat(s.taskNumbers()).containsExactly(8, 9);
        });
        assertThat(plan.sections().get(9).title()).as("(十) has no full stop").isEqualTo("注重理论研究");
        assertThat(plan.sections().get(13)).satisfies(s -> {
            assertThat(s.numeral()).isEqualTo("十四");
            assertThat(s.taskNumbers()).containsExactly(27, 28, 29, 30);
        });
        assertThat(plan.tasks().get(6).taskId()).isEqualTo(plan.planId() + "-07");
        assertThat(plan.newUnits()).as("every unit of the plan is in the Jixi catalogue").isEmpty();
    }

    @Test
    void countsTheLeadUnitsAsThePlanNamesThem() {
        Map<String, Long> leads = read(seed).tasks().stream()
                .collect(Collectors.groupingBy(t -> t.leadUnit().name(), Collectors.counting()));

        assertThat(leads).containsExactlyInAnyOrderEntriesOf(Map.of(
                "市关工委", 16L, "市委宣传部", 7L, "市委组织部", 3L, "市总工会", 2L, "市委网信办", 1L, "市司法局", 1L));
    }

    @Test
    void everyCountyCommitteeIsResponsibleForEveryTask() {
        ImportedPlan plan = read(seed);

        for (ImportedPlan.Task task : plan.tasks()) {
            assertThat(task.responsibleUnits()).extracting(UnitRef::code).as("task %d", task.number())
                    .containsAll(JIXI_COUNTIES);
            assertThat(task.expansions()).extracting(TaskAssignedEvent.GroupExpansion::group).contains("县(市)区关工委");
        }
        assertThat(plan.unitCount()).as("市关工委, 19 departments, 9 county committees, 市直关工委").isEqualTo(30);
    }

    @Test
    void readsTheAliasAsItsUnitAndSaysSo() {
        ImportedPlan plan = read(seed);

        ImportedPlan.Task sixth = plan.tasks().get(5);
        assertThat(sixth.responsibleUnits()).extracting(UnitRef::code).contains("jixi-culture-tourism");
        assertThat(sixth.responsibleUnits()).extracting(UnitRef::name).contains("市文体广电和旅游局")
                .doesNotContain("市文化广电和旅游局");
        assertThat(plan.warnings()).contains("task 6: 市文化广电和旅游局 read as 市文体广电和旅游局 (jixi-culture-tourism)");
    }

    @Test
    void joinsTheParagraphsOfTaskFive() {
        ImportedPlan.Task fifth = read(seed).tasks().get(4);

        assertThat(fifth.text()).startsWith("深入贯彻落实《新时代公民道德建设实施纲要》")
                .contains("不断强化教育引导、实践养成和制度保障。\n组织动员五老到广大青少年中深入开展爱国主义主题教育活动")
                .endsWith("铸牢中华民族共同体意识。")
                .doesNotContain("牵头单位");
        assertThat(fifth.title()).isEqualTo("深入贯彻落实《新时代公民道德建设实施纲要》、《新时代爱国主义教育实施纲要》");
        assertThat(fifth.leadUnit().code()).isEqualTo("jixi-propaganda");
        assertThat(fifth.responsibleUnits()).extracting(UnitRef::code)
                .startsWith("jixi-committee", "jixi-education", "jixi-youth-league");
    }

    @Test
    void expandsTheGroupsAndKeepsTheCityOrgansCommitteeAsItself() {
        ImportedPlan plan = read(seed);

        // 17: 责任单位:市关工委各成员单位,县(市)区、市直关工委。
        ImportedPlan.Task seventeenth = plan.tasks().get(16);
        assertThat(seventeenth.expansions()).extracting(TaskAssignedEvent.GroupExpansion::group)
                .containsExactly("市关工委各成员单位", "县(市)区关工委");
        assertThat(seventeenth.expansions().get(0).memberCodes()).hasSize(19).contains("jixi-culture-tourism");
        assertThat(seventeenth.responsibleUnits()).hasSize(19 + 9 + 1)
                .contains(new UnitRef("jixi-city-organs", "市直关工委", UnitKind.GROUP))
                .noneMatch(u -> u.code().equals("jixi-committee-members") || u.code().equals("jixi-counties"));
        assertThat(plan.warnings()).contains(
                "tasks 17, 18, 19, 21, 22, 28: 市直关工委 names no member units in this plan: assigned as itself");
        assertThat(plan.warnings()).hasSize(2);
    }

    @Test
    void theSameDocumentWithOtherLineEndingsAndPunctuationIsTheSamePlan() {
        String fullWidthCrlf = seed.replace("\n", "\r\n").replace(':', '：').replace(',', '，')
                .replace('(', '（').replace(')', '）');

        ImportedPlan original = read(seed);
        ImportedPlan rewritten = read(fullWidthCrlf);

        assertThat(rewritten.planId()).isEqualTo(original.planId());
        assertThat(rewritten.tasks()).extracting(t -> t.leadUnit().code(), t -> t.responsibleUnits().size())
                .containsExactlyElementsOf(original.tasks().stream()
                        .map(t -> tuple(t.leadUnit().code(), t.responsibleUnits().size())).toList());
        assertThat(rewritten.tasks().get(0).text()).contains("宣传省市中心工作和发展战略，让党的创新理论走进青少年");
        assertThat(read(seed.replace("第一个党支部旧址", "第一个党支部")).planId())
                .as("a different text is a different plan").isNotEqualTo(original.planId());
    }

    @Test
    void readsEveryWayOfNumberingTasks() {
        ImportedPlan original = read(seed);
        for (String mark : List.of(".", "．", " 、")) {
            String renumbered = seed.replaceAll("(?m)^(\\d+)、", "$1" + mark);
            ImportedPlan plan = read(renumbered);
            assertThat(plan.tasks()).as("numbered 1%s", mark).hasSize(30);
            assertThat(plan.tasks()).extracting(ImportedPlan.Task::text)
                    .containsExactlyElementsOf(original.tasks().stream().map(ImportedPlan.Task::text).toList());
        }
    }

    // --- another city, full-width punctuation, CRLF ---------------------------------------------

    @Test
    void readsAnotherCitysPlanInFullWidthPunctuationWithCrlf() throws IOException {
        String document = text("/plans/shuangyashan-fullwidth-crlf.txt").replaceAll("\r?\n", "\r\n");
        ImportedPlan plan = read(document);

        assertThat(plan.region()).isEqualTo("shuangyashan");
        assertThat(plan.title()).startsWith("双鸭山市落实《");
        assertThat(plan.sections()).extracting(s -> s.numeral() + s.title())
                .containsExactly("一加强思想政治引领", "二加强青少年科技教育");
        assertThat(plan.tasks()).extracting(ImportedPlan.Task::number).containsExactly(1, 2, 3);

        ImportedPlan.Task first = plan.tasks().get(0);
        assertThat(first.leadUnit().code()).isEqualTo("shuangyashan-propaganda");
        assertThat(first.responsibleUnits()).hasSize(2 + 8);

        ImportedPlan.Task second = plan.tasks().get(1);
        assertThat(second.text()).isEqualTo("深入开展“传承红色基因，争做时代新人”主题教育活动，\n组织青少年参观革命纪念馆，覆盖全市中小学。");
        assertThat(second.title()).isEqualTo("深入开展“传承红色基因，争做时代新人”主题教育活动");
        assertThat(second.leadUnit().code()).isEqualTo("shuangyashan-committee");
        assertThat(second.responsibleUnits()).extracting(UnitRef::code).containsExactly("shuangyashan-education",
                "shuangyashan-youth-league", "shuangyashan-jianshan", "shuangyashan-lingdong", "shuangyashan-sifangtai",
                "shuangyashan-baoshan", "shuangyashan-jixian", "shuangyashan-youyi", "shuangyashan-baoqing",
                "shuangyashan-raohe", "shuangyashan-city-organs");

        String newCode = PlanReader.generatedCode("shuangyashan", "市科技局");
        assertThat(newCode).matches("shuangyashan-dept-[0-9a-f]{8}");
        assertThat(plan.newUnits()).containsExactly(
                new UnitDefinition(newCode, "市科技局", UnitKind.CITY_DEPARTMENT, List.of(), List.of()));
        assertThat(plan.tasks().get(2).responsibleUnits()).extracting(UnitRef::code)
                .startsWith(newCode, "shuangyashan-womens-federation");
        assertThat(plan.warnings()).containsExactly(
                "task 2: 市直关工委 names no member units in this plan: assigned as itself",
                "task 3: 市科技局 is not in the 双鸭山市 units registry: registered as a new city department, code " + newCode,
                "task 3: 市妇女联合会 read as 市妇联 (shuangyashan-womens-federation)");
        assertThat(plan.unitCount()).isEqualTo(15);
    }

    // --- broken documents -----------------------------------------------------------------------

    /** A small, valid Jixi plan; the tests below break one line of it at a time. */
    private static final String SMALL = """
            鸡西市贯彻落实《意见》责任分工方案

            一、总体要求
            坚持党的领导。
            二、主要任务及责任分工
            (一)第一部分。
            1、第一项任务。牵头单位:市关工委。责任单位:市教育局,县(市)区关工委。
            2、第二项任务。牵头单位:市委宣传部。责任单位:市关工委。
            (二)第二部分。
            3、第三项任务。牵头单位:市总工会。责任单位:市关工委。
            三、有关要求
            (一)要高度重视。
            """;

    private static String breakLine(int line, String replacement) {
        List<String> lines = new java.util.ArrayList<>(SMALL.lines().toList());
        lines.set(line - 1, replacement);
        return String.join("\n", lines) + "\n";
    }

    private List<FieldProblem> problemsOf(String document) {
        try {
            read(document);
        } catch (PlanDocumentException e) {
            return e.errors();
        }
        throw new AssertionError("the document was read without problems");
    }

    @Test
    void theSmallPlanIsValid() {
        ImportedPlan plan = read(SMALL);
        assertThat(plan.sections()).hasSize(2);
        assertThat(plan.tasks()).hasSize(3);
        assertThat(plan.tasks().get(0).responsibleUnits()).hasSize(10);
    }

    @Test
    void aTaskWithoutLeadUnitNamesItsLine() {
        assertThat(problemsOf(breakLine(8, "2、第二项任务。责任单位:市关工委。")))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("line 8");
                    assertThat(p.message()).contains("task 2 has no 牵头单位");
                });
    }

    @Test
    void aTaskWithoutResponsibleUnitsNamesItsLine() {
        assertThat(problemsOf(breakLine(10, "3、第三项任务。牵头单位:市总工会。")))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("line 10");
                    assertThat(p.message()).contains("task 3 has no 责任单位");
                });
    }

    @Test
    void aTaskNumberOutOfSequenceNamesItsLine() {
        assertThat(problemsOf(breakLine(10, "4、第三项任务。牵头单位:市总工会。责任单位:市关工委。")))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("line 10");
                    assertThat(p.message()).contains("expected task 3, found task 4");
                });
    }

    @Test
    void aSectionOutOfSequenceNamesItsLine() {
        assertThat(problemsOf(breakLine(9, "(三)第二部分。")))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("line 9");
                    assertThat(p.message()).contains("expected section (二), found (三)");
                });
    }

    @Test
    void aLeadUnitNamingTwoUnitsNamesItsLine() {
        assertThat(problemsOf(breakLine(7, "1、第一项任务。牵头单位:市关工委、市教育局。责任单位:市教育局,县(市)区关工委。")))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("line 7");
                    assertThat(p.message()).contains("task 1 names 2 lead units (市关工委、市教育局)");
                });
    }

    @Test
    void aGroupAsLeadUnitIsRefused() {
        assertThat(problemsOf(breakLine(8, "2、第二项任务。牵头单位:县(市)区关工委。责任单位:市关工委。")))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("line 8");
                    assertThat(p.message()).contains("the 牵头单位 must be one unit");
                });
    }

    @Test
    void anUnknownUnitThatIsNoCityDepartmentNamesItsLine() {
        assertThat(problemsOf(breakLine(8, "2、第二项任务。牵头单位:市委宣传部。责任单位:市关工委、某某有限公司。")))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("line 8");
                    assertThat(p.message()).contains("unknown unit 某某有限公司");
                });
    }

    @Test
    void aDocumentWithoutSectionsIsRefused() {
        String noSections = SMALL.replace("(一)第一部分。\n", "").replace("(二)第二部分。\n", "");
        assertThat(problemsOf(noSections)).extracting(FieldProblem::field, FieldProblem::message).containsExactly(
                tuple("line 6", "task 1 comes before the first section (（一）…)"),
                tuple("line 7", "task 2 comes before the first section (（一）…)"),
                tuple("line 8", "task 3 comes before the first section (（一）…)"),
                tuple("line 5", "expected sections (（一）…) with numbered tasks under this heading"));

        assertThat(problemsOf("鸡西市某某责任分工方案\n二、主要任务及责任分工\n三、有关要求\n"))
                .extracting(FieldProblem::field).containsExactly("line 2");
    }

    @Test
    void aDocumentWithoutTheMainTasksHeadingIsRefused() {
        assertThat(problemsOf("鸡西市某某责任分工方案\n一、总体要求\n坚持党的领导。\n"))
                .extracting(FieldProblem::field).containsExactly("document");
    }

    @Test
    void aPlanForACityWithoutRegistryIsRefused() {
        assertThat(problemsOf(breakLine(1, "牡丹江市贯彻落实《意见》责任分工方案")))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("line 1");
                    assertThat(p.message()).contains("names no city with a units registry (known: 鸡西市、双鸭山市)");
                });
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String broken = breakLine(7, "1、第一项任务。责任单位:市教育局。");
        broken = broken.replace("3、第三项任务", "5、第三项任务");
        assertThat(problemsOf(broken)).extracting(FieldProblem::field).containsExactly("line 7", "line 10");
    }

    // --- helpers --------------------------------------------------------------------------------

    private static RegionCatalogue catalogue(String resource) throws IOException {
        try (InputStream in = PlanReaderTest.class.getResourceAsStream(resource)) {
            return RegionCatalogue.read(in);
        }
    }

    static String text(String resource) throws IOException {
        try (InputStream in = PlanReaderTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
