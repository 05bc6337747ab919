package org.plantracker.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored events are a published contract: events written before a record gained a component still read,
 * through Axon's serializer (the event store) and through a plain ObjectMapper (a Kafka consumer).
 */
class StoredEventsTest {

    /** A TaskAssignedEvent as the event store holds it from before reassignments carried a reason. */
    private static final String ASSIGNED_BEFORE_REASONS = """
            {"taskId":"plan-0123456789ab-07","planId":"plan-0123456789ab","number":7,"sectionOrdinal":3,
             "sectionTitle":"积极引导青少年培育和践行社会主义核心价值观","title":"深入开展主题活动",
             "leadUnit":{"code":"jixi-committee","name":"市关工委","kind":"CITY_COMMITTEE"},
             "responsibleUnits":[{"code":"jixi-propaganda","name":"市委宣传部","kind":"CITY_DEPARTMENT"}],
             "expansions":[{"group":"县(市)区关工委","memberCodes":["jixi-mishan"]}],
             "previousLeadUnit":null,"previousResponsibleUnits":[]}""";

    private static final UnitRef COMMITTEE = new UnitRef("jixi-committee", "市关工委", UnitKind.CITY_COMMITTEE);
    private static final UnitRef PROPAGANDA = new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT);

    private final JacksonSerializer axon = JacksonSerializer.builder()
            .objectMapper(Jackson2ObjectMapperBuilder.json().build()).build();

    @Test
    void anAssignmentStoredBeforeReasonsReadsWithoutOne() throws Exception {
        TaskAssignedEvent expected = new TaskAssignedEvent("plan-0123456789ab-07", "plan-0123456789ab", 7, 3,
                "积极引导青少年培育和践行社会主义核心价值观", "深入开展主题活动", COMMITTEE, List.of(PROPAGANDA),
                List.of(new TaskAssignedEvent.GroupExpansion("县(市)区关工委", List.of("jixi-mishan"))), null, List.of());

        TaskAssignedEvent stored = axon.deserialize(new SimpleSerializedObject<>(
                ASSIGNED_BEFORE_REASONS.getBytes(StandardCharsets.UTF_8), byte[].class,
                TaskAssignedEvent.class.getName(), null));
        TaskAssignedEvent consumed = new ObjectMapper().readValue(ASSIGNED_BEFORE_REASONS, TaskAssignedEvent.class);

        assertThat(stored).isEqualTo(expected);
        assertThat(stored.reason()).isNull();
        assertThat(consumed).isEqualTo(expected);
    }

    @Test
    void aReassignmentsReasonIsStoredAndReadBack() {
        TaskAssignedEvent reassigned = new TaskAssignedEvent("plan-0123456789ab-07", "plan-0123456789ab", 7, 3,
                "积极引导青少年培育和践行社会主义核心价值观", "深入开展主题活动", PROPAGANDA, List.of(COMMITTEE), List.of(),
                COMMITTEE, List.of(PROPAGANDA), "由宣传部牵头");

        SerializedObject<byte[]> written = axon.serialize(reassigned, byte[].class);
        assertThat(new String(written.getData(), StandardCharsets.UTF_8)).contains("\"reason\":\"由宣传部牵头\"");
        TaskAssignedEvent read = axon.deserialize(written);

        assertThat(read).isEqualTo(reassigned);
    }
}
