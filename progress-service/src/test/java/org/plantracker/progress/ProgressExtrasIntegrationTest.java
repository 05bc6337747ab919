package org.plantracker.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.messaging.EventHeaders;
import org.plantracker.platform.test.Await;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.progress.query.TaskShareProjection;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskTopics;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supervision records, problems raised upward, good practices and the exports of the views, on
 * real PostgreSQL and a real Kafka broker, through the HTTP API with verified tokens. Assignments
 * arrive on plan-tracker.task-events as task-service publishes them; each test has a plan of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProgressExtrasIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static final UnitRef COMMITTEE = new UnitRef("jixi-committee", "市关工委", UnitKind.CITY_COMMITTEE);
    static final UnitRef PROPAGANDA = new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT);
    static final UnitRef EDUCATION = new UnitRef("jixi-education", "市教育局", UnitKind.CITY_DEPARTMENT);
    static final UnitRef JUSTICE = new UnitRef("jixi-justice", "市司法局", UnitKind.CITY_DEPARTMENT);
    static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    static final UnitRef HULIN = new UnitRef("jixi-hulin", "虎林市关工委", UnitKind.COUNTY_COMMITTEE);
    static final UnitRef JIDONG = new UnitRef("jixi-jidong", "鸡东县关工委", UnitKind.COUNTY_COMMITTEE);
    static final String SUPERVISOR = TestTokens.supervisor(COMMITTEE.code());

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "progress");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.axonframework.config.EventProcessingConfiguration processing;
    @Autowired
    org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    @Test
    void theCityCommitteeRecordsSupervisionAndTheTasksUnitsReadIt() throws Exception {
        String plan = newPlanId();
        String task = plan + "-08";
        assign(task, 8, 4, EDUCATION, List.of(MISHAN, HULIN));
        String path = "/api/tasks/" + task + "/supervision";

        ResponseEntity<String> whole = post(path, SUPERVISOR, Map.of("findings", "部分学校未建立台账。", "comment", "请于月底前补齐。"));
        assertThat(whole.getStatusCode().value()).as(whole.getBody()).isEqualTo(201);
        String wholeId = body(whole).path("recordId").asText();
        ResponseEntity<String> ofMishan = post(path, SUPERVISOR, Map.of("unitCode", MISHAN.code(), "findings", "密山市进度滞后。"));
        assertThat(ofMishan.getStatusCode().value()).as(ofMishan.getBody()).isEqualTo(201);

        // anyone else is refused, and nothing is stored
        int stored = storedEventsOfType("SupervisionRecordedEvent", task);
        for (String token : List.of(TestTokens.unit(EDUCATION.code()), TestTokens.county(MISHAN.code()))) {
            ResponseEntity<String> refused = post(path, token, Map.of("findings", "越权督导"));
            assertThat(refused.getStatusCode().value()).isEqualTo(403);
            assertThat(refused.getHeaders().getContentType().toString()).contains("application/problem+json");
        }
        ResponseEntity<String> noFindings = post(path, SUPERVISOR, Map.of("unitCode", JUSTICE.code(), "findings", " "));
        assertThat(noFindings.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(noFindings))).containsExactly("findings");
        ResponseEntity<String> notAssigned = post(path, SUPERVISOR, Map.of("unitCode", JUSTICE.code(), "findings", "x"));
        assertThat(notAssigned.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(notAssigned))).containsExactly("unitCode");
        assertThat(post("/api/tasks/" + plan + "-99/supervision", SUPERVISOR, Map.of("findings", "x"))
                .getStatusCode().value()).isEqualTo(404);
        assertThat(storedEventsOfType("SupervisionRecordedEvent", task)).isEqualTo(stored).isEqualTo(2);

        // the city committee and the lead unit read both; 虎林 reads only the one about the whole task
        JsonNode all = await(path, SUPERVISOR, list -> list.size() == 2);
        assertThat(all.get(0).path("recordId").asText()).isEqualTo(wholeId);
        assertThat(all.get(0).path("unit").isNull()).isTrue();
        assertThat(all.get(0).path("comment").asText()).isEqualTo("请于月底前补齐。");
        assertThat(all.get(0).path("recordedBy").asText()).isEqualTo(COMMITTEE.code());
        assertThat(all.get(1).path("unit").path("name").asText()).isEqualTo("密山市关工委");
        assertThat(all.get(1).path("findings").asText()).isEqualTo("密山市进度滞后。");
        assertThat(body(get(path, TestTokens.unit(EDUCATION.code())))).hasSize(2);
        assertThat(body(get(path, TestTokens.county(MISHAN.code())))).hasSize(2);
        JsonNode hulin = body(get(path, TestTokens.county(HULIN.code())));
        assertThat(hulin).hasSize(1);
        assertThat(hulin.get(0).path("recordId").asText()).isEqualTo(wholeId);
        assertThat(get(path, TestTokens.unit(JUSTICE.code())).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void aProblemRaisedByThreeCountyCommitteesIsFlaggedGeneralAndTheCityCommitteeAnswersAndClosesIt() throws Exception {
        String plan = newPlanId();
        String task = plan + "-07";
        assign(task, 7, 4, PROPAGANDA, List.of(EDUCATION, MISHAN, HULIN, JIDONG));
        String path = "/api/tasks/" + task + "/problems";

        ResponseEntity<String> first = post(path, TestTokens.county(MISHAN.code()),
                Map.of("category", "农村学校师资不足", "text", "密山市农村学校缺少专职教师。"));
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
        String problemId = body(first).path("problemId").asText();
        // not assigned, or bad input: refused, nothing stored
        assertThat(post(path, TestTokens.unit(JUSTICE.code()), Map.of("category", "农村学校师资不足", "text", "x"))
                .getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> invalid = post(path, TestTokens.county(HULIN.code()), Map.of("category", " "));
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(invalid))).containsExactlyInAnyOrder("category", "text");
        // a city department and a second county join; the same category, written differently, is the same problem
        assertThat(body(post(path, TestTokens.unit(EDUCATION.code()), Map.of("category", "农村学校 师资不足。", "text", "全市普遍存在。")))
                .path("problemId").asText()).isEqualTo(problemId);
        assertThat(body(post(path, TestTokens.county(HULIN.code()), Map.of("category", " 农村学校师资不足", "text", "虎林市也缺。")))
                .path("problemId").asText()).isEqualTo(problemId);
        assertThat(storedEventsOfType("ProblemFlaggedGeneralEvent", task)).as("two county committees are not enough").isZero();
        // the lead unit may answer a problem that is not general (yet)
        assertThat(post(path + "/" + problemId + "/answer", TestTokens.unit(PROPAGANDA.code()), Map.of("answer", "已安排培训。"))
                .getStatusCode().value()).isEqualTo(200);
        // the third county committee: general, and open again
        assertThat(post(path, TestTokens.county(JIDONG.code()), Map.of("category", "农村学校师资不足", "text", "鸡东县同样。"))
                .getStatusCode().value()).isEqualTo(201);
        assertThat(storedEventsOfType("ProblemFlaggedGeneralEvent", task)).isEqualTo(1);

        JsonNode general = await("/api/problems?planId=" + plan + "&general=true", SUPERVISOR,
                list -> list.size() == 1 && list.get(0).path("countyCount").asInt() == 3);
        JsonNode problem = general.get(0);
        assertThat(problem.path("problemId").asText()).isEqualTo(problemId);
        assertThat(problem.path("state").asText()).isEqualTo("OPEN");
        assertThat(problem.path("category").asText()).isEqualTo("农村学校师资不足");
        assertThat(problem.path("text").asText()).isEqualTo("密山市农村学校缺少专职教师。");
        List<String> raisers = new ArrayList<>();
        problem.path("raisedBy").forEach(r -> raisers.add(r.path("unit").path("code").asText()));
        assertThat(raisers).containsExactly(MISHAN.code(), EDUCATION.code(), HULIN.code(), JIDONG.code());

        // now only the city committee answers; it escalates, then closes
        int answers = storedEventsOfType("ProblemAnsweredEvent", task);
        assertThat(post(path + "/" + problemId + "/answer", TestTokens.unit(PROPAGANDA.code()), Map.of("answer", "已安排培训。"))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(post(path + "/" + problemId + "/answer", TestTokens.county(MISHAN.code()), Map.of("answer", "自行解决"))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(post(path + "/" + problemId + "/close", SUPERVISOR, Map.of()).getStatusCode().value())
                .as("an open problem is answered first").isEqualTo(409);
        assertThat(storedEventsOfType("ProblemAnsweredEvent", task)).isEqualTo(answers);
        assertThat(post(path + "/" + problemId + "/answer", SUPERVISOR, Map.of("answer", "已向省关工委反映。", "escalate", true))
                .getStatusCode().value()).isEqualTo(200);
        assertThat(post(path + "/" + problemId + "/close", TestTokens.unit(PROPAGANDA.code()), Map.of()).getStatusCode().value())
                .isEqualTo(403);
        assertThat(post(path + "/" + problemId + "/close", SUPERVISOR, Map.of("comment", "省里已统筹解决")).getStatusCode().value())
                .isEqualTo(200);
        assertThat(post(path + "/no-such-problem/answer", SUPERVISOR, Map.of("answer", "x")).getStatusCode().value()).isEqualTo(404);

        JsonNode closed = await(path + "/" + problemId, TestTokens.county(HULIN.code()),
                p -> p.path("state").asText().equals("CLOSED"));
        assertThat(closed.path("escalated").asBoolean()).isTrue();
        assertThat(closed.path("general").asBoolean()).isTrue();
        assertThat(closed.path("answer").path("text").asText()).isEqualTo("已向省关工委反映。");
        assertThat(closed.path("closeComment").asText()).isEqualTo("省里已统筹解决");
        assertThat(body(get("/api/problems?planId=" + plan + "&state=OPEN", SUPERVISOR))).isEmpty();
        assertThat(body(get("/api/views/municipal?planId=" + plan, SUPERVISOR)).path("problems"))
                .as("a closed problem leaves the municipal view").isEmpty();
        assertThat(get("/api/problems?planId=" + plan, TestTokens.county(MISHAN.code())).getStatusCode().value()).isEqualTo(403);
        assertThat(get(path, TestTokens.unit(JUSTICE.code())).getStatusCode().value()).isEqualTo(403);
        assertThat(post(path, TestTokens.county(MISHAN.code()), Map.of("category", "农村学校师资不足", "text", "又出现了"))
                .getStatusCode().value()).as("a closed problem is not raised again").isEqualTo(409);
    }

    @Test
    void unitsSubmitGoodPracticesAndEveryoneReadsThoseTheCityCommitteePublished() throws Exception {
        String plan = newPlanId();
        String task = plan + "-17";
        assign(task, 17, 9, COMMITTEE, List.of(MISHAN, HULIN));
        String path = "/api/tasks/" + task + "/practices";

        ResponseEntity<String> submitted = post(path, TestTokens.county(MISHAN.code()),
                Map.of("title", "“五老”进校园", "text", "组织“五老”每月进校园宣讲，覆盖全市中小学。"));
        assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(201);
        String practiceId = body(submitted).path("practiceId").asText();
        String other = body(post(path, TestTokens.county(HULIN.code()), Map.of("title", "关爱留守儿童", "text", "结对帮扶。")))
                .path("practiceId").asText();
        assertThat(post(path, TestTokens.unit(JUSTICE.code()), Map.of("title", "x", "text", "y")).getStatusCode().value())
                .isEqualTo(403);
        ResponseEntity<String> invalid = post(path, TestTokens.county(MISHAN.code()), Map.of("title", ""));
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(invalid))).containsExactlyInAnyOrder("title", "text");

        // waiting: the city committee sees both, the plan's units none; the submitter reads its own
        await("/api/practices?planId=" + plan + "&state=SUBMITTED", SUPERVISOR, list -> list.size() == 2);
        assertThat(get("/api/practices?planId=" + plan + "&state=SUBMITTED", TestTokens.county(MISHAN.code()))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(body(get("/api/practices?planId=" + plan, TestTokens.county(HULIN.code())))).isEmpty();
        assertThat(get("/api/practices/" + practiceId, TestTokens.county(MISHAN.code())).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/api/practices/" + practiceId, TestTokens.county(HULIN.code())).getStatusCode().value()).isEqualTo(404);

        assertThat(post("/api/practices/" + practiceId + "/publish", TestTokens.county(MISHAN.code()), Map.of())
                .getStatusCode().value()).isEqualTo(403);
        assertThat(storedEventsOfType("GoodPracticePublishedEvent", task)).isZero();
        assertThat(post("/api/practices/" + practiceId + "/publish", SUPERVISOR, Map.of()).getStatusCode().value()).isEqualTo(200);
        assertThat(post("/api/practices/" + practiceId + "/publish", SUPERVISOR, Map.of()).getStatusCode().value()).isEqualTo(200);
        assertThat(storedEventsOfType("GoodPracticePublishedEvent", task)).as("published once").isEqualTo(1);
        assertThat(post("/api/practices/no-such-practice/publish", SUPERVISOR, Map.of()).getStatusCode().value()).isEqualTo(404);

        JsonNode published = await("/api/practices?planId=" + plan, TestTokens.unit(JUSTICE.code()), list -> list.size() == 1);
        assertThat(published.get(0).path("practiceId").asText()).isEqualTo(practiceId);
        assertThat(published.get(0).path("title").asText()).isEqualTo("“五老”进校园");
        assertThat(published.get(0).path("unit").path("name").asText()).isEqualTo("密山市关工委");
        assertThat(published.get(0).path("taskNumber").asInt()).isEqualTo(17);
        assertThat(published.get(0).path("publishedAt").asText()).isNotBlank();
        assertThat(get("/api/practices/" + practiceId, TestTokens.county(HULIN.code())).getStatusCode().value()).isEqualTo(200);
        assertThat(body(get("/api/practices?planId=" + plan + "&state=SUBMITTED", SUPERVISOR)).get(0).path("practiceId")
                .asText()).isEqualTo(other);
    }

    @Test
    void theMunicipalAndCountyViewsExportAsLedgersWithASheetPerSection() throws Exception {
        String plan = newPlanId();
        String task8 = plan + "-08";
        String task9 = plan + "-09";
        String task10 = plan + "-10";
        String section4 = "加强青少年法治教育和权益保护";
        String section5 = "实施五老关爱下一代工程";
        assign(task8, 8, 4, section4, "履行未成年人保护法定职责", COMMITTEE, List.of(PROPAGANDA, EDUCATION, JUSTICE, MISHAN, HULIN));
        assign(task9, 9, 4, section4, "组织“五老”参与预防青少年违法犯罪", JUSTICE, List.of(COMMITTEE, MISHAN, HULIN));
        assign(task10, 10, 5, section5, "深化关爱助学工作", COMMITTEE, List.of(EDUCATION, MISHAN, HULIN));
        assertThat(post("/api/tasks/" + task8 + "/reports", TestTokens.county(MISHAN.code()), Map.of("period", "2022-Q2",
                "status", "ON_TRACK", "narrative", "密山市开展“关爱明天、普法先行”活动12场，覆盖学生3000人。", "problems",
                List.of("农村学校法治副校长配备不足"))).getStatusCode().value()).isEqualTo(201);
        assertThat(post("/api/tasks/" + task9 + "/reports", TestTokens.county(HULIN.code()), Map.of("period", "2022-Q2",
                "status", "AT_RISK", "narrative", "帮教队伍尚未组建。")).getStatusCode().value()).isEqualTo(201);
        assertThat(post("/api/tasks/" + task8 + "/problems", TestTokens.county(MISHAN.code()),
                Map.of("category", "法治副校长不足", "text", "农村学校法治副校长配备不足。")).getStatusCode().value()).isEqualTo(201);
        String practiceId = body(post("/api/tasks/" + task10 + "/practices", TestTokens.county(MISHAN.code()),
                Map.of("title", "“五老”助学结对", "text", "每位“五老”结对帮扶两名困境学生。"))).path("practiceId").asText();
        assertThat(post("/api/practices/" + practiceId + "/publish", SUPERVISOR, Map.of()).getStatusCode().value()).isEqualTo(200);
        assertThat(post("/api/tasks/" + task10 + "/units/" + MISHAN.code() + "/urges", SUPERVISOR,
                Map.of("period", "2022-Q2", "message", "请尽快报送第二季度进展。")).getStatusCode().value()).isEqualTo(201);
        await("/api/views/county/" + MISHAN.code() + "?planId=" + plan, SUPERVISOR, view -> view.path("urges").size() == 1);
        await("/api/views/municipal?planId=" + plan, SUPERVISOR, view -> {
            int reported = 0;
            for (JsonNode row : view.path("rows")) {
                reported += row.path("lastReport").isObject() ? 1 : 0;
            }
            return reported == 2;
        });
        await("/api/problems?planId=" + plan, SUPERVISOR, list -> list.size() == 1);
        await("/api/practices?planId=" + plan, SUPERVISOR, list -> list.size() == 1);
        // the municipal view itself lists the problems not closed and the published practices
        JsonNode municipal = body(get("/api/views/municipal?planId=" + plan, SUPERVISOR));
        assertThat(municipal.path("problems")).hasSize(1);
        assertThat(municipal.path("problems").get(0).path("category").asText()).isEqualTo("法治副校长不足");
        assertThat(municipal.path("problems").get(0).path("general").asBoolean()).isFalse();
        assertThat(municipal.path("goodPractices")).hasSize(1);
        assertThat(municipal.path("goodPractices").get(0).path("practiceId").asText()).isEqualTo(practiceId);

        // the municipal ledger as .xlsx, read back with POI
        ResponseEntity<byte[]> xlsx = getBytes("/api/views/municipal/export?planId=" + plan + "&format=xlsx", SUPERVISOR);
        assertThat(xlsx.getStatusCode().value()).isEqualTo(200);
        // (the platform forces a charset parameter onto every response; the type is what matters)
        assertThat(xlsx.getHeaders().getContentType().getType() + "/" + xlsx.getHeaders().getContentType().getSubtype())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.getHeaders().getContentDisposition().getFilename()).isEqualTo("市级台账-" + plan + ".xlsx");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook =
                     new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.getBody()))) {
            List<String> names = new ArrayList<>();
            workbook.forEach(sheet -> names.add(sheet.getSheetName()));
            assertThat(names).containsExactly("按部分统计", "按牵头单位统计", "按县区统计", "按时报送率",
                    "（四）加强青少年法治教育和权益保护", "（五）实施五老关爱下一代工程", "逾期清单", "问题", "典型经验");
            List<List<String>> sectionFour = cells(workbook.getSheet("（四）加强青少年法治教育和权益保护"));
            assertThat(sectionFour.get(0)).containsExactly("任务序号", "任务", "牵头单位", "单位", "分工", "状态灯", "最近填报期",
                    "进展状态", "审核状态", "进展情况", "填报时间", "任务类型", "下次填报期", "截止日期", "逾期次数", "收到催办",
                    "反映问题数");
            assertThat(sectionFour).hasSize(1 + 6 + 4);
            List<String> mishan8 = ledgerRow(sectionFour, "8", "密山市关工委");
            assertThat(mishan8.subList(0, 10)).containsExactly("8", "履行未成年人保护法定职责", "市关工委", "密山市关工委", "责任单位",
                    "绿", "2022-Q2", "按计划推进", "待审核", "密山市开展“关爱明天、普法先行”活动12场，覆盖学生3000人。");
            assertThat(mishan8.get(10)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
            assertThat(mishan8.get(11)).isEqualTo("未安排");
            assertThat(mishan8.subList(14, 17)).as("never late, not urged, one problem raised").containsExactly("0", "0", "1");
            assertThat(ledgerRow(cells(workbook.getSheet("（五）实施五老关爱下一代工程")), "10", "密山市关工委").get(15))
                    .as("urged once").isEqualTo("1");
            assertThat(ledgerRow(sectionFour, "8", "市关工委").subList(4, 8)).containsExactly("牵头单位", "黄", "", "未填报");
            assertThat(ledgerRow(sectionFour, "9", "虎林市关工委").subList(2, 8))
                    .containsExactly("市司法局", "虎林市关工委", "责任单位", "黄", "2022-Q2", "存在风险");
            assertThat(cells(workbook.getSheet("（五）实施五老关爱下一代工程"))).hasSize(1 + 4);

            List<List<String>> bySection = cells(workbook.getSheet("按部分统计"));
            assertThat(bySection.get(0)).containsExactly("部分", "绿灯", "黄灯", "红灯", "合计");
            assertThat(bySection.get(1)).containsExactly("（四）加强青少年法治教育和权益保护", "1", "9", "0", "10");
            assertThat(bySection.get(2)).containsExactly("（五）实施五老关爱下一代工程", "0", "4", "0", "4");
            List<List<String>> byCounty = cells(workbook.getSheet("按县区统计"));
            assertThat(byCounty).hasSize(3);
            assertThat(ledgerRow(byCounty, "密山市关工委")).containsExactly("密山市关工委", "1", "2", "0", "3");
            assertThat(cells(workbook.getSheet("按时报送率")).get(0)).containsExactly("单位", "按时报送期数", "逾期期数", "按时报送率");
            assertThat(cells(workbook.getSheet("逾期清单")).get(0)).containsExactly("任务序号", "任务", "单位", "牵头单位", "填报期",
                    "截止日期");
            List<List<String>> problemSheet = cells(workbook.getSheet("问题"));
            assertThat(problemSheet.get(1).subList(0, 7)).containsExactly("8", "履行未成年人保护法定职责", "法治副校长不足",
                    "农村学校法治副校长配备不足。", "待答复", "否", "1");
            List<List<String>> practiceSheet = cells(workbook.getSheet("典型经验"));
            assertThat(practiceSheet.get(1).subList(0, 4)).containsExactly("10", "深化关爱助学工作", "密山市关工委", "“五老”助学结对");
        }

        // the same ledger as CSV: the task rows, the section in front
        ResponseEntity<byte[]> csv = getBytes("/api/views/municipal/export?planId=" + plan + "&format=csv", SUPERVISOR);
        assertThat(csv.getStatusCode().value()).isEqualTo(200);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        String text = new String(csv.getBody(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF部分,任务序号,任务,牵头单位,单位,分工,状态灯,");
        List<String> lines = List.of(text.substring(1).split("\r\n"));
        assertThat(lines).hasSize(1 + 10 + 4);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(
                "（四）加强青少年法治教育和权益保护,9,组织“五老”参与预防青少年违法犯罪,市司法局,虎林市关工委,责任单位,黄,2022-Q2,存在风险,待审核,帮教队伍尚未组建。,"));

        // the county ledger: 密山's own rows only
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(getBytes("/api/views/county/" + MISHAN.code() + "/export?planId=" + plan,
                        TestTokens.county(MISHAN.code())).getBody()))) {
            List<String> names = new ArrayList<>();
            workbook.forEach(sheet -> names.add(sheet.getSheetName()));
            assertThat(names).containsExactly("按部分统计", "（四）加强青少年法治教育和权益保护", "（五）实施五老关爱下一代工程",
                    "待报送", "被退回", "收到催办");
            List<List<String>> urges = cells(workbook.getSheet("收到催办"));
            assertThat(urges).hasSize(2);
            assertThat(urges.get(1).subList(0, 5)).containsExactly("10", "深化关爱助学工作", "2022-Q2", "请尽快报送第二季度进展。", "市关工委");
            assertThat(urges.get(1).get(6)).isEqualTo("否");
            assertThat(cells(workbook.getSheet("被退回")).get(0)).containsExactly("任务序号", "任务", "填报期", "版本", "退回理由");
            List<List<String>> sectionFour = cells(workbook.getSheet("（四）加强青少年法治教育和权益保护"));
            assertThat(sectionFour).hasSize(3);
            assertThat(sectionFour.stream().skip(1).map(row -> row.get(3)).distinct().toList()).containsExactly("密山市关工委");
            assertThat(cells(workbook.getSheet("按部分统计")).get(1)).containsExactly("（四）加强青少年法治教育和权益保护", "1", "1", "0", "2");
        }
        String countyCsv = new String(getBytes("/api/views/county/" + MISHAN.code() + "/export?planId=" + plan + "&format=csv",
                SUPERVISOR).getBody(), StandardCharsets.UTF_8);
        assertThat(countyCsv.split("\r\n")).hasSize(1 + 3);

        // who may export what, and bad parameters
        assertThat(getBytes("/api/views/municipal/export?planId=" + plan, TestTokens.county(MISHAN.code())).getStatusCode().value())
                .isEqualTo(403);
        assertThat(getBytes("/api/views/county/" + MISHAN.code() + "/export?planId=" + plan, TestTokens.county(HULIN.code()))
                .getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> badFormat = get("/api/views/municipal/export?planId=" + plan + "&format=pdf", SUPERVISOR);
        assertThat(badFormat.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(badFormat))).containsExactly("format");
        assertThat(get("/api/views/municipal/export?planId=nosuchplan", SUPERVISOR).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void resettingTheViewsRebuildsSupervisionProblemsAndPracticesAsTheyWere() throws Exception {
        String plan = newPlanId();
        String task = plan + "-11";
        assign(task, 11, 5, COMMITTEE, List.of(EDUCATION, MISHAN, HULIN, JIDONG));
        assertThat(post("/api/tasks/" + task + "/supervision", SUPERVISOR, Map.of("unitCode", HULIN.code(), "findings", "进度滞后。"))
                .getStatusCode().value()).isEqualTo(201);
        String problemId = null;
        for (UnitRef county : List.of(MISHAN, HULIN, JIDONG)) {
            problemId = body(post("/api/tasks/" + task + "/problems", TestTokens.county(county.code()),
                    Map.of("category", "经费不足", "text", county.name() + "经费不足。"))).path("problemId").asText();
        }
        assertThat(post("/api/tasks/" + task + "/problems/" + problemId + "/answer", SUPERVISOR, Map.of("answer", "已列入预算。"))
                .getStatusCode().value()).isEqualTo(200);
        String practiceId = body(post("/api/tasks/" + task + "/practices", TestTokens.unit(EDUCATION.code()),
                Map.of("title", "农村青年培训", "text", "举办培训班6期。"))).path("practiceId").asText();
        assertThat(post("/api/practices/" + practiceId + "/publish", SUPERVISOR, Map.of()).getStatusCode().value()).isEqualTo(200);
        String supervision = "/api/tasks/" + task + "/supervision";
        String problems = "/api/problems?planId=" + plan;
        String practices = "/api/practices?planId=" + plan;
        JsonNode supervisionBefore = await(supervision, SUPERVISOR, list -> list.size() == 1);
        JsonNode problemsBefore = await(problems, SUPERVISOR,
                list -> list.size() == 1 && list.get(0).path("state").asText().equals("ANSWERED"));
        JsonNode practicesBefore = await(practices, SUPERVISOR, list -> list.size() == 1);
        assertThat(problemsBefore.get(0).path("general").asBoolean()).isTrue();

        org.axonframework.eventhandling.StreamingEventProcessor views = processing.eventProcessor(
                TaskShareProjection.PROCESSING_GROUP, org.axonframework.eventhandling.StreamingEventProcessor.class).orElseThrow();
        views.shutDown();
        views.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM problem WHERE plan_id = ?", Integer.class, plan)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM supervision_record WHERE plan_id = ?", Integer.class, plan)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM good_practice WHERE plan_id = ?", Integer.class, plan)).isZero();
        views.start();

        assertThat(await(supervision, SUPERVISOR, supervisionBefore::equals)).isEqualTo(supervisionBefore);
        assertThat(await(problems, SUPERVISOR, problemsBefore::equals)).isEqualTo(problemsBefore);
        assertThat(await(practices, SUPERVISOR, practicesBefore::equals)).isEqualTo(practicesBefore);
    }

    @Test
    void everyOperationIsInTheOpenApiDocumentWithASummary() {
        JsonNode paths = body(http.getForEntity("/v3/api-docs", String.class)).path("paths");
        for (String path : List.of("/api/tasks/{taskId}/supervision", "/api/tasks/{taskId}/problems",
                "/api/tasks/{taskId}/problems/{problemId}", "/api/tasks/{taskId}/problems/{problemId}/answer",
                "/api/tasks/{taskId}/problems/{problemId}/close", "/api/problems", "/api/tasks/{taskId}/practices",
                "/api/practices/{practiceId}/publish", "/api/practices", "/api/practices/{practiceId}",
                "/api/views/municipal/export", "/api/views/county/{unitCode}/export")) {
            assertThat(paths.has(path)).as(path).isTrue();
            paths.path(path).fields().forEachRemaining(operation ->
                    assertThat(operation.getValue().path("summary").asText()).as(path + " " + operation.getKey()).isNotBlank());
        }
        assertThat(paths.path("/api/tasks/{taskId}/supervision").has("post")).isTrue();
        assertThat(paths.path("/api/tasks/{taskId}/supervision").has("get")).isTrue();
    }

    @Test
    void aTextHoldingNulIsRefusedAndOneAlreadyStoredDoesNotStopTheViews() throws Exception {
        String plan = newPlanId();
        String task = plan + "-05";
        assign(task, 5, 2, COMMITTEE, List.of(MISHAN));
        ResponseEntity<String> refused = post("/api/tasks/" + task + "/problems", TestTokens.county(MISHAN.code()),
                Map.of("category", "经费不足", "text", "经费\u0000不足。"));
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(body(refused))).containsExactly("text");
        assertThat(post("/api/tasks/" + task + "/supervision", SUPERVISOR, Map.of("findings", "进度\u0000滞后。"))
                .getStatusCode().value()).isEqualTo(400);
        assertThat(storedEventsOfType("ProblemRaisedEvent", task)).isZero();

        // an event stored with one before the platform refused it: the views drop the NUL and go on
        String problemId = org.plantracker.progress.problem.ProblemKey.problemId(task, "经费不足");
        eventStore.publish(new org.axonframework.eventhandling.GenericDomainEventMessage<>("Problem", problemId, 0,
                new org.plantracker.progress.api.ProblemRaisedEvent(problemId, task, plan, 5, "任务5", MISHAN,
                        "经费\u0000不足。", false, "经费不足")));
        assertThat(post("/api/tasks/" + task + "/supervision", SUPERVISOR, Map.of("findings", "进度滞后。"))
                .getStatusCode().value()).isEqualTo(201);
        JsonNode problems = await("/api/tasks/" + task + "/problems", SUPERVISOR, list -> list.size() == 1);
        assertThat(problems.get(0).path("text").asText()).isEqualTo("经费不足。");
        await("/api/tasks/" + task + "/supervision", SUPERVISOR, list -> list.size() == 1);
    }

    /** Every row of a sheet as the text of its cells (numbers without a fraction), blank cells as "". */
    static List<List<String>> cells(org.apache.poi.ss.usermodel.Sheet sheet) {
        org.apache.poi.ss.usermodel.DataFormatter format = new org.apache.poi.ss.usermodel.DataFormatter();
        List<List<String>> rows = new ArrayList<>();
        int width = sheet.getRow(0).getLastCellNum();
        for (org.apache.poi.ss.usermodel.Row row : sheet) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                cells.add(format.formatCellValue(row.getCell(c)));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** The row of a section sheet for this task and unit. */
    static List<String> ledgerRow(List<List<String>> rows, String taskNumber, String unitName) {
        return rows.stream().filter(row -> row.get(0).equals(taskNumber) && row.get(3).equals(unitName)).findFirst()
                .orElseThrow(() -> new AssertionError("no row of task " + taskNumber + " and " + unitName + " in " + rows));
    }

    /** The row of a summary sheet whose first cell is this. */
    static List<String> ledgerRow(List<List<String>> rows, String first) {
        return rows.stream().filter(row -> row.get(0).equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + first + " in " + rows));
    }

    // --- task-service's events, as it publishes them ---------------------------------------------

    static String newPlanId() {
        return "it" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Assigns the task as task-service would, and waits until the views know it. */
    void assign(String taskId, int number, int section, UnitRef lead, List<UnitRef> responsible) throws Exception {
        assign(taskId, number, section, "第" + section + "部分", "任务" + number, lead, responsible);
    }

    void assign(String taskId, int number, int section, String sectionTitle, String title, UnitRef lead,
                List<UnitRef> responsible) throws Exception {
        String planId = taskId.substring(0, taskId.lastIndexOf('-'));
        TaskAssignedEvent event = new TaskAssignedEvent(taskId, planId, number, section, sectionTitle,
                title, lead, responsible, List.of(), null, List.of());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TaskTopics.TASK_EVENTS, taskId,
                json.writeValueAsBytes(event));
        Map<String, String> headers = new HashMap<>();
        headers.put(EventHeaders.EVENT_ID, UUID.randomUUID().toString());
        headers.put(EventHeaders.EVENT_TYPE, TaskAssignedEvent.class.getSimpleName());
        headers.put(EventHeaders.AGGREGATE_ID, taskId);
        headers.put(EventHeaders.AGGREGATE_SEQUENCE, "1");
        headers.put(EventHeaders.OCCURRED_AT, Instant.now().toString());
        headers.put(EventHeaders.CORRELATION_ID, "task-" + UUID.randomUUID());
        headers.put(EventHeaders.ACTOR_USER, COMMITTEE.code());
        headers.put(EventHeaders.ACTOR_UNIT, COMMITTEE.code());
        headers.put(EventHeaders.CLIENT, "http");
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        kafka.send(record).get();
        int units = 1 + (int) responsible.stream().filter(u -> !u.code().equals(lead.code())).count();
        Await.until(() -> jdbc.queryForObject("SELECT count(*) FROM task_share_view WHERE task_id = ?", Integer.class,
                taskId) == units, TIMEOUT, "the shares of " + taskId);
    }

    // --- HTTP and reading answers --------------------------------------------------------------------

    JsonNode await(String path, String token, Predicate<JsonNode> ready) {
        JsonNode[] last = new JsonNode[1];
        Await.until(() -> {
            ResponseEntity<String> response = get(path, token);
            if (response.getStatusCode().value() != 200) {
                return false;
            }
            last[0] = body(response);
            return ready.test(last[0]);
        }, TIMEOUT, path);
        return last[0];
    }

    ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    ResponseEntity<byte[]> getBytes(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
    }

    ResponseEntity<String> post(String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    JsonNode body(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + response.getBody(), e);
        }
    }

    static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    int storedEventsOfType(String simpleType, String taskId) {
        // matched as text: a payload holding an escaped NUL cannot be read as json text in PostgreSQL
        return jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE payloadtype LIKE ?
                AND position(? IN convert_from(payload, 'UTF8')) > 0""", Integer.class, "%." + simpleType,
                "\"taskId\":\"" + taskId + "\"");
    }
}
