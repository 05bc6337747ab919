package org.plantracker.platform.axon;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The engine must read tracked events exactly as Axon's does, only without parsing timestamps again. */
class TimestampParsedOnceJdbcEventStorageEngineTest {

    private static final EventSchema SCHEMA = new EventSchema();
    private static final ConnectionProvider NO_CONNECTION = () -> {
        throw new SQLException("not used");
    };

    @Test
    void tokensGapsAndEntriesAreAxonsOwn() throws Exception {
        Instant now = Instant.now();
        Instant old = now.minus(2, ChronoUnit.HOURS);
        // a recent event after a hole (its gaps may still fill), an old one after a hole (they cannot)
        List<Object[]> rows = List.of(new Object[]{3L, "share-1", old}, new Object[]{4L, "share-2", old},
                new Object[]{9L, "share-1", now}, new Object[]{20L, "share-3", old}, new Object[]{21L, "share-3", now});

        TimestampParsedOnceJdbcEventStorageEngine ours = new TimestampParsedOnceJdbcEventStorageEngine(builder(), SCHEMA);
        AxonEngine axon = new AxonEngine(builder().schema(SCHEMA));
        for (GapAwareTrackingToken start : new GapAwareTrackingToken[]{null, GapAwareTrackingToken.newInstance(1, List.of())}) {
            GapAwareTrackingToken ourToken = start;
            GapAwareTrackingToken axonToken = start;
            List<Long> gapsSeen = new ArrayList<>();
            for (Object[] row : rows) {
                ResultSet resultSet = row((Long) row[0], (String) row[1], (Instant) row[2]);
                TrackedEventData<?> mine = ours.getTrackedEventData(resultSet, ourToken);
                TrackedEventData<?> theirs = axon.read(resultSet, axonToken);
                assertThat(mine.trackingToken()).isEqualTo(theirs.trackingToken());
                DomainEventData<?> a = (TrackedDomainEventData<?>) mine;
                DomainEventData<?> b = (TrackedDomainEventData<?>) theirs;
                assertThat(a.getTimestamp()).isEqualTo(b.getTimestamp()).isEqualTo(DateTimeUtils.parseInstant(
                        DateTimeUtils.formatInstant((Instant) row[2])));
                assertThat(a.getAggregateIdentifier()).isEqualTo(b.getAggregateIdentifier());
                assertThat(a.getSequenceNumber()).isEqualTo(b.getSequenceNumber());
                assertThat(a.getType()).isEqualTo(b.getType());
                assertThat(a.getEventIdentifier()).isEqualTo(b.getEventIdentifier());
                assertThat(a.getPayload().getType()).isEqualTo(b.getPayload().getType());
                assertThat(a.getPayload().getData()).isEqualTo(b.getPayload().getData());
                assertThat(a.getMetaData().getData()).isEqualTo(b.getMetaData().getData());
                ourToken = (GapAwareTrackingToken) mine.trackingToken();
                axonToken = (GapAwareTrackingToken) theirs.trackingToken();
                gapsSeen.addAll(ourToken.getGaps());
            }
            // the test means something: the recent event's holes were kept as gaps, the old ones not
            assertThat(gapsSeen).contains(5L, 8L).doesNotContain(10L, 19L);
        }
    }

    private static JdbcEventStorageEngine.Builder builder() {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(NO_CONNECTION)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer());
    }

    private static ResultSet row(long globalIndex, String aggregate, Instant timestamp) throws SQLException {
        ResultSet resultSet = mock(ResultSet.class);
        when(resultSet.getLong(SCHEMA.globalIndexColumn())).thenReturn(globalIndex);
        when(resultSet.getLong(SCHEMA.sequenceNumberColumn())).thenReturn(globalIndex % 7);
        when(resultSet.getString(anyString())).thenReturn(null);
        when(resultSet.getString(SCHEMA.aggregateIdentifierColumn())).thenReturn(aggregate);
        when(resultSet.getString(SCHEMA.eventIdentifierColumn())).thenReturn("event-" + globalIndex);
        when(resultSet.getString(SCHEMA.typeColumn())).thenReturn("TaskShare");
        when(resultSet.getString(SCHEMA.timestampColumn())).thenReturn(DateTimeUtils.formatInstant(timestamp));
        when(resultSet.getString(SCHEMA.payloadTypeColumn())).thenReturn("org.example.Reported");
        when(resultSet.getBytes(SCHEMA.payloadColumn())).thenReturn(("{\"n\":" + globalIndex + "}").getBytes(StandardCharsets.UTF_8));
        when(resultSet.getBytes(SCHEMA.metaDataColumn())).thenReturn("{\"actor-unit\":\"hulin\"}".getBytes(StandardCharsets.UTF_8));
        return resultSet;
    }

    /** Axon's engine, with its reading of a row made callable here. */
    private static final class AxonEngine extends JdbcEventStorageEngine {
        AxonEngine(Builder builder) {
            super(builder);
        }

        TrackedEventData<?> read(ResultSet resultSet, GapAwareTrackingToken previous) throws SQLException {
            return getTrackedEventData(resultSet, previous);
        }
    }
}
