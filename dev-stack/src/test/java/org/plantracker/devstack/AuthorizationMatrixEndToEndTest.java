package org.plantracker.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization matrix (issue 16), through the real gateway on a stack of its own: the main
 * state-changing operations of the product, each sent by every kind of caller — the city committee
 * (SUPERVISOR), a task's lead unit (a city department), another responsible unit of the task, a county
 * committee assigned to it, a county committee the task does not concern, and an anonymous caller —
 * acting on their own share and on another unit's. Each answer's status is asserted against who may do
 * what in docs/api.md, and for every refusal no event may be stored under the request's correlation id
 * in any service's event store.
 *
 * <p>Also: every operation the OpenAPI documents describe answers 401 without a token, except login,
 * refresh, logout, the public documents (health, API docs, JWKS) and the evidence download by signed link;
 * and each document declares the bearer JWT scheme and requires it on exactly those operations that need a token.
 */
class AuthorizationMatrixEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> SERVICES = List.of("task-service", "progress-service", "notification-service");
    private static final String COUNTY = "jixi-mishan";
    private static final String CITY = "city committee";
    private static final String LEAD = "lead unit";
    private static final String RESPONSIBLE = "responsible unit";
    private static final String ASSIGNED_COUNTY = "assigned county";
    private static final String OTHER_COUNTY = "county not concerned";
    private static final String ANONYMOUS = "anonymous";

    @TempDir
    static Path work;
    private static DevStack stack;
    private static String planId;
    private static String taskId;
    private static String leadUnit;
    private static String responsibleUnit;
    private static String otherCounty;
    private static String unassignedDepartment;
    /** Callers with no share in the task: refused (403), or told there is no such share (404). */
    private static final List<String> withoutAShare = new ArrayList<>(List.of("county not concerned"));
    private static final Map<String, String> tokens = new LinkedHashMap<>();
    private static final String runId = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger sequence = new AtomicInteger();

    private final List<String> table = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final List<String> accepted = new ArrayList<>();

    @BeforeAll
    static void startTheStackAndFindTheCallers() throws Exception {
        stack = DevStack.startOnFreePorts(RepoRoot.path(), work, "authz", true);
        planId = stack.importResult().path("planId").asText();
        String city = stack.login(DevStack.CITY_COMMITTEE);
        tokens.put(CITY, city);
        Map<String, String> kinds = new LinkedHashMap<>();
        for (JsonNode unit : get(city, "/api/units")) {
            kinds.put(unit.path("code").asText(), unit.path("kind").asText());
        }
        // a task the county committee shares, led by a city department, with another responsible unit
        JsonNode chosen = null;
        for (JsonNode task : get(city, "/api/tasks?planId=" + planId + "&unit=" + COUNTY)) {
            String lead = task.path("leadUnit").path("code").asText();
            if (!"CITY_DEPARTMENT".equals(kinds.get(lead))) {
                continue;
            }
            String other = null;
            for (JsonNode unit : task.path("responsibleUnits")) {
                String code = unit.path("code").asText();
                if (other == null && !code.equals(COUNTY) && !code.equals(lead)
                        && Set.of("CITY_DEPARTMENT", "COUNTY_COMMITTEE").contains(kinds.get(code))) {
                    other = code;
                }
            }
            if (other != null) {
                chosen = task;
                taskId = task.path("taskId").asText();
                leadUnit = lead;
                responsibleUnit = other;
                break;
            }
        }
        assertThat(taskId).as("a task of %s led by a city department, with another responsible unit", COUNTY).isNotNull();
        Set<String> assigned = new HashSet<>();
        List<String> responsible = new ArrayList<>();
        assigned.add(leadUnit);
        for (JsonNode unit : chosen.path("responsibleUnits")) {
            assigned.add(unit.path("code").asText());
            responsible.add(unit.path("code").asText());
        }
        otherCounty = kinds.entrySet().stream()
                .filter(unit -> unit.getValue().equals("COUNTY_COMMITTEE") && !assigned.contains(unit.getKey()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (otherCounty == null) {
            // the plan gives county tasks to every county: the city committee takes one county off this task
            otherCounty = responsible.stream()
                    .filter(code -> "COUNTY_COMMITTEE".equals(kinds.get(code)) && !code.equals(COUNTY) && !code.equals(responsibleUnit))
                    .findFirst().orElseThrow();
            responsible.remove(otherCounty);
            HttpResponse<String> reassigned = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/tasks/" + taskId + "/assignment"))
                    .header("Authorization", "Bearer " + city).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json(Map.of("leadUnit", leadUnit, "responsibleUnits", responsible,
                            "reason", "授权矩阵测试：" + otherCounty + "不承担此任务")), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(reassigned.statusCode()).as(reassigned.body()).isEqualTo(200);
            // progress-service withdraws the county's share a moment later
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (get(city, "/api/views/county/" + otherCounty + "?planId=" + planId).toString().contains(taskId)) {
                assertThat(System.nanoTime()).as("%s's share of %s withdrawn", otherCounty, taskId).isLessThan(deadline);
                Thread.sleep(200);
            }
        }
        unassignedDepartment = kinds.entrySet().stream()
                .filter(unit -> unit.getValue().equals("CITY_DEPARTMENT") && !assigned.contains(unit.getKey()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        if (!assigned.contains(DevStack.CITY_COMMITTEE)) {
            withoutAShare.add(CITY);
        }
        tokens.put(LEAD, stack.login(leadUnit));
        tokens.put(RESPONSIBLE, stack.login(responsibleUnit));
        tokens.put(ASSIGNED_COUNTY, stack.login(COUNTY));
        tokens.put(OTHER_COUNTY, stack.login(otherCounty));
        tokens.put(ANONYMOUS, null);
        System.out.printf("[authz] task %s: lead %s, responsible %s, county %s, not concerned %s%n",
                taskId, leadUnit, responsibleUnit, COUNTY, otherCounty);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyCallerMayDoWhatTheContractSaysAndNoRefusalChangesAnything() throws Exception {
        String t = "/api/tasks/" + taskId;

        // ---- the schedule (city committee), so that extensions can be asked for later
        String schedule = json(Map.of("kind", "NEAR_TERM", "dueDate", LocalDate.now().plusMonths(6).toString(),
                "reportingCycle", "QUARTERLY"));
        refusedTo("task schedule", "PUT", t + "/schedule", schedule, ANONYMOUS, LEAD, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        expect("task schedule", CITY, "PUT", t + "/schedule", schedule, 200);

        // ---- targets and milestones (the lead unit only, not even the city committee)
        String target = json(Map.of("description", "宣讲覆盖全市中小学"));
        refusedTo("target add", "POST", t + "/targets", target, ANONYMOUS, CITY, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        String targetId = expect("target add", LEAD, "POST", t + "/targets", target, 201).path("targetId").asText();
        refusedTo("target revise", "PUT", t + "/targets/" + targetId, target, ANONYMOUS, CITY, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        refusedTo("target remove", "DELETE", t + "/targets/" + targetId + "?reason=x", null, ANONYMOUS, CITY, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        String milestone = json(Map.of("title", "完成宣讲团组建", "dueDate", LocalDate.now().plusMonths(2).toString()));
        refusedTo("milestone add", "POST", t + "/milestones", milestone, ANONYMOUS, CITY, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        expect("milestone add", LEAD, "POST", t + "/milestones", milestone, 201);

        // ---- reports: an assigned unit, for itself
        String report = json(Map.of("period", "2022-Q2", "status", "ON_TRACK", "narrative", "按计划推进。"));
        refusedTo("report submit", "POST", t + "/reports", report, ANONYMOUS);
        withoutAShare("report submit", "POST", t + "/reports", report);
        String countyReport = expect("report submit (own share)", ASSIGNED_COUNTY, "POST", t + "/reports", report, 201)
                .path("reportId").asText();
        String leadReport = expect("report submit (own share)", LEAD, "POST", t + "/reports", report, 201)
                .path("reportId").asText();
        awaitReadable(LEAD, "/api/reports/" + countyReport);
        awaitReadable(CITY, "/api/reports/" + leadReport);

        // ---- evidence: the report's own unit only
        String reportFiles = "/api/reports/" + countyReport + "/attachments";
        refusedToUpload("attachment upload (another unit's report)", reportFiles, ANONYMOUS, LEAD, RESPONSIBLE, OTHER_COUNTY, CITY);
        String attachmentId = upload("attachment upload (own report)", reportFiles, ASSIGNED_COUNTY, 201)
                .path("attachments").get(0).path("attachmentId").asText();
        // a short-lived download link: whoever may read the report; the link itself needs no token
        refusedTo("attachment link (a report it may not read)", "POST", "/api/attachments/" + attachmentId + "/link", null,
                ANONYMOUS, RESPONSIBLE, OTHER_COUNTY);
        String link = expect("attachment link", LEAD, "POST", "/api/attachments/" + attachmentId + "/link", null, 200)
                .path("url").asText();
        check("attachment download by link (no token)", ANONYMOUS, send("GET", link, null, null, ANONYMOUS), Set.of(200));
        check("attachment download by a forged link", ANONYMOUS,
                send("GET", link.substring(0, link.length() - 3) + "AAA", null, null, ANONYMOUS), Set.of(403));
        // erasure of a person's data: the city committee alone; then the file is gone (410) for whoever may read it
        String erasure = json(Map.of("reason", "授权矩阵测试：当事人申请删除"));
        String erase = "/api/attachments/" + attachmentId + "/erasure";
        refusedTo("attachment erasure", "POST", erase, erasure, ANONYMOUS, LEAD, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        expect("attachment erasure", CITY, "POST", erase, erasure, 200);
        check("attachment download (erased)", ASSIGNED_COUNTY,
                send("GET", "/api/attachments/" + attachmentId, null, null, ASSIGNED_COUNTY), Set.of(410));
        check("attachment download by link (erased)", ANONYMOUS, send("GET", link, null, null, ANONYMOUS), Set.of(410));

        // ---- review: the lead unit reviews a responsible unit's report; nobody reviews itself
        String accept = json(Map.of("decision", "ACCEPT"));
        refusedTo("review (another unit's report)", "POST", "/api/reports/" + countyReport + "/review", accept,
                ANONYMOUS, ASSIGNED_COUNTY, RESPONSIBLE, OTHER_COUNTY);
        expect("review (a responsible unit's report)", LEAD, "POST", "/api/reports/" + countyReport + "/review", accept, 200);
        refusedTo("review (own report)", "POST", "/api/reports/" + leadReport + "/review", accept,
                LEAD, ASSIGNED_COUNTY, RESPONSIBLE, OTHER_COUNTY);
        expect("review (the lead unit's report)", CITY, "POST", "/api/reports/" + leadReport + "/review", accept, 200);

        // ---- urges: the city committee or the lead unit; never the unit itself
        String urge = json(Map.of("period", "2022-Q3", "message", "请于本周内报送进展"));
        String urgeCounty = t + "/units/" + COUNTY + "/urges";
        refusedTo("urge", "POST", urgeCounty, urge, ANONYMOUS, ASSIGNED_COUNTY, RESPONSIBLE, OTHER_COUNTY);
        String urgeId = expect("urge", LEAD, "POST", urgeCounty, urge, 201).path("urgeId").asText();
        expect("urge", CITY, "POST", urgeCounty, urge, 201);
        expect("urge (a unit without a share)", CITY, "POST", t + "/units/" + unassignedDepartment + "/urges", urge, 404);
        awaitReadable(ASSIGNED_COUNTY, "/api/urges/" + urgeId);
        refusedTo("urge read receipt (another unit's urge)", "POST", "/api/urges/" + urgeId + "/read", null, ANONYMOUS);
        for (String caller : List.of(CITY, LEAD, RESPONSIBLE, OTHER_COUNTY)) {
            check("urge read receipt (another unit's urge)", caller,
                    send("POST", "/api/urges/" + urgeId + "/read", null, null, caller), Set.of(403, 404));
        }
        expect("urge read receipt (own urge)", ASSIGNED_COUNTY, "POST", "/api/urges/" + urgeId + "/read", null, 200);

        // ---- supervision: the city committee
        String supervision = json(Map.of("unitCode", COUNTY, "findings", "密山市进度滞后。"));
        refusedTo("supervision record", "POST", t + "/supervision", supervision, ANONYMOUS, LEAD, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        String recordId = expect("supervision record", CITY, "POST", t + "/supervision", supervision, 201)
                .path("recordId").asText();
        String recordFiles = t + "/supervision/" + recordId + "/attachments";
        awaitReadable(CITY, recordFiles);
        refusedToUpload("attachment upload (supervision record)", recordFiles, ANONYMOUS, LEAD, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        upload("attachment upload (supervision record)", recordFiles, CITY, 201);

        // ---- problems: raised by an assigned unit for itself, answered by the lead unit or the city committee, closed by the city committee
        String problem = json(Map.of("category", "农村学校师资不足-" + runId, "text", "密山市农村学校缺少专职教师。"));
        refusedTo("problem raise", "POST", t + "/problems", problem, ANONYMOUS);
        withoutAShare("problem raise", "POST", t + "/problems", problem);
        String problemId = expect("problem raise (own share)", ASSIGNED_COUNTY, "POST", t + "/problems", problem, 201)
                .path("problemId").asText();
        awaitReadable(CITY, t + "/problems/" + problemId);
        String answer = json(Map.of("answer", "已协调市教育局。"));
        refusedTo("problem answer", "POST", t + "/problems/" + problemId + "/answer", answer,
                ANONYMOUS, ASSIGNED_COUNTY, RESPONSIBLE, OTHER_COUNTY);
        refusedTo("problem answer with escalation", "POST", t + "/problems/" + problemId + "/answer",
                json(Map.of("answer", "上报。", "escalate", true)), LEAD);
        expect("problem answer", LEAD, "POST", t + "/problems/" + problemId + "/answer", answer, 200);
        String close = json(Map.of("comment", "已解决"));
        awaitState(CITY, t + "/problems/" + problemId, "ANSWERED");
        String answerFiles = t + "/problems/" + problemId + "/answer/attachments";
        refusedToUpload("attachment upload (another unit's answer)", answerFiles, ANONYMOUS, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        upload("attachment upload (own answer)", answerFiles, LEAD, 201);
        refusedTo("problem close", "POST", t + "/problems/" + problemId + "/close", close,
                ANONYMOUS, LEAD, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        expect("problem close", CITY, "POST", t + "/problems/" + problemId + "/close", close, 200);

        // ---- good practices: submitted by an assigned unit for itself, published by the city committee
        String practice = json(Map.of("title", "“五老”进校园", "text", "组织“五老”每月进校园宣讲。"));
        refusedTo("good practice submit", "POST", t + "/practices", practice, ANONYMOUS);
        withoutAShare("good practice submit", "POST", t + "/practices", practice);
        String practiceId = expect("good practice submit (own share)", ASSIGNED_COUNTY, "POST", t + "/practices", practice, 201)
                .path("practiceId").asText();
        awaitReadable(CITY, "/api/practices/" + practiceId);
        refusedTo("good practice read before publishing", "GET", "/api/practices/" + practiceId, null, ANONYMOUS);
        for (String caller : List.of(LEAD, RESPONSIBLE, OTHER_COUNTY)) {
            check("good practice read before publishing (another unit's)", caller,
                    send("GET", "/api/practices/" + practiceId, null, null, caller), Set.of(404));
        }
        String practiceFiles = "/api/practices/" + practiceId + "/attachments";
        refusedToUpload("attachment upload (another unit's practice)", practiceFiles, ANONYMOUS, LEAD, RESPONSIBLE, OTHER_COUNTY, CITY);
        upload("attachment upload (own practice)", practiceFiles, ASSIGNED_COUNTY, 201);
        refusedTo("good practice publish", "POST", "/api/practices/" + practiceId + "/publish", null,
                ANONYMOUS, LEAD, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        expect("good practice publish", CITY, "POST", "/api/practices/" + practiceId + "/publish", null, 200);

        // ---- extension requests: an assigned unit for itself; the city committee decides
        String extension = json(Map.of("requestedDueDate", LocalDate.now().plusMonths(9).toString(), "reason", "暑期无法组织活动"));
        refusedTo("extension request", "POST", t + "/extension-requests", extension, ANONYMOUS);
        withoutAShare("extension request", "POST", t + "/extension-requests", extension);
        String requestId = expect("extension request (own share)", ASSIGNED_COUNTY, "POST", t + "/extension-requests", extension, 201)
                .path("requestId").asText();
        String decision = json(Map.of("decision", "APPROVE", "comment", "同意延期"));
        refusedTo("extension decide", "POST", t + "/extension-requests/" + requestId + "/decision", decision,
                ANONYMOUS, LEAD, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        expect("extension decide", CITY, "POST", t + "/extension-requests/" + requestId + "/decision", decision, 200);

        // ---- closing and reopening: the city committee (which is told 409 here: no accepted summary yet)
        refusedTo("task close", "POST", t + "/close", json(Map.of("comment", "完成")), ANONYMOUS, LEAD, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        expect("task close (no accepted summary)", CITY, "POST", t + "/close", json(Map.of("comment", "完成")), 409);
        refusedTo("task reopen", "POST", t + "/reopen", json(Map.of("reason", "整改")), ANONYMOUS, LEAD, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        expect("task reopen (an open task)", CITY, "POST", t + "/reopen", json(Map.of("reason", "整改")), 409);

        // ---- plan import and preview: the city committee
        String plan = "鸡西市某工作责任分工\n一、测试\n1.测试任务。（牵头单位：市委宣传部）\n";
        for (String path : List.of("/api/plans/import", "/api/plans/preview")) {
            for (String caller : List.of(ANONYMOUS, LEAD, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY)) {
                Outcome outcome = send("POST", path, "text/plain; charset=UTF-8", plan.getBytes(StandardCharsets.UTF_8), caller);
                check(path, caller, outcome, Set.of(ANONYMOUS.equals(caller) ? 401 : 403));
            }
        }

        // ---- webhook subscriptions: a unit subscribes for itself; another county's events are refused
        String ownFilter = json(Map.of("url", "http://127.0.0.1:9/hook", "filter", Map.of("counties", List.of(COUNTY))));
        String otherFilter = json(Map.of("url", "http://127.0.0.1:9/hook", "filter", Map.of("counties", List.of(otherCounty))));
        refusedTo("subscribe (another county's events)", "POST", "/api/subscriptions", otherFilter, ANONYMOUS, ASSIGNED_COUNTY);
        String subscriptionId = expect("subscribe (own county)", ASSIGNED_COUNTY, "POST", "/api/subscriptions", ownFilter, 201)
                .path("subscriptionId").asText();
        String s = "/api/subscriptions/" + subscriptionId;
        for (String[] op : List.of(new String[]{"GET", s}, new String[]{"POST", s + "/secret/rotate"},
                new String[]{"POST", s + "/enable"}, new String[]{"GET", s + "/deliveries"}, new String[]{"DELETE", s})) {
            for (String caller : List.of(ANONYMOUS, LEAD, OTHER_COUNTY)) {
                check("subscription " + op[0] + " …" + op[1].substring(s.length()) + " (another unit's)", caller,
                        send(op[0], op[1], null, null, caller), ANONYMOUS.equals(caller) ? Set.of(401) : Set.of(403, 404));
            }
        }
        expect("subscription read (own)", ASSIGNED_COUNTY, "GET", s, null, 200);
        expect("subscription delete (own)", ASSIGNED_COUNTY, "DELETE", s, null, 204);

        // ---- audit: the city committee reads all; a unit its own shares only
        refusedTo("audit of another unit", "GET", "/api/audit/units/" + COUNTY, null, ANONYMOUS, LEAD, RESPONSIBLE, OTHER_COUNTY);
        expect("audit of own unit", ASSIGNED_COUNTY, "GET", "/api/audit/units/" + COUNTY, null, 200);
        expect("audit of a unit", CITY, "GET", "/api/audit/units/" + COUNTY, null, 200);
        refusedTo("audit of another unit's user", "GET", "/api/audit/users/" + COUNTY, null, ANONYMOUS, LEAD, OTHER_COUNTY);
        expect("audit of oneself", ASSIGNED_COUNTY, "GET", "/api/audit/users/" + COUNTY, null, 200);
        expect("audit of a task", CITY, "GET", "/api/audit/tasks/" + taskId, null, 200);
        refusedTo("audit of a task", "GET", "/api/audit/tasks/" + taskId, null, ANONYMOUS);
        refusedTo("audit checkpoint", "POST", "/api/audit/checkpoints?service=progress-service", null,
                ANONYMOUS, LEAD, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        refusedTo("audit export", "GET", "/api/audit/export?service=progress-service&from=1&limit=10", null,
                ANONYMOUS, LEAD, RESPONSIBLE, ASSIGNED_COUNTY, OTHER_COUNTY);
        expect("audit export", CITY, "GET", "/api/audit/export?service=progress-service&from=1&limit=10", null, 200);

        System.out.println("[authz] operation × caller → status\n" + String.join("\n", table));
        assertThat(failures).as("answers that differ from who may do what (docs/api.md)").isEmpty();
        assertThat(refused).as("refusals sent").hasSizeGreaterThan(100);
        assertThat(eventsStoredUnder(accepted)).as("the check below finds what a request stored").isNotEmpty();
        assertThat(eventsStoredUnder(refused)).as("events stored by refused requests").isEmpty();
    }

    @Test
    void everyOperationOfTheOpenApiDocumentsAnswers401WithoutATokenAndSaysSo() throws Exception {
        List<String> open = new ArrayList<>();
        List<String> undeclared = new ArrayList<>();
        List<String> correlationIds = new ArrayList<>();
        int sent = 0;
        for (String[] document : List.of(new String[]{"gateway", "/v3/api-docs"}, new String[]{SERVICES.get(0), "/v3/api-docs/task-service"},
                new String[]{SERVICES.get(1), "/v3/api-docs/progress-service"}, new String[]{SERVICES.get(2), "/v3/api-docs/notification-service"})) {
            JsonNode doc = get(tokens.get(CITY), document[1]);
            JsonNode scheme = doc.path("components").path("securitySchemes").path("bearer");
            if (!"http".equals(scheme.path("type").asText()) || !"bearer".equals(scheme.path("scheme").asText())
                    || !"JWT".equals(scheme.path("bearerFormat").asText())) {
                undeclared.add(document[0] + " declares no bearer JWT scheme: " + doc.path("components").path("securitySchemes"));
            }
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                    Map.Entry<String, JsonNode> operation = methods.next();
                    String method = operation.getKey().toUpperCase();
                    if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                        continue;
                    }
                    // the operation's own security, else the document's: the bearer scheme on all but the public ones
                    JsonNode security = operation.getValue().has("security") ? operation.getValue().path("security") : doc.path("security");
                    boolean bearer = security.isArray() && security.size() > 0 && security.get(0).has("bearer");
                    if (bearer == isPublic(path.getKey())) {
                        undeclared.add(document[0] + ": " + method + " " + path.getKey() + (bearer ? " requires" : " does not require")
                                + " the bearer scheme in the document");
                    }
                    if (isPublic(path.getKey())) {
                        continue;
                    }
                    String uri = path.getKey().replaceAll("\\{[^}]+}", "x" + runId);
                    Outcome outcome = send(method, uri, "application/json",
                            Set.of("GET", "DELETE").contains(method) ? null : "{}".getBytes(StandardCharsets.UTF_8), ANONYMOUS);
                    sent++;
                    correlationIds.add(outcome.correlationId());
                    if (outcome.status() != 401) {
                        open.add(document[0] + ": " + method + " " + path.getKey() + " → " + outcome.status());
                    }
                }
            }
        }
        System.out.printf("[authz] %d operations sent without a token%n", sent);
        assertThat(sent).as("the documents list the operations").isGreaterThan(40);
        assertThat(open).as("operations that answer without a token").isEmpty();
        assertThat(undeclared).as("the documents' security schemes, applied to every operation but the public ones").isEmpty();
        assertThat(eventsStoredUnder(correlationIds)).as("events stored by requests without a token").isEmpty();
    }

    /**
     * Login, refresh, logout, the public documents, the JWKS and the evidence download by signed link (the
     * link is its permission; a made-up one is 403, in the matrix above): the only operations without a token.
     */
    private static boolean isPublic(String path) {
        return Set.of("/api/auth/login", "/api/auth/refresh", "/api/auth/logout", "/.well-known/jwks.json",
                        "/api/attachments/links/{token}").contains(path)
                || path.startsWith("/actuator") || path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui");
    }

    // ---- the matrix

    private void refusedTo(String operation, String method, String uri, String body, String... callers) throws Exception {
        for (String caller : callers) {
            Outcome outcome = send(method, uri, body == null ? null : "application/json",
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8), caller);
            check(operation, caller, outcome, Set.of(ANONYMOUS.equals(caller) ? 401 : 403));
        }
    }

    private void withoutAShare(String operation, String method, String uri, String body) throws Exception {
        for (String caller : withoutAShare) {
            check(operation + " (no share)", caller, send(method, uri, "application/json", body.getBytes(StandardCharsets.UTF_8), caller),
                    Set.of(403, 404));
        }
    }

    private JsonNode expect(String operation, String caller, String method, String uri, String body, int status) throws Exception {
        Outcome outcome = send(method, uri, body == null ? null : "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), caller);
        check(operation, caller, outcome, Set.of(status));
        if (status < 300 && outcome.status() != status) {
            throw new AssertionError("the matrix cannot go on: " + failures.get(failures.size() - 1)
                    + "\nso far:\n" + String.join("\n", table) + "\nfailures so far:\n" + String.join("\n", failures));
        }
        return outcome.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(outcome.body());
    }

    private void check(String operation, String caller, Outcome outcome, Set<Integer> expected) {
        String row = String.format("%-50s %-22s %s (expected %s)", operation, caller, outcome.status(), expected);
        table.add(row);
        if (!expected.contains(outcome.status())) {
            failures.add(row + " " + abbreviate(outcome.body()));
        }
        if (outcome.status() >= 400) {
            refused.add(outcome.correlationId());
        } else {
            accepted.add(outcome.correlationId());
        }
    }

    private void refusedToUpload(String operation, String path, String... callers) throws Exception {
        for (String caller : callers) {
            upload(operation, path, caller, ANONYMOUS.equals(caller) ? 401 : 403);
        }
    }

    /** One photo to the attachments path of a report, a supervision record, a problem's answer or a good practice. */
    private JsonNode upload(String operation, String path, String caller, int status) throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        String boundary = "authz" + runId;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"photo.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(png.toByteArray());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Outcome outcome = send("POST", path, "multipart/form-data; boundary=" + boundary, body.toByteArray(), caller);
        check(operation, caller, outcome, Set.of(status));
        return outcome.status() < 300 ? JSON.readTree(outcome.body()) : JSON.createObjectNode();
    }

    // ---- HTTP

    record Outcome(int status, String body, String correlationId) {
    }

    private static Outcome send(String method, String uri, String contentType, byte[] body, String caller) throws Exception {
        String correlationId = "authz-" + runId + "-" + sequence.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + uri))
                .timeout(Duration.ofSeconds(30))
                .header("X-Correlation-Id", correlationId)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        String token = tokens.get(caller);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Outcome(response.statusCode(), response.body(), correlationId);
    }

    private static JsonNode get(String token, String uri) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + uri))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Reads follow writes through the views within moments. */
    private static void awaitReadable(String caller, String uri) throws Exception {
        awaitState(caller, uri, null);
    }

    private static void awaitState(String caller, String uri, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Outcome outcome = send("GET", uri, null, null, caller);
            if (outcome.status() == 200 && (state == null || state.equals(JSON.readTree(outcome.body()).path("state").asText()))) {
                return;
            }
            assertThat(System.nanoTime()).as("%s readable by the %s (last %s)", uri, caller, outcome.status()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static String json(Object value) throws Exception {
        return JSON.writeValueAsString(value);
    }

    // ---- what is stored

    /** Events in any service's store whose metadata carries one of the given correlation ids. */
    private static List<String> eventsStoredUnder(List<String> correlationIds) throws Exception {
        return StoredEvents.under(stack, "authz-" + runId + "-", correlationIds);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
