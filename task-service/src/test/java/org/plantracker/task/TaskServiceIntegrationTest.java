package org.plantracker.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.plantracker.platform.messaging.EventHeaders;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.task.api.TaskCreatedEvent;
import org.plantracker.task.api.TaskTopics;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRegisteredEvent;
import org.plantracker.task.config.RegionRegistrar;
import org.plantracker.task.importing.PlanDocument;
import org.plantracker.task.query.ProjectionCatchUp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * task-service end to end on real PostgreSQL and a real Kafka broker: the units registry at start,
 * the import of the Jixi plan over HTTP, the read models, assignment with If-Match, the actor
 * metadata on every stored event, and the events on Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class TaskServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String COMMITTEE = TestTokens.supervisor("jixi-committee");
    private static final String IMPORT_CORRELATION = "import-" + UUID.randomUUID();
    private static final String ASSIGN_CORRELATION = "assign-" + UUID.randomUUID();

    private static String planId;
    private static String task7;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "task_service");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RegionRegistrar registrar;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProjectionCatchUp catchUp;

    @Test
    @Order(1)
    void theJixiUnitsAreRegisteredAtStartAndAgainHarmlessly() throws Exception {
        long events = storedEvents();
        assertThat(events).as("the catalogue's units").isEqualTo(32);

        JsonNode units = get("/api/units", TestTokens.county("jixi-mishan")).json();
        assertThat(units).hasSize(32);
        JsonNode mishan = get("/api/units/jixi-mishan", TestTokens.unit("gateway")).json();
        assertThat(mishan.path("name").asText()).isEqualTo("密山市关工委");
        assertThat(mishan.path("kind").asText()).isEqualTo("COUNTY_COMMITTEE");
        JsonNode counties = get("/api/units/jixi-counties", COMMITTEE).json();
        assertThat(counties.path("kind").asText()).isEqualTo("GROUP");
        assertThat(counties.path("members")).hasSize(9);
        JsonNode culture = get("/api/units/jixi-culture-tourism", COMMITTEE).json();
        assertThat(culture.path("aliases").toString()).contains("市文化广电和旅游局");
        Response missing = get("/api/units/jixi-nowhere", COMMITTEE);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("detail").asText()).contains("jixi-nowhere");
        assertThat(get("/api/units", null).status()).isEqualTo(401);

        // a restart registers the catalogue again: nothing new is written
        registrar.run(new DefaultApplicationArguments());
        assertThat(storedEvents()).isEqualTo(events);

        // a second instance creating the same registry at the same moment loses on the event
        // table's unique key and is told so (the registrar then retries and finds the registry)
        GenericDomainEventMessage<UnitRegisteredEvent> duplicate = new GenericDomainEventMessage<>("UnitRegistry",
                "jixi", 0, new UnitRegisteredEvent("jixi", "jixi-twin", "双胞胎", UnitKind.CITY_DEPARTMENT,
                List.of(), List.of()));
        assertThatThrownBy(() -> storage.appendEvents(duplicate)).isInstanceOf(AggregateStreamCreationException.class);
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    @Order(2)
    void theCityCommitteeImportsTheJixiPlanOnce() throws Exception {
        long before = storedEvents();
        String seed = seed();

        Response first = importPlan(seed, COMMITTEE, IMPORT_CORRELATION);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        planId = first.json().path("planId").asText();
        assertThat(planId).matches("plan-[0-9a-f]{12}");
        assertThat(first.headers().firstValue("Location")).hasValue("/api/plans/" + planId);
        assertThat(first.json().path("sections").asInt()).isEqualTo(14);
        assertThat(first.json().path("tasks").asInt()).isEqualTo(30);
        assertThat(first.json().path("units").asInt()).isEqualTo(30);
        assertThat(first.json().path("warnings").toString()).contains("task 6: 市文化广电和旅游局 read as 市文体广电和旅游局");
        assertThat(storedEvents()).as("the plan, and each task created, assigned and its units asked to acknowledge")
                .isEqualTo(before + 1 + 30 * 3);

        long afterFirst = storedEvents();
        Response again = importPlan(seed, COMMITTEE, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("planId").asText()).isEqualTo(planId);
        assertThat(again.json().path("tasks").asInt()).isEqualTo(30);
        assertThat(again.json().path("units").asInt()).isEqualTo(30);
        Response crlf = importPlan(seed.replace("\n", "\r\n"), COMMITTEE, null);
        assertThat(crlf.status()).isEqualTo(200);
        assertThat(crlf.json().path("planId").asText()).isEqualTo(planId);
        assertThat(storedEvents()).isEqualTo(afterFirst);
    }

    @Test
    @Order(3)
    void onlyTheCityCommitteeImports() throws Exception {
        long before = storedEvents();
        String other = seed().replace("第一个党支部旧址", "第一个党支部");

        Response unit = importPlan(other, TestTokens.unit("jixi-propaganda"), null);
        assertThat(unit.status()).isEqualTo(403);
        assertThat(unit.json().path("detail").asText()).contains("Only the city committee");
        assertThat(importPlan(other, TestTokens.county("jixi-mishan"), null).status()).isEqualTo(403);
        assertThat(importPlan(other, null, null).status()).isEqualTo(401);
        assertThat(importPlan(other, TestTokens.expired("jixi-committee"), null).status()).isEqualTo(401);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aBrokenDocumentIsRefusedNamingTheLineAndWritesNothing() throws Exception {
        long before = storedEvents();
        // task 3 introduces a new department (which would be registered), task 8 loses its lead unit
        List<String> lines = new ArrayList<>(seed().lines().toList());
        int task3 = indexOfLineStartingWith(lines, "3、");
        lines.set(task3, lines.get(task3).replace("责任单位:市教育局、", "责任单位:市科技局、市教育局、"));
        int task8 = indexOfLineStartingWith(lines, "8、");
        lines.set(task8, lines.get(task8).replace("牵头单位:市关工委。", ""));

        Response broken = importPlan(String.join("\n", lines), COMMITTEE, null);

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().path("type").asText()).endsWith("/bad-request");
        JsonNode error = broken.json().path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("line " + (task8 + 1));
        assertThat(error.path("message").asText()).contains("task 8 has no 牵头单位");
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM unit_view WHERE name = '市科技局'", Long.class)).isZero();

        Response empty = importPlan("   \n", COMMITTEE, null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void theReadModelsShowThePlanAndItsTasks() throws Exception {
        JsonNode plans = get("/api/plans", COMMITTEE).json();
        assertThat(plans).hasSize(1);
        assertThat(plans.get(0).path("taskCount").asInt()).isEqualTo(30);

        JsonNode plan = get("/api/plans/" + planId, COMMITTEE).json();
        assertThat(plan.path("title").asText()).startsWith("鸡西市贯彻落实《");
        assertThat(plan.path("sections")).hasSize(14);
        JsonNode fourth = plan.path("sections").get(3);
        assertThat(fourth.path("numeral").asText()).isEqualTo("四");
        assertThat(fourth.path("title").asText()).isEqualTo("加强青少年法治教育和权益保护");
        assertThat(fourth.path("tasks").findValues("number")).extracting(JsonNode::asInt).containsExactly(8, 9);
        assertThat(get("/api/plans/plan-000000000000", COMMITTEE).status()).isEqualTo(404);

        JsonNode mishan = get("/api/tasks?planId=" + planId + "&unit=jixi-mishan", TestTokens.county("jixi-mishan")).json();
        assertThat(mishan).as("密山市关工委 has a share in every task").hasSize(30);
        JsonNode justice = get("/api/tasks?planId=" + planId + "&unit=jixi-justice", COMMITTEE).json();
        assertThat(justice.findValues("number")).extracting(JsonNode::asInt).contains(8, 9);
        JsonNode sectionFour = get("/api/tasks?planId=" + planId + "&section=四", COMMITTEE).json();
        assertThat(sectionFour.findValues("number")).extracting(JsonNode::asInt).containsExactly(8, 9);
        assertThat(get("/api/tasks?section=4", COMMITTEE).json()).hasSize(2);
        assertThat(get("/api/tasks?section=x", COMMITTEE).status()).isEqualTo(400);

        task7 = planId + "-07";
        Response seventh = get("/api/tasks/" + task7, TestTokens.unit("jixi-propaganda"));
        assertThat(seventh.status()).isEqualTo(200);
        assertThat(seventh.headers().firstValue("ETag")).hasValue("\"2\"");
        JsonNode task = seventh.json();
        assertThat(task.path("taskId").asText()).isEqualTo(task7);
        assertThat(task.path("planId").asText()).isEqualTo(planId);
        assertThat(task.path("number").asInt()).isEqualTo(7);
        assertThat(task.path("section").path("ordinal").asInt()).isEqualTo(3);
        assertThat(task.path("section").path("numeral").asText()).isEqualTo("三");
        assertThat(task.path("section").path("title").asText()).isEqualTo("积极引导青少年培育和践行社会主义核心价值观");
        assertThat(task.path("title").asText()).startsWith("深入开展“扣好人生第一粒扣子”");
        assertThat(task.path("text").asText()).endsWith("打好全面发展的基础。");
        assertThat(task.path("leadUnit").path("code").asText()).isEqualTo("jixi-committee");
        assertThat(task.path("leadUnit").path("name").asText()).isEqualTo("市关工委");
        assertThat(task.path("responsibleUnits").findValues("name")).extracting(JsonNode::asText)
                .startsWith("市委宣传部", "市教育局", "团市委").contains("密山市关工委").hasSize(3 + 9);
        assertThat(task.has("kind") && task.get("kind").isNull()).isTrue();
        assertThat(task.has("dueDate") && task.get("dueDate").isNull()).isTrue();
        assertThat(task.has("reportingCycle") && task.get("reportingCycle").isNull()).isTrue();
        assertThat(task.path("targets").isArray() && task.path("targets").isEmpty()).isTrue();
        assertThat(task.path("milestones").isArray() && task.path("milestones").isEmpty()).isTrue();
        assertThat(task.path("status").asText()).isEqualTo("OPEN");
        assertThat(task.path("extensionsGranted").asInt()).isZero();
        assertThat(task.path("acknowledgements").findValues("code")).extracting(JsonNode::asText)
                .as("every responsible unit; the city committee, which leads, does not acknowledge")
                .startsWith("jixi-propaganda", "jixi-education").contains("jixi-mishan").hasSize(3 + 9);
        assertThat(task.path("acknowledgements").findValues("state")).extracting(JsonNode::asText).containsOnly("PENDING");
        assertThat(task.path("version").asLong()).isEqualTo(2);
        assertThat(get("/api/tasks/" + planId + "-31", COMMITTEE).status()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void theCityCommitteeReassignsWithIfMatchAndAStaleVersionConflicts() throws Exception {
        Map<String, Object> assignment = Map.of("leadUnit", "jixi-propaganda",
                "responsibleUnits", List.of("jixi-education", "jixi-counties", "jixi-city-organs"),
                "reason", "由市委宣传部牵头，市直关工委参与");

        Response assigned = put("/api/tasks/" + task7 + "/assignment", COMMITTEE, "\"2\"", assignment, ASSIGN_CORRELATION);
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        assertThat(assigned.json().path("taskId").asText()).isEqualTo(task7);
        assertThat(assigned.json().path("version").asLong()).as("reassigned, and 市直关工委 asked to acknowledge")
                .isEqualTo(4);
        assertThat(assigned.headers().firstValue(RequestHeaders.CORRELATION)).hasValue(ASSIGN_CORRELATION);

        JsonNode task = get("/api/tasks/" + task7, COMMITTEE).json();
        assertThat(task.path("version").asLong()).isEqualTo(4);
        assertThat(task.path("leadUnit").path("code").asText()).isEqualTo("jixi-propaganda");
        assertThat(task.path("responsibleUnits").findValues("code")).extracting(JsonNode::asText)
                .startsWith("jixi-education", "jixi-jiguan").endsWith("jixi-jidong", "jixi-city-organs").hasSize(11);

        long before = storedEvents();
        Response stale = put("/api/tasks/" + task7 + "/assignment", COMMITTEE, "1", assignment, null);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("errors").get(0).path("field").asText()).isEqualTo("If-Match");

        Response unknown = put("/api/tasks/" + task7 + "/assignment", COMMITTEE, "4",
                Map.of("leadUnit", "jixi-propaganda", "responsibleUnits", List.of("jixi-nowhere"), "reason", "理由"), null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("responsibleUnits[0]");

        Response invalid = put("/api/tasks/" + task7 + "/assignment", COMMITTEE, "4",
                Map.of("responsibleUnits", List.of()), null);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("errors").findValues("field")).extracting(JsonNode::asText)
                .contains("leadUnit", "responsibleUnits", "reason");

        Response county = put("/api/tasks/" + task7 + "/assignment", TestTokens.county("jixi-mishan"), "4", assignment, null);
        assertThat(county.status()).isEqualTo(403);
        Response missing = put("/api/tasks/" + planId + "-99/assignment", COMMITTEE, null, assignment, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    @Order(7)
    void everyStoredEventCarriesTheActorAndTheCorrelationId() throws Exception {
        List<JsonNode> metadata = jdbc.query("""
                SELECT convert_from(metadata, 'UTF8') FROM domainevententry
                WHERE aggregateidentifier = ? ORDER BY sequencenumber
                """, (rs, i) -> read(rs.getString(1)), task7);
        assertThat(metadata).as("created, assigned, asked to acknowledge; reassigned, asked to acknowledge").hasSize(5);
        for (JsonNode m : metadata) {
            assertThat(m.path("actor-user").asText()).isEqualTo("jixi-committee");
            assertThat(m.path("actor-unit").asText()).isEqualTo("jixi-committee");
        }
        assertThat(metadata.subList(0, 3)).extracting(m -> m.path("correlation-id").asText())
                .containsOnly(IMPORT_CORRELATION);
        assertThat(metadata.subList(3, 5)).extracting(m -> m.path("correlation-id").asText())
                .containsOnly(ASSIGN_CORRELATION);

        Long withoutActor = jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry
                WHERE convert_from(metadata, 'UTF8')::jsonb ->> 'actor-user' IS NULL
                   OR convert_from(metadata, 'UTF8')::jsonb ->> 'correlation-id' IS NULL
                """, Long.class);
        assertThat(withoutActor).as("events without actor or correlation id").isZero();
        List<String> registryActors = jdbc.queryForList("""
                SELECT DISTINCT convert_from(metadata, 'UTF8')::jsonb ->> 'actor-user' FROM domainevententry
                WHERE aggregateidentifier = 'jixi'
                """, String.class);
        assertThat(registryActors).containsExactly("system:task-service");
    }

    @Test
    @Order(8)
    void theAssignmentsArePublishedToKafkaKeyedByTaskWithTheirHeaders() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "task-service-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);

        // this service's own assignment events of task 7: other test classes import the same plan into their own
        // databases and publish to the same broker's topic under the same task ids, so a record counts only when
        // its event is in this test's event store
        Set<String> ownEventIds = Set.copyOf(jdbc.queryForList(
                "SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE '%TaskAssignedEvent'",
                String.class, task7));
        List<ConsumerRecord<String, byte[]>> assignedSeventh = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(TaskTopics.TASK_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (assignedSeventh.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (task7.equals(record.key()) && "TaskAssignedEvent".equals(header(record, EventHeaders.EVENT_TYPE))
                            && ownEventIds.contains(header(record, EventHeaders.EVENT_ID))) {
                        assignedSeventh.add(record);
                    }
                }
            }
        }

        assertThat(assignedSeventh).as("task 7's assignment by the import and its reassignment").hasSize(2);
        ConsumerRecord<String, byte[]> reassigned = assignedSeventh.get(1);
        assertThat(header(reassigned, EventHeaders.EVENT_ID)).isNotBlank();
        assertThat(header(reassigned, EventHeaders.AGGREGATE_ID)).isEqualTo(task7);
        assertThat(header(reassigned, EventHeaders.AGGREGATE_SEQUENCE)).isEqualTo("3");
        assertThat(header(reassigned, EventHeaders.CORRELATION_ID)).isEqualTo(ASSIGN_CORRELATION);
        assertThat(header(reassigned, EventHeaders.ACTOR_USER)).isEqualTo("jixi-committee");
        assertThat(header(reassigned, EventHeaders.ACTOR_UNIT)).isEqualTo("jixi-committee");
        JsonNode event = read(new String(reassigned.value(), StandardCharsets.UTF_8));
        assertThat(event.path("leadUnit").path("code").asText()).isEqualTo("jixi-propaganda");
        assertThat(event.path("previousLeadUnit").path("code").asText()).isEqualTo("jixi-committee");
        assertThat(event.path("previousResponsibleUnits").findValues("name")).extracting(JsonNode::asText)
                .contains("市委宣传部", "密山市关工委");
        assertThat(event.path("expansions").get(0).path("group").asText()).isEqualTo("县(市)区关工委");
        assertThat(event.path("reason").asText()).isEqualTo("由市委宣传部牵头，市直关工委参与");
        assertThat(header(assignedSeventh.get(0), EventHeaders.CORRELATION_ID)).isEqualTo(IMPORT_CORRELATION);
    }

    @Test
    @Order(9)
    void anImportThatFailsWhileWritingWritesNothingAtAll() throws Exception {
        String document = seed().replace("第一个党支部旧址", "第一个党支部");
        String otherPlan = PlanDocument.planIdOf(PlanDocument.sha256(document));
        // the 30th task's stream already exists: the import fails on its last write
        storage.appendEvents(new GenericDomainEventMessage<>("Task", otherPlan + "-30", 0,
                new TaskCreatedEvent(otherPlan + "-30", otherPlan, 30, 14, "加强队伍建设", "占位", "占位")));
        long before = storedEvents();

        Response failed = importPlan(document, COMMITTEE, null);

        assertThat(failed.status()).as(failed.body()).isEqualTo(409);
        assertThat(storedEvents()).as("no plan, no task, nothing").isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier LIKE ?",
                Long.class, otherPlan + "%")).isEqualTo(1);
    }

    @Test
    @Order(10)
    void theReadModelsAreRebuiltByAReplay() throws Exception {
        String tasksBefore = get("/api/tasks?planId=" + planId, COMMITTEE).body();
        String unitsBefore = get("/api/units", COMMITTEE).body();
        String planBefore = get("/api/plans/" + planId, COMMITTEE).body();

        StreamingEventProcessor projections = processing.eventProcessor(ProjectionCatchUp.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        projections.shutDown();
        projections.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM task_view", Long.class)).as("reset empties").isZero();
        projections.start();
        assertThat(catchUp.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();

        assertThat(get("/api/tasks?planId=" + planId, COMMITTEE).body()).isEqualTo(tasksBefore);
        assertThat(get("/api/units", COMMITTEE).body()).isEqualTo(unitsBefore);
        assertThat(get("/api/plans/" + planId, COMMITTEE).body()).isEqualTo(planBefore);
    }

    @Test
    @Order(11)
    void theApiIsDescribedByOpenApi() throws Exception {
        Response docs = get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/plans/import")).isTrue();
        assertThat(docs.json().path("paths").has("/api/plans/preview")).isTrue();
        assertThat(docs.json().path("paths").has("/api/tasks/{taskId}/assignment")).isTrue();
    }

    @Test
    @Order(12)
    void thePreviewAnswersWhatAnImportWouldWriteAndStoresNothing() throws Exception {
        long before = storedEvents();
        String other = seed().replace("第一个党支部旧址", "第一个党支部");

        Response preview = previewPlan(other, COMMITTEE);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode body = preview.json();
        assertThat(body.path("planId").asText()).matches("plan-[0-9a-f]{12}").isNotEqualTo(planId);
        assertThat(body.path("importedBefore").asBoolean()).isFalse();
        assertThat(body.path("title").asText()).startsWith("鸡西市贯彻落实《");
        assertThat(body.path("sections")).hasSize(14);
        assertThat(body.path("sections").get(3).path("title").asText()).isEqualTo("加强青少年法治教育和权益保护");
        assertThat(body.path("sections").get(3).path("taskNumbers").toString()).isEqualTo("[8,9]");
        assertThat(body.path("tasks")).hasSize(30);
        JsonNode ninth = body.path("tasks").get(8);
        assertThat(ninth.path("number").asInt()).isEqualTo(9);
        assertThat(ninth.path("sectionOrdinal").asInt()).isEqualTo(4);
        assertThat(ninth.path("title").asText()).isNotBlank();
        assertThat(ninth.path("leadUnit").path("code").asText()).isEqualTo("jixi-justice");
        assertThat(ninth.path("responsibleUnits").findValues("code")).extracting(JsonNode::asText)
                .contains("jixi-committee", "jixi-mishan");
        assertThat(body.path("units")).as("the same distinct units an import counts").hasSize(30);
        assertThat(body.path("units").findValues("isNew")).extracting(JsonNode::asBoolean).containsOnly(false);
        assertThat(body.path("warnings").toString()).contains("task 6: 市文化广电和旅游局 read as 市文体广电和旅游局");

        assertThat(storedEvents()).as("a preview writes nothing").isEqualTo(before);
        assertThat(get("/api/plans", COMMITTEE).json()).hasSize(1);
        assertThat(get("/api/plans/" + body.path("planId").asText(), COMMITTEE).status()).isEqualTo(404);

        JsonNode imported = previewPlan(seed(), COMMITTEE).json();
        assertThat(imported.path("planId").asText()).isEqualTo(planId);
        assertThat(imported.path("importedBefore").asBoolean()).isTrue();

        Response broken = previewPlan(other.replace("牵头单位:市司法局", "牵头单位:市不存在"), COMMITTEE);
        assertThat(broken.status()).isEqualTo(400);

        Response unit = previewPlan(other, TestTokens.unit("jixi-propaganda"));
        assertThat(unit.status()).isEqualTo(403);
        assertThat(unit.json().path("detail").asText()).contains("Only the city committee");
        assertThat(previewPlan(other, TestTokens.county("jixi-mishan")).status()).isEqualTo(403);
        assertThat(previewPlan(other, null).status()).isEqualTo(401);
        assertThat(storedEvents()).isEqualTo(before);
    }

    // --- helpers --------------------------------------------------------------------------------

    private static final class RequestHeaders {
        static final String CORRELATION = "X-Correlation-Id";
    }

    private record Response(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            return read(body);
        }
    }

    private long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    private Response get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token, null).GET());
    }

    private Response importPlan(String document, String token, String correlationId)
            throws IOException, InterruptedException {
        return send(request("/api/plans/import", token, correlationId)
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(document, StandardCharsets.UTF_8)));
    }

    private Response previewPlan(String document, String token) throws IOException, InterruptedException {
        return send(request("/api/plans/preview", token, null)
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(document, StandardCharsets.UTF_8)));
    }

    private Response put(String path, String token, String ifMatch, Object body, String correlationId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, token, correlationId).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request);
    }

    private HttpRequest.Builder request(String path, String token, String correlationId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", token);
        }
        if (correlationId != null) {
            request.header(RequestHeaders.CORRELATION, correlationId);
        }
        return request;
    }

    private static Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(response.statusCode(), response.body(), response.headers());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static int indexOfLineStartingWith(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }

    private static String seed() throws IOException {
        try (InputStream in = TaskServiceIntegrationTest.class.getResourceAsStream(
                "/plans/jixi-responsibility-plan-2022.zh.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
