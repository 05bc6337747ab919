package org.plantracker.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's story, end to end through the gateway: one long-term task of the Jixi plan, led by a city
 * department and shared by the county committees, through its whole life.
 * <ol>
 *   <li>The city committee schedules it quarterly; 密山市关工委 reports on the first quarter, the lead unit
 *       returns the report with a reason, the county resubmits and the lead unit accepts.</li>
 *   <li>Time passes: progress-service is restarted with its clock past the second quarter's due date
 *       ({@code plan-tracker.clock.offset}, test stacks only), its persistent deadlines fire, and the county,
 *       which did not report, is found late and urged automatically (a notification too); its light is RED,
 *       stays RED after a late report, and turns GREEN only once that report is accepted.</li>
 *   <li>Three county committees raise the same problem: it is flagged general for the city committee.</li>
 *   <li>Closing: refused before the lead unit's summary is accepted; once it is, the city committee closes
 *       the task, and its shares take no more reports.</li>
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanLifeEndToEndTest {

    private static final String MISHAN = "jixi-mishan";
    private static final List<String> COUNTIES = List.of(MISHAN, "jixi-hulin", "jixi-jidong");
    /** plan-tracker.progress.report-grace-days, the default the stack runs with. */
    private static final int GRACE_DAYS = 5;
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @TempDir
    static Path work;
    /** Stopped after the last test (processes, broker, database) by JUnit. */
    @AutoClose
    private static DevStack stack;
    private static Gateway gateway;
    private static String planId;
    private static String taskId;
    private static String leadUnit;
    private static String firstPeriod;
    private static String secondPeriod;
    private static LocalDate secondDue;
    private static final Map<String, String> tokens = new HashMap<>();

    @BeforeAll
    static void startTheStackAndChooseTheTask() throws Exception {
        stack = DevStack.startOnFreePorts(RepoRoot.path(), work, "life", true);
        gateway = new Gateway(stack);
        planId = stack.importResult().path("planId").asText();
        String city = token(DevStack.CITY_COMMITTEE);
        Map<String, String> kinds = new HashMap<>();
        for (JsonNode unit : gateway.get("/api/units", city).body()) {
            kinds.put(unit.path("code").asText(), unit.path("kind").asText());
        }
        // a task led by a city department (so the lead unit and the city committee are two callers)
        // in which the three counties have a share
        for (JsonNode task : gateway.get("/api/tasks?planId=" + planId + "&unit=" + MISHAN, city).body()) {
            String lead = task.path("leadUnit").path("code").asText();
            Set<String> responsible = new java.util.HashSet<>();
            task.path("responsibleUnits").forEach(u -> responsible.add(u.path("code").asText()));
            if ("CITY_DEPARTMENT".equals(kinds.get(lead)) && responsible.containsAll(COUNTIES)) {
                taskId = task.path("taskId").asText();
                leadUnit = lead;
                break;
            }
        }
        assertThat(taskId).as("a task led by a city department and shared by %s", COUNTIES).isNotNull();
        System.out.printf("[plan-life] task %s led by %s%n", taskId, leadUnit);
    }

    @Test
    @Order(1)
    void theCityCommitteeSchedulesTheTaskQuarterlyAndTheCountiesLearnTheirFirstDueDate() throws Exception {
        String city = token(DevStack.CITY_COMMITTEE);
        assertThat(gateway.call("PUT", "/api/tasks/" + taskId + "/schedule", token(leadUnit),
                Map.of("kind", "LONG_TERM", "reportingCycle", "QUARTERLY")).status())
                .as("only the city committee schedules").isEqualTo(403);
        Gateway.Answer scheduled = gateway.call("PUT", "/api/tasks/" + taskId + "/schedule", city,
                Map.of("kind", "LONG_TERM", "reportingCycle", "QUARTERLY"));
        assertThat(scheduled.status()).as(scheduled.body().toString()).isEqualTo(200);
        assertThat(gateway.get("/api/tasks/" + taskId, city).body().path("reportingCycle").asText()).isEqualTo("QUARTERLY");

        JsonNode row = awaitRow(MISHAN, r -> !r.path("nextReport").isMissingNode() && !r.path("nextReport").isNull());
        firstPeriod = row.path("nextReport").path("period").asText();
        LocalDate firstDue = LocalDate.parse(row.path("nextReport").path("dueDate").asText());
        LocalDate secondStart = firstDue.minusDays(GRACE_DAYS).plusDays(1);
        secondPeriod = secondStart.getYear() + "-Q" + ((secondStart.getMonthValue() - 1) / 3 + 1);
        secondDue = secondStart.plusMonths(3).minusDays(1).plusDays(GRACE_DAYS);
        assertThat(firstPeriod).matches("\\d{4}-Q[1-4]").isNotEqualTo(secondPeriod);
        assertThat(row.path("schedule").path("reportingCycle").asText()).isEqualTo("QUARTERLY");
        assertThat(row.path("urges").path("received").asInt()).isZero();
    }

    @Test
    @Order(2)
    void firstCycleTheLeadUnitReturnsTheReportWithAReasonAndAcceptsTheResubmission() throws Exception {
        String mishan = token(MISHAN);
        String lead = token(leadUnit);
        Gateway.Answer first = gateway.post("/api/tasks/" + taskId + "/reports", mishan, Map.of("period", firstPeriod,
                "status", "ON_TRACK", "narrative", "密山市组织“五老”宣讲8场。"));
        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        String firstId = first.body().path("reportId").asText();
        awaitReport(firstId, lead);

        assertThat(gateway.post("/api/reports/" + firstId + "/review", token(COUNTIES.get(1)),
                Map.of("decision", "ACCEPT")).status()).as("another county does not review").isEqualTo(403);
        Gateway.Answer returned = gateway.post("/api/reports/" + firstId + "/review", lead,
                Map.of("decision", "RETURN", "comment", "请补充宣讲覆盖人数"));
        assertThat(returned.status()).as(returned.body().toString()).isEqualTo(200);
        awaitRow(MISHAN, r -> "RED".equals(r.path("light").asText())
                && "RETURNED".equals(r.path("lastReport").path("reviewState").asText()));
        gateway.awaitItem("/api/notifications", mishan, body -> body, n -> "REPORT_RETURNED".equals(n.path("type").asText())
                && taskId.equals(n.path("taskId").asText()) && n.path("body").asText().contains("请补充宣讲覆盖人数"),
                Duration.ofSeconds(60));

        Gateway.Answer again = gateway.post("/api/tasks/" + taskId + "/reports", mishan, Map.of("period", firstPeriod,
                "status", "ON_TRACK", "narrative", "密山市组织“五老”宣讲8场，覆盖学生2400人。"));
        assertThat(again.status()).as(again.body().toString()).isEqualTo(201);
        String secondId = again.body().path("reportId").asText();
        assertThat(awaitReport(secondId, lead).path("version").asInt()).isEqualTo(2);
        assertThat(gateway.post("/api/reports/" + secondId + "/review", lead, Map.of("decision", "ACCEPT")).status())
                .isEqualTo(200);
        awaitRow(MISHAN, r -> "ACCEPTED".equals(r.path("lastReport").path("reviewState").asText())
                && "GREEN".equals(r.path("light").asText()));
        assertThat(gateway.get("/api/reports/" + firstId, mishan).body().path("reviewState").asText()).isEqualTo("RETURNED");
    }

    @Test
    @Order(3)
    void secondCycleTheCountyIsLateAndUrgedAutomaticallyOnceTimeHasPassed() throws Exception {
        // the second quarter's report is due on secondDue: progress-service wakes up two days after it
        long days = ChronoUnit.DAYS.between(LocalDate.now(BEIJING), secondDue) + 2;
        stack.restartWith("progress-service", Map.of("spring.profiles.active", "dev",
                "plan-tracker.clock.offset", "P" + days + "D"));

        String mishan = token(MISHAN);
        // the deadlines of the first quarter, then those of the second, fire one after the other
        JsonNode urge = gateway.awaitItem("/api/views/county/" + MISHAN + "?planId=" + planId, mishan,
                body -> body.path("urges"), u -> taskId.equals(u.path("taskId").asText())
                        && secondPeriod.equals(u.path("period").asText()), Duration.ofSeconds(240));
        assertThat(urge.path("automatic").asBoolean()).isTrue();
        assertThat(urge.path("issuedBy").isNull() || urge.path("issuedBy").isMissingNode()).isTrue();
        assertThat(urge.path("message").asText()).contains(secondPeriod);
        JsonNode row = awaitRow(MISHAN, r -> "RED".equals(r.path("light").asText()) && r.path("lateness").path("open").asInt() == 1);
        assertThat(row.path("lateness").path("lastPeriod").asText()).isEqualTo(secondPeriod);
        JsonNode notice = gateway.awaitItem("/api/notifications", mishan, body -> body,
                n -> "URGED".equals(n.path("type").asText()) && taskId.equals(n.path("taskId").asText())
                        && n.path("title").asText().contains(secondPeriod), Duration.ofSeconds(60));
        assertThat(notice.path("body").asText()).contains("系统自动");
        // the first quarter was reported in time: no urge for it
        assertThat(gateway.get("/api/views/county/" + MISHAN + "?planId=" + planId, mishan).body().path("urges").findValuesAsText("period"))
                .doesNotContain(firstPeriod);
        gateway.awaitItem("/api/views/municipal?planId=" + planId, token(DevStack.CITY_COMMITTEE), body -> body.path("overdue"),
                o -> taskId.equals(o.path("taskId").asText()) && MISHAN.equals(o.path("unit").path("code").asText())
                        && secondPeriod.equals(o.path("period").asText()), Duration.ofSeconds(60));

        // the county reads the urge and reports late: still RED until the lead unit accepts the report
        assertThat(gateway.post("/api/urges/" + urge.path("urgeId").asText() + "/read", mishan, Map.of()).status()).isEqualTo(200);
        Gateway.Answer late = gateway.post("/api/tasks/" + taskId + "/reports", mishan, Map.of("period", secondPeriod,
                "status", "ON_TRACK", "narrative", "密山市补报：二季度开展“十小明星”评选。"));
        assertThat(late.status()).as(late.body().toString()).isEqualTo(201);
        String lateId = late.body().path("reportId").asText();
        awaitReport(lateId, token(leadUnit));
        assertThat(awaitRow(MISHAN, r -> lateId.equals(r.path("lastReport").path("reportId").asText())).path("light").asText())
                .as("a late cell does not turn green on a mere submission").isEqualTo("RED");
        assertThat(gateway.post("/api/reports/" + lateId + "/review", token(leadUnit), Map.of("decision", "ACCEPT")).status())
                .isEqualTo(200);
        awaitRow(MISHAN, r -> "GREEN".equals(r.path("light").asText()) && r.path("lateness").path("open").asInt() == 0);
    }

    @Test
    @Order(4)
    void threeCountiesRaiseTheSameProblemAndItIsFlaggedGeneral() throws Exception {
        String problemId = null;
        for (String county : COUNTIES) {
            Gateway.Answer raised = gateway.post("/api/tasks/" + taskId + "/problems", token(county),
                    Map.of("category", "农村学校宣讲场地不足", "text", county + "：农村学校缺少宣讲场地。"));
            assertThat(raised.status()).as(raised.body().toString()).isEqualTo(201);
            problemId = raised.body().path("problemId").asText();
        }
        String id = problemId;
        JsonNode general = gateway.awaitItem("/api/problems?planId=" + planId + "&general=true", token(DevStack.CITY_COMMITTEE),
                body -> body, p -> id.equals(p.path("problemId").asText()), Duration.ofSeconds(60));
        assertThat(general.path("countyCount").asInt()).isEqualTo(3);
        assertThat(general.path("general").asBoolean()).isTrue();
    }

    @Test
    @Order(5)
    void theCityCommitteeClosesTheTaskOnceTheLeadUnitsSummaryIsAccepted() throws Exception {
        String city = token(DevStack.CITY_COMMITTEE);
        String lead = token(leadUnit);
        assertThat(gateway.post("/api/tasks/" + taskId + "/close", city, Map.of("comment", "任务完成")).status())
                .as("no accepted summary yet").isEqualTo(409);
        Gateway.Answer summary = gateway.post("/api/tasks/" + taskId + "/summaries", lead,
                Map.of("period", secondPeriod, "text", "两个季度开展宣讲16场，覆盖学生4800人。"));
        assertThat(summary.status()).as(summary.body().toString()).isEqualTo(201);
        String summaryId = summary.body().path("summaryId").asText();
        gateway.awaitItem("/api/tasks/" + taskId + "/summaries", city, body -> body,
                s -> summaryId.equals(s.path("summaryId").asText()), Duration.ofSeconds(60));
        assertThat(gateway.post("/api/summaries/" + summaryId + "/review", lead, Map.of("decision", "ACCEPT")).status())
                .as("only the city committee reviews a summary").isEqualTo(403);
        assertThat(gateway.post("/api/summaries/" + summaryId + "/review", city, Map.of("decision", "ACCEPT")).status())
                .isEqualTo(200);

        // task-service learns of the accepted summary from progress-service a moment later
        Gateway.Answer closed = gateway.awaitStatus("POST", "/api/tasks/" + taskId + "/close", city,
                Map.of("comment", "任务完成"), 200);
        assertThat(closed.status()).as(closed.body().toString()).isEqualTo(200);
        JsonNode task = gateway.get("/api/tasks/" + taskId, city).body();
        assertThat(task.path("status").asText()).isEqualTo("CLOSED");
        assertThat(task.path("acceptedSummary").path("summaryId").asText()).isEqualTo(summaryId);
        awaitRow(MISHAN, r -> r.path("taskClosed").asBoolean());
        Gateway.Answer afterClosing = gateway.post("/api/tasks/" + taskId + "/reports", token(MISHAN),
                Map.of("period", secondPeriod.replaceAll("Q\\d", "Q4"), "status", "ON_TRACK", "narrative", "办结后的报告"));
        assertThat(afterClosing.status()).as(afterClosing.body().toString()).isEqualTo(409);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static String token(String unit) throws Exception {
        String token = tokens.get(unit);
        if (token == null) {
            token = stack.login(unit);
            tokens.put(unit, token);
        }
        return token;
    }

    /** The county's row for the task, once it matches. */
    private static JsonNode awaitRow(String county, Predicate<JsonNode> match) throws Exception {
        return gateway.awaitItem("/api/views/county/" + county + "?planId=" + planId, token(county), body -> body.path("rows"),
                r -> taskId.equals(r.path("taskId").asText()) && match.test(r), Duration.ofSeconds(60));
    }

    /** A report, once the views have it. */
    private static JsonNode awaitReport(String reportId, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Gateway.Answer answer = gateway.get("/api/reports/" + reportId, token);
        while (answer.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(300);
            answer = gateway.get("/api/reports/" + reportId, token);
        }
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body();
    }
}
