package org.plantracker.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.plantracker.notification.support.KafkaEvents;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.progress.api.GoodPracticePublishedEvent;
import org.plantracker.progress.api.ProblemAnsweredEvent;
import org.plantracker.progress.api.ProblemFlaggedGeneralEvent;
import org.plantracker.progress.api.ProblemRaisedEvent;
import org.plantracker.progress.api.ProgressTopics;
import org.plantracker.progress.api.SupervisionRecordedEvent;
import org.plantracker.progress.api.TaskSummaryReturnedEvent;
import org.plantracker.progress.api.TaskSummarySubmittedEvent;
import org.plantracker.progress.api.UrgeReadEvent;
import org.plantracker.task.api.AcknowledgementRequestedEvent;
import org.plantracker.task.api.ExtensionDecidedEvent;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.TaskKind;
import org.plantracker.task.api.TaskScheduledEvent;
import org.plantracker.task.api.TaskTopics;
import org.plantracker.task.api.UnitRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plantracker.notification.support.Fixtures.COMMITTEE;
import static org.plantracker.notification.support.Fixtures.EDUCATION;
import static org.plantracker.notification.support.Fixtures.HULIN;
import static org.plantracker.notification.support.Fixtures.MISHAN;
import static org.plantracker.notification.support.Fixtures.PROPAGANDA;
import static org.plantracker.notification.support.Fixtures.assignment;
import static org.plantracker.notification.support.Fixtures.newPlanId;
import static org.plantracker.notification.support.Fixtures.overdue;
import static org.plantracker.notification.support.Fixtures.plan;
import static org.plantracker.notification.support.Fixtures.urge;

