package org.plantracker.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plantracker.platform.security.AccessTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plantracker.gateway.GatewayTestSupport.CORRELATION;
import static org.plantracker.gateway.GatewayTestSupport.assertProblem;
import static org.plantracker.gateway.GatewayTestSupport.bearer;

/**
 * The gateway in the dev profile with the three services stood in by real HTTP servers: demo
 * logins checked against task-service, /api/me, routing, correlation ids, token checks, API docs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
class GatewayDevProfileTest {

    static final StandInService TASK = StandInService.start("task-service");
    static final StandInService PROGRESS = StandInService.start("progress-service");
    static final StandInService NOTIFICATION = StandInService.start("notification-service");

    /** The stand-in task-service's unit registry: code → {name, kind}. */
    static final Map<String, String[]> UNITS = Map.of(
            "jixi-committee", new String[]{"市关工委", "CITY_COMMITTEE"},
            "jixi-mishan", new String[]{"密山市关工委", "COUNTY_COMMITTEE"},
            "jixi-education", new String[]{"市教育局", "CITY_DEPARTMENT"},
            "jixi-city-organs", new String[]{"市直关工委", "GROUP"});
    static final Pattern UNIT_PATH = Pattern.compile("/api/units/([^/?]+)");

    static {
        TASK.answer(request -> {
            Matcher unit = UNIT_PATH.matcher(request.pathAndQuery());
            if (unit.matches()) {
                if (unit.group(1).equals("jixi-broken")) {
                    return StandInService.Answer.json(500, "{}");
                }
                String[] known = UNITS.get(unit.group(1));
                return known == null
                        ? new StandInService.Answer(404, "application/problem+json", "{\"status\":404}")
                        : StandInService.Answer.json(200, "{\"code\":\"" + unit.group(1) + "\",\"name\":\"" + known[0]
                        + "\",\"kind\":\"" + known[1] + "\",\"aliases\":[],\"members\":[]}");
            }
            if (request.pathAndQuery().equals("/v3/api-docs")) {
                return StandInService.Answer.json(200, "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"task-service\"},"
                        + "\"servers\":[{\"url\":\"http://localhost:8081\"}],\"paths\":{\"/api/units\":{}}}");
            }
            return StandInService.Answer.json(200, "{\"service\":\"task-service\"}");
        });
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("plan-tracker.security.jwt-secret", () -> GatewayTestSupport.JWT_SECRET);
        registry.add("plan-tracker.services.task-url", TASK::url);
        registry.add("plan-tracker.services.progress-url", PROGRESS::url);
        registry.add("plan-tracker.services.notification-url", NOTIFICATION::url);
    }

    @AfterAll
    static void stopStandIns() {
        TASK.close();
        PROGRESS.close();
        NOTIFICATION.close();
    }

    @Autowired
    WebTestClient http;

    @Test
    void aDemoLoginChecksTheUnitWithTaskServiceAndCarriesUnitAndRolesInTheToken() {
        String correlationId = "login-" + UUID.randomUUID();
        Map<String, Object> answer = login("jixi-mishan", "demo12345", correlationId)
                .expectStatus().isOk()
                .expectHeader().valueEquals(CORRELATION, correlationId)
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult().getResponseBody();

        assertThat(answer).containsEntry("tokenType", "Bearer").containsEntry("expiresIn", 15 * 60)
                .containsEntry("refreshExpiresIn", 12 * 3600);
        assertThat((String) answer.get("refreshToken")).hasSizeGreaterThanOrEqualTo(43);
        Jwt token = GatewayTestSupport.decode((String) answer.get("accessToken"));
        assertThat(token.getSubject()).isEqualTo("jixi-mishan");
        assertThat(token.getClaimAsString(AccessTokens.CLAIM_UNIT)).isEqualTo("jixi-mishan");
        assertThat(token.getClaimAsString(AccessTokens.CLAIM_UNIT_NAME)).isEqualTo("密山市关工委");
        assertThat(token.getClaimAsStringList(AccessTokens.CLAIM_ROLES)).containsExactly("COUNTY_COMMITTEE");
        assertThat(token.getClaimAsString("iss")).isEqualTo(AccessTokens.ISSUER);

        // the lookup went to task-service with the gateway's own short-lived token and the request's correlation id
        StandInService.Received lookup = TASK.receivedOn("/api/units/jixi-mishan").get(0);
        assertThat(lookup.method()).isEqualTo("GET");
        assertThat(lookup.header(CORRELATION)).isEqualTo(correlationId);
        Jwt gatewayToken = GatewayTestSupport.decode(lookup.header("Authorization").substring("Bearer ".length()));
        assertThat(gatewayToken.getSubject()).isEqualTo("system:gateway");
        assertThat(gatewayToken.getClaimAsString(AccessTokens.CLAIM_UNIT)).isNull();
        assertThat(gatewayToken.getClaimAsStringList(AccessTokens.CLAIM_ROLES)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"jixi-committee, SUPERVISOR", "jixi-education, UNIT", "jixi-city-organs, UNIT"})
    void rolesFollowTheUnitKind(String unit, String role) {
        Jwt token = GatewayTestSupport.decode(loginToken(unit));
        assertThat(token.getClaimAsStringList(AccessTokens.CLAIM_ROLES)).containsExactly(role);
    }

    @Test
    void aWrongPasswordAndAnUnknownUnitGetTheSame401() {
        int lookupsBefore = TASK.receivedOn("/api/units/jixi-education").size();
        assertProblem(login("jixi-education", "demo54321", null), 401)
                .jsonPath("$.detail").isEqualTo("Wrong username or password.");
        assertThat(TASK.receivedOn("/api/units/jixi-education")).as("a wrong password never reaches task-service")
                .hasSize(lookupsBefore);

        assertProblem(login("jixi-nowhere", "demo12345", null), 401)
                .jsonPath("$.detail").isEqualTo("Wrong username or password.");
        assertThat(TASK.receivedOn("/api/units/jixi-nowhere")).hasSize(1);
    }

    @Test
    void missingLoginFieldsAre400NamingThem() {
        assertProblem(http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\" \"}").exchange(), 400)
                .jsonPath("$.errors[?(@.field == 'username')].message").isEqualTo("must not be blank")
                .jsonPath("$.errors[?(@.field == 'password')].message").isEqualTo("must not be blank");
        assertProblem(http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\": ").exchange(), 400);
    }

    @Test
    void whenTaskServiceCannotAnswerTheLookupLoginIs503() {
        assertProblem(login("jixi-broken", "demo12345", null), 503)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("task-service is unavailable"));
    }

    @Test
    void meDescribesTheCallerFromTheToken() {
        http.get().uri("/api/me").header("Authorization", "Bearer " + loginToken("jixi-committee"))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().exists(CORRELATION)
                .expectBody()
                .jsonPath("$.username").isEqualTo("jixi-committee")
                .jsonPath("$.unit.code").isEqualTo("jixi-committee")
                .jsonPath("$.unit.name").isEqualTo("市关工委")
                .jsonPath("$.roles").isEqualTo(List.of("SUPERVISOR"));
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({
            "/api/admin/task-service/dead-letters,                  task-service,         /api/admin/dead-letters",
            "/api/admin/progress-service/dead-letters?status=ALL,   progress-service,     /api/admin/dead-letters?status=ALL",
            "/api/admin/notification-service/dead-letters/7,        notification-service, /api/admin/dead-letters/7"})
    void eachServicesOperatorApiIsReachedUnderItsName(String path, String service, String servicePath) {
        String correlationId = "admin-" + UUID.randomUUID();
        http.get().uri(path)
                .header("Authorization", bearer("jixi-committee", "SUPERVISOR"))
                .header(CORRELATION, correlationId)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo(service);
        assertThat(receivedBy(service, correlationId).pathAndQuery()).isEqualTo(servicePath);
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "GET,    /api/tasks/p1-07/reports,               progress-service",
            "POST,   /api/tasks/p1-07/reports,               progress-service",
            "POST,   /api/tasks/p1-07/supervision,           progress-service",
            "GET,    /api/tasks/p1-07/supervision,           progress-service",
            "POST,   /api/tasks/p1-07/problems,              progress-service",
            "GET,    /api/tasks/p1-07/problems/pr-1,         progress-service",
            "POST,   /api/tasks/p1-07/problems/pr-1/answer,  progress-service",
            "POST,   /api/tasks/p1-07/problems/pr-1/close,   progress-service",
            "GET,    /api/problems?planId=p1,                progress-service",
            "POST,   /api/tasks/p1-07/practices,             progress-service",
            "POST,   /api/practices/gp-1/publish,            progress-service",
            "GET,    /api/practices?planId=p1,               progress-service",
            "GET,    /api/practices/gp-1,                    progress-service",
            "GET,    /api/tasks/p1-07/units/jixi-mishan/reports, progress-service",
            "POST,   /api/tasks/p1-07/units/jixi-mishan/urges, progress-service",
            "GET,    /api/reports/r-1,                       progress-service",
            "POST,   /api/reports/r-1/review,                progress-service",
            "POST,   /api/reports/r-1/attachments,           progress-service",
            "GET,    /api/reports/r-1/attachments,           progress-service",
            "GET,    /api/attachments/a-1,                   progress-service",
            "POST,   /api/attachments/a-1/link,              progress-service",
            "GET,    /api/attachments/links/t-1,             progress-service",
            "POST,   /api/tasks/p1-07/supervision/sr-1/attachments, progress-service",
            "GET,    /api/tasks/p1-07/supervision/sr-1/attachments, progress-service",
            "POST,   /api/tasks/p1-07/problems/pr-1/answer/attachments, progress-service",
            "POST,   /api/practices/gp-1/attachments,        progress-service",
            "GET,    /api/tasks/p1-07/evidence-package,      progress-service",
            "GET,    /api/urges/u-1,                         progress-service",
            "POST,   /api/urges/u-1/read,                    progress-service",
            "GET,    /api/views/lead/jixi-propaganda?planId=p1, progress-service",
            "POST,   /api/tasks/p1-07/summaries,             progress-service",
            "GET,    /api/tasks/p1-07/summaries,             progress-service",
            "POST,   /api/summaries/s-1/review,              progress-service",
            "GET,    /api/views/municipal?planId=p1,         progress-service",
            "GET,    /api/views/municipal/reports-per-month?planId=p1, progress-service",
            "GET,    /api/views/county/jixi-mishan?planId=p1, progress-service",
            "GET,    /api/views/municipal/export?planId=p1&format=csv, progress-service",
            "GET,    /api/views/county/jixi-mishan/export?planId=p1, progress-service",
            "GET,    /api/units,                             task-service",
            "GET,    /api/units?kind=GROUP,                  task-service",
            "POST,   /api/plans/import,                      task-service",
            "POST,   /api/plans/preview,                     task-service",
            "GET,    /api/plans/p1,                          task-service",
            "GET,    /api/tasks?planId=p1&unit=jixi-mishan,  task-service",
            "GET,    /api/tasks/p1-07,                       task-service",
            "PUT,    /api/tasks/p1-07/assignment,            task-service",
            "POST,   /api/tasks/p1-07/targets,               task-service",
            "DELETE, /api/tasks/p1-07/targets/T1?reason=x,   task-service",
            "PUT,    /api/tasks/p1-07/schedule,              task-service",
            "POST,   /api/tasks/p1-07/acknowledgement,       task-service",
            "POST,   /api/tasks/p1-07/extension-requests,    task-service",
            "POST,   /api/tasks/p1-07/close,                 task-service",
            "GET,    /api/notifications?unread=true,         notification-service",
            "POST,   /api/notifications/n-1/read,            notification-service",
            "GET,    /api/notifications/stream,              notification-service",
            "POST,   /api/subscriptions,                     notification-service",
            "DELETE, /api/subscriptions/s-1,                 notification-service"})
    void eachPathFamilyReachesItsService(String method, String path, String service) {
        String authorization = bearer("jixi-committee", "SUPERVISOR");
        String correlationId = "route-" + UUID.randomUUID();
        String body = "{\"narrative\":\"已完成“五老”宣讲团组建\"}";
        WebTestClient.RequestBodySpec request = http.method(HttpMethod.valueOf(method)).uri(path)
                .header("Authorization", authorization)
                .header(CORRELATION, correlationId);
        WebTestClient.ResponseSpec response = method.equals("GET") || method.equals("DELETE")
                ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange();

        response.expectStatus().isOk()
                .expectHeader().valueEquals(CORRELATION, correlationId)
                .expectBody().jsonPath("$.service").isEqualTo(service);

        StandInService.Received received = receivedBy(service, correlationId);
        assertThat(received.method()).isEqualTo(method);
        assertThat(received.pathAndQuery()).isEqualTo(path);
        assertThat(received.header("Authorization")).isEqualTo(authorization);
        if (!method.equals("GET") && !method.equals("DELETE")) {
            assertThat(received.body()).as("Chinese text passes unchanged").isEqualTo(body);
        }
        for (StandInService other : List.of(TASK, PROGRESS, NOTIFICATION)) {
            if (!other.name().equals(service)) {
                assertThat(other.received()).noneMatch(r -> correlationId.equals(r.header(CORRELATION)));
            }
        }
    }

    @Test
    void anEvidenceDownloadLinkPassesWithoutATokenAndNothingElseUnderAttachmentsDoes() {
        // the signed link is its own permission (progress-service checks it); the file itself and a link's issue need a token
        http.get().uri("/api/attachments/links/t-2").header(CORRELATION, "link-1").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.service").isEqualTo("progress-service");
        assertThat(PROGRESS.received()).anyMatch(r -> "link-1".equals(r.header(CORRELATION)));
        assertProblem(http.get().uri("/api/attachments/a-2").header(CORRELATION, "link-2").exchange(), 401);
        assertProblem(http.post().uri("/api/attachments/a-2/link").header(CORRELATION, "link-3").exchange(), 401);
        assertProblem(http.get().uri("/api/attachments/links/t-2/more").header(CORRELATION, "link-4").exchange(), 401);
        assertThat(PROGRESS.received()).noneMatch(r -> List.of("link-2", "link-3", "link-4").contains(r.header(CORRELATION)));
    }

    @Test
    void aCorrelationIdIsMadeWhenTheClientSendsNoneOrAnInsaneOne() {
        EntityExchangeResult<byte[]> none = http.get().uri("/api/units").header("Authorization", bearer("jixi-education", "UNIT"))
                .exchange().expectStatus().isOk().expectBody().returnResult();
        String made = none.getResponseHeaders().getFirst(CORRELATION);
        assertThat(made).isNotBlank();
        assertThat(TASK.received()).anyMatch(r -> made.equals(r.header(CORRELATION)));

        String insane = "x".repeat(129);
        String replaced = http.get().uri("/api/units").header("Authorization", bearer("jixi-education", "UNIT"))
                .header(CORRELATION, insane).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseHeaders().getFirst(CORRELATION);
        assertThat(replaced).isNotBlank().isNotEqualTo(insane);
        String injected = http.get().uri("/api/units").header("Authorization", bearer("jixi-education", "UNIT"))
                .header(CORRELATION, "a b\"c").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseHeaders().getFirst(CORRELATION);
        assertThat(injected).isNotEqualTo("a b\"c");
    }

    @Test
    void missingGarbageExpiredAndForeignTokensAre401ProblemsWithTheCorrelationId() {
        assertProblem(http.get().uri("/api/tasks").header(CORRELATION, "no-token-1").exchange(), 401)
                .jsonPath("$.status").isEqualTo(401);
        http.get().uri("/api/tasks").header(CORRELATION, "no-token-1").exchange()
                .expectHeader().valueEquals(CORRELATION, "no-token-1")
                .expectHeader().exists("WWW-Authenticate");

        for (String authorization : List.of("Bearer not.a.token", "Bearer %%%", "Basic dXNlcjpwYXNz",
                GatewayTestSupport.expired("jixi-education"), GatewayTestSupport.signedWithAnotherSecret("jixi-committee"))) {
            assertProblem(http.get().uri("/api/me").header("Authorization", authorization).exchange(), 401);
        }
        assertThat(TASK.received()).noneMatch(r -> "no-token-1".equals(r.header(CORRELATION)));
    }

    @Test
    void aPathNoRouteServesIs404Problem() {
        assertProblem(http.get().uri("/api/nothing-here").header("Authorization", bearer("jixi-education", "UNIT"))
                .header(CORRELATION, "nowhere-1").exchange(), 404);
        http.get().uri("/api/nothing-here").header("Authorization", bearer("jixi-education", "UNIT"))
                .header(CORRELATION, "nowhere-1").exchange()
                .expectHeader().valueEquals(CORRELATION, "nowhere-1");
    }

    @Test
    void apiDocsHealthAndTheStaticPageNeedNoToken() {
        http.get().uri("/v3/api-docs/task-service").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.info.title").isEqualTo("task-service")
                .jsonPath("$.servers[0].url").isEqualTo("/");
        assertThat(TASK.received()).anyMatch(r -> r.pathAndQuery().equals("/v3/api-docs"));

        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/auth/login'].post").exists()
                .jsonPath("$.paths['/api/me'].get").exists();
        http.get().uri("/v3/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.urls[?(@.name == 'progress-service')].url").isEqualTo("/v3/api-docs/progress-service");
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        // the web client (module web-client) is served at / without a token, its built files too
        String page = http.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<div id=\"app\"></div>", "责任分工方案落实跟踪");
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page);
        assertThat(script.find()).as("the page loads its script from /assets/: %s", page).isTrue();
        http.get().uri(script.group(1)).exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Type", type -> assertThat(type).contains("javascript"));
    }

    private WebTestClient.ResponseSpec login(String username, String password, String correlationId) {
        WebTestClient.RequestBodySpec request = http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON);
        if (correlationId != null) {
            request.header(CORRELATION, correlationId);
        }
        return request.bodyValue(Map.of("username", username, "password", password)).exchange();
    }

    private String loginToken(String unit) {
        return login(unit, "demo12345", null).expectStatus().isOk()
                .expectBody(IdentityToken.class).returnResult().getResponseBody().accessToken();
    }

    private static StandInService.Received receivedBy(String service, String correlationId) {
        StandInService standIn = switch (service) {
            case "task-service" -> TASK;
            case "progress-service" -> PROGRESS;
            default -> NOTIFICATION;
        };
        return standIn.received().stream()
                .filter(r -> correlationId.equals(r.header(CORRELATION)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(service + " did not receive the request " + correlationId));
    }

    record IdentityToken(String accessToken, String tokenType, long expiresIn) {
    }
}