/**
 * Who hears of which event, through the real broker and database: the rules of
 * NotificationRules for the events a task's life and its progress produce, with the plan named by
 * its title and the city committee found from the units registry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "plan-tracker.messaging.retry-interval=100ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class NotificationRoutingIntegrationTest {

    static final String PLAN_TITLE = "鸡西市关心下一代工作委员会责任分工方案";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "notification_routing");
    }

    @Autowired TestRestTemplate http;
    @Autowired ObjectMapper json;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Value("${spring.kafka.consumer.group-id}") String consumerGroup;

    KafkaEvents kafka;
    String planId;
    String task7;
    String task8;

    @BeforeAll
    void start() throws Exception {
        kafka = new KafkaEvents(TestInfrastructure.kafkaBootstrapServers(), json);
        planId = newPlanId();
        task7 = planId + "-07";
        task8 = planId + "-08";
        // the import on its partition is handled before the tasks on theirs, as when task-service imports a plan
        kafka.registerUnitsAndPlan(consumerGroup, planId, PLAN_TITLE, List.of(COMMITTEE, PROPAGANDA, EDUCATION, MISHAN, HULIN));
        kafka.publish(TaskTopics.TASK_EVENTS, task7, 1, "corr-assign-7",
                assignment(task7, planId, PROPAGANDA, List.of(PROPAGANDA, MISHAN, HULIN)));
        kafka.publish(TaskTopics.TASK_EVENTS, task8, 1, "corr-assign-8",
                assignment(task8, planId, EDUCATION, List.of(EDUCATION, HULIN)));
        kafka.awaitAllConsumed(consumerGroup);
    }

    @AfterAll
    void stop() {
        kafka.close();
    }

    @Test
    void aScheduleReachesEveryUnitOfTheTaskNamingThePlanByItsTitle() throws Exception {
        kafka.publish(TaskTopics.TASK_EVENTS, task7, 2, "corr-schedule",
                new TaskScheduledEvent(task7, planId, 7, TaskKind.LONG_TERM, null, ReportingCycle.QUARTERLY, null));
        kafka.awaitAllConsumed(consumerGroup);
        for (UnitRef unit : List.of(PROPAGANDA, MISHAN, HULIN)) {
            JsonNode n = only(unit, "TASK_SCHEDULED");
            assertThat(n.path("body").asText()).contains("长期任务", "每季度报送进展", "所属方案：" + PLAN_TITLE);
            assertThat(n.path("planTitle").asText()).isEqualTo(PLAN_TITLE);
        }
        assertThat(of(EDUCATION, "TASK_SCHEDULED")).isEmpty();
        // the assignment, which came after the plan's import, named the plan by its title too
        assertThat(only(MISHAN, "TASK_ASSIGNED", task7).path("body").asText()).contains("所属方案：" + PLAN_TITLE);
    }

    @Test
    void unitsNewToATaskAreAskedToAcknowledgeItAndAReassignmentSaysWhy() throws Exception {
        String task9 = planId + "-09";
        kafka.publish(TaskTopics.TASK_EVENTS, task9, 1, "corr-assign-9",
                assignment(task9, planId, EDUCATION, List.of(EDUCATION, MISHAN)));
        kafka.publish(TaskTopics.TASK_EVENTS, task9, 2, "corr-ack-9", new AcknowledgementRequestedEvent(task9, planId, 9,
                "深化青少年法治教育", List.of(EDUCATION, MISHAN), LocalDate.of(2022, 4, 10)));
        kafka.publish(TaskTopics.TASK_EVENTS, task9, 3, "corr-reassign-9", new TaskAssignedEvent(task9, planId, 9, 4,
                "加强青少年法治教育和权益保护", "深化青少年法治教育", EDUCATION, List.of(EDUCATION, HULIN), List.of(),
                EDUCATION, List.of(EDUCATION, MISHAN), "密山市已另行承担第10项任务。"));
        kafka.awaitAllConsumed(consumerGroup);
        for (UnitRef unit : List.of(EDUCATION, MISHAN)) {
            JsonNode ask = only(unit, "ACKNOWLEDGEMENT_REQUESTED", task9);
            assertThat(ask.path("body").asText()).contains("请在2022-04-10前签收任务9");
        }
        assertThat(only(MISHAN, "TASK_UNASSIGNED", task9).path("body").asText()).contains("调整理由：密山市已另行承担第10项任务。");
        assertThat(only(HULIN, "TASK_ASSIGNED", task9).path("body").asText()).contains("调整理由");
    }

    @Test
    void aLateReportReachesTheUnitItsLeadUnitAndTheCityCommitteeOnce() throws Exception {
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, task8 + ":" + HULIN.code(), 1, "corr-late",
                overdue(task8, planId, HULIN, EDUCATION));
        kafka.awaitAllConsumed(consumerGroup);
        for (UnitRef unit : List.of(HULIN, EDUCATION, COMMITTEE)) {
            JsonNode n = only(unit, "REPORT_OVERDUE");
            assertThat(n.path("severity").asText()).isEqualTo("RED");
            assertThat(n.path("taskId").asText()).isEqualTo(task8);
            assertThat(n.path("correlationId").asText()).isEqualTo("corr-late");
        }
        assertThat(of(MISHAN, "REPORT_OVERDUE")).isEmpty();
    }

    @Test
    void anUrgeReachesTheUrgedUnitAndItsReadReceiptTheUrgingUnit() throws Exception {
        var urged = urge(task7, planId, MISHAN, PROPAGANDA);
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, task7 + ":" + MISHAN.code(), 5, "corr-urge", urged);
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, task7 + ":" + MISHAN.code(), 6, "corr-urge-read",
                new UrgeReadEvent(urged.urgeId(), urged.shareId(), task7, MISHAN.code()));
        kafka.awaitAllConsumed(consumerGroup);
        assertThat(only(MISHAN, "URGED").path("body").asText()).contains("市委宣传部催办密山市关工委", "请于本周内报送");
        assertThat(only(PROPAGANDA, "URGE_READ").path("title").asText()).isEqualTo("密山市关工委已阅催办");
    }

    @Test
    void aReadReceiptOfAnUrgeOnATaskNeverSeenHereIsHandledQuietly() throws Exception {
        String unknownTask = newPlanId() + "-19";
        KafkaEvents.Published receipt = kafka.publish(ProgressTopics.PROGRESS_EVENTS, unknownTask + ":" + MISHAN.code(), 1,
                "corr-unknown", new UrgeReadEvent("urge-never-seen", unknownTask + ":" + MISHAN.code(), unknownTask,
                        MISHAN.code()));
        kafka.awaitAllConsumed(consumerGroup);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class,
                receipt.eventId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification WHERE event_id = ?", Integer.class,
                receipt.eventId())).isZero();
    }

    @Test
    void supervisionOfTheWholeTaskReachesEveryUnitOfIt() throws Exception {
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, "supervision-1", 1, "corr-supervise",
                new SupervisionRecordedEvent("rec-1", task8, planId, 8, "深化青少年法治教育", null, EDUCATION,
                        "部分学校未建立台账。", "请于月底前补齐。"));
        kafka.awaitAllConsumed(consumerGroup);
        for (UnitRef unit : List.of(EDUCATION, HULIN)) {
            assertThat(only(unit, "SUPERVISION_RECORDED").path("body").asText()).contains("部分学校未建立台账");
        }
        assertThat(of(MISHAN, "SUPERVISION_RECORDED")).isEmpty();
    }

    @Test
    void problemsGoToTheLeadUnitGeneralOnesToTheCityCommitteeAndAnswersToEveryRaiser() throws Exception {
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, "problem-1", 1, "corr-raise",
                new ProblemRaisedEvent("problem-1", task7, planId, 7, "深化青少年法治教育", MISHAN, "农村学校师资不足。", false,
                        "农村学校师资不足"));
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, "problem-1", 2, "corr-general",
                new ProblemFlaggedGeneralEvent("problem-1", task7, planId, 7, "深化青少年法治教育", "农村学校师资不足。",
                        List.of(MISHAN.code(), HULIN.code(), "jixi-jidong")));
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, "problem-1", 3, "corr-answer",
                new ProblemAnsweredEvent("problem-1", task7, planId, 7, "深化青少年法治教育", List.of(MISHAN, HULIN),
                        COMMITTEE, "已协调市教育局统筹解决。", false));
        kafka.awaitAllConsumed(consumerGroup);
        assertThat(only(PROPAGANDA, "PROBLEM_RAISED").path("body").asText()).contains("农村学校师资不足");
        assertThat(only(COMMITTEE, "PROBLEM_FLAGGED_GENERAL").path("title").asText()).contains("3个县级关工委");
        for (UnitRef unit : List.of(MISHAN, HULIN)) {
            assertThat(only(unit, "PROBLEM_ANSWERED").path("body").asText()).contains("已协调市教育局统筹解决");
        }
    }

    @Test
    void aPublishedGoodPracticeReachesEveryUnitOfThePlan() throws Exception {
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, "practice-1", 1, "corr-practice",
                new GoodPracticePublishedEvent("practice-1", task7, planId, 7, "深化青少年法治教育", MISHAN, "“五老”进校园"));
        kafka.awaitAllConsumed(consumerGroup);
        for (UnitRef unit : List.of(PROPAGANDA, EDUCATION, MISHAN, HULIN)) {
            assertThat(only(unit, "GOOD_PRACTICE_PUBLISHED").path("title").asText()).isEqualTo("经验推广：“五老”进校园");
        }
    }

    @Test
    void summariesGoToTheCityCommitteeAndTheirReturnBackToTheLeadUnitAsRed() throws Exception {
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, "summary-1", 1, "corr-summary",
                new TaskSummarySubmittedEvent("summary-1", task8, planId, 8, "深化青少年法治教育", "2022", EDUCATION, "全年总结"));
        kafka.publish(ProgressTopics.PROGRESS_EVENTS, "summary-1", 2, "corr-summary-back",
                new TaskSummaryReturnedEvent("summary-1", task8, planId, 8, "2022", EDUCATION, "缺少数据支撑。"));
        kafka.awaitAllConsumed(consumerGroup);
        assertThat(only(COMMITTEE, "SUMMARY_SUBMITTED").path("title").asText()).contains("市教育局");
        JsonNode back = only(EDUCATION, "SUMMARY_RETURNED");
        assertThat(back.path("severity").asText()).isEqualTo("RED");
        assertThat(back.path("body").asText()).contains("缺少数据支撑", "深化青少年法治教育");
    }

    @Test
    void aGrantedExtensionReachesEveryUnitOfTheTaskARefusedOneOnlyTheRequester() throws Exception {
        kafka.publish(TaskTopics.TASK_EVENTS, task8, 5, "corr-ext", new ExtensionDecidedEvent(task8, planId, 8, "ext-1",
                HULIN, true, LocalDate.of(2023, 3, 31), 1, "同意"));
        kafka.publish(TaskTopics.TASK_EVENTS, task7, 5, "corr-ext-no", new ExtensionDecidedEvent(task7, planId, 7, "ext-2",
                MISHAN, false, null, 0, "理由不充分"));
        kafka.awaitAllConsumed(consumerGroup);
        assertThat(only(EDUCATION, "EXTENSION_DECIDED").path("body").asText()).contains("2023-03-31");
        assertThat(only(HULIN, "EXTENSION_DECIDED").path("taskId").asText()).isEqualTo(task8);
        assertThat(only(MISHAN, "EXTENSION_DECIDED").path("title").asText()).contains("未批准");
        assertThat(of(PROPAGANDA, "EXTENSION_DECIDED")).isEmpty();
    }

    @Test
    void everyOperationIsInTheOpenApiDocumentWithASummary() {
        JsonNode paths = http.getForObject("/v3/api-docs", JsonNode.class).path("paths");
        java.util.Map<String, List<String>> expected = java.util.Map.ofEntries(
                java.util.Map.entry("/api/notifications", List.of("get")),
                java.util.Map.entry("/api/notifications/stream", List.of("get")),
                java.util.Map.entry("/api/notifications/unread-count", List.of("get")),
                java.util.Map.entry("/api/notifications/read-all", List.of("post")),
                java.util.Map.entry("/api/notifications/{id}/read", List.of("post")),
                java.util.Map.entry("/api/notifications/{id}/archive", List.of("post")),
                java.util.Map.entry("/api/notifications/{id}/unarchive", List.of("post")),
                java.util.Map.entry("/api/notifications/types", List.of("get")),
                java.util.Map.entry("/api/notifications/preferences", List.of("get", "put")),
                java.util.Map.entry("/api/subscriptions", List.of("get", "post")),
                java.util.Map.entry("/api/subscriptions/event-types", List.of("get")),
                java.util.Map.entry("/api/subscriptions/{id}", List.of("get", "delete")),
                java.util.Map.entry("/api/subscriptions/{id}/secret/rotate", List.of("post")),
                java.util.Map.entry("/api/subscriptions/{id}/enable", List.of("post")),
                java.util.Map.entry("/api/subscriptions/{id}/deliveries", List.of("get")),
                java.util.Map.entry("/api/subscriptions/{id}/deliveries/{deliveryId}", List.of("get")),
                java.util.Map.entry("/api/subscriptions/{id}/deliveries/{deliveryId}/redeliver", List.of("post")));
        expected.forEach((path, methods) -> methods.forEach(method ->
                assertThat(paths.path(path).path(method).path("summary").asText()).as(method + " " + path).isNotBlank()));
        java.util.Set<String> served = new java.util.TreeSet<>();
        paths.fieldNames().forEachRemaining(path -> {
            if (path.startsWith("/api/notifications") || path.startsWith("/api/subscriptions")) {
                served.add(path);
            }
        });
        assertThat(served).as("nothing undocumented here").isEqualTo(new java.util.TreeSet<>(expected.keySet()));
    }

    // ---- helpers ----

    List<JsonNode> of(UnitRef unit, String type) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, TestTokens.bearer(unit.code()));
        JsonNode body = http.exchange("/api/notifications?limit=200&type=" + type, HttpMethod.GET,
                new HttpEntity<>(headers), JsonNode.class).getBody();
        List<JsonNode> found = new ArrayList<>();
        body.forEach(n -> {
            if (planId.equals(n.path("planId").asText())) {
                found.add(n);
            }
        });
        return found;
    }

    JsonNode only(UnitRef unit, String type, String taskId) {
        List<JsonNode> found = of(unit, type).stream().filter(n -> taskId.equals(n.path("taskId").asText())).toList();
        assertThat(found).as("%s notifications of %s about %s", type, unit.code(), taskId).hasSize(1);
        return found.get(0);
    }

    JsonNode only(UnitRef unit, String type) {
        List<JsonNode> found = of(unit, type);
        assertThat(found).as("%s notifications of %s", type, unit.code()).hasSize(1);
        return found.get(0);
    }
}
