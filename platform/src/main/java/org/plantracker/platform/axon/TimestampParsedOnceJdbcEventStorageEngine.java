package org.plantracker.platform.axon;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Axon's JDBC event store, reading each tracked event's timestamp once. Axon's entry keeps the
 * timestamp as text and parses it on every {@code getTimestamp()}: once to decide whether a gap may
 * still fill, once when the processor gives the event its token, once more for the message, in
 * every processor thread. Here the text is parsed once, quickly ({@link StoredTimestamps}), and the
 * entry answers with that instant. The token is computed exactly as Axon's
 * {@code getTrackedEventData} computes it, with the same gap settings (passed to both).
 */
public class TimestampParsedOnceJdbcEventStorageEngine extends JdbcEventStorageEngine {

    /** Axon's defaults for the gap settings (JdbcEventStorageEngine.Builder), given to Axon's builder too. */
    private static final int MAX_GAP_OFFSET = 10_000;
    private static final long LOWEST_GLOBAL_SEQUENCE = 1;
    private static final int GAP_TIMEOUT_MILLIS = 60_000;

    /** Builds the engine from Axon's builder, which receives the same gap settings. */
    public TimestampParsedOnceJdbcEventStorageEngine(Builder builder, EventSchema schema) {
        super(builder.schema(schema)
                .maxGapOffset(MAX_GAP_OFFSET)
                .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .gapTimeout(GAP_TIMEOUT_MILLIS));
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        Instant timestamp = StoredTimestamps.parse(resultSet.getString(schema.timestampColumn()));
        ParsedTimestampEntry<Object> domainEvent = new ParsedTimestampEntry<>(
                resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                timestamp,
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));

        // as Axon: a missing global index younger than the gap timeout may still be filled by a
        // transaction that has not committed yet, so it stays a gap in the token
        boolean allowGaps = timestamp.isAfter(GenericEventMessage.clock.instant().minus(GAP_TIMEOUT_MILLIS, ChronoUnit.MILLIS));
        GapAwareTrackingToken token;
        if (previousToken == null) {
            token = GapAwareTrackingToken.newInstance(globalSequence, allowGaps
                    ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence)
                            .boxed().collect(Collectors.toCollection(TreeSet::new))
                    : Collections.emptySortedSet());
        } else {
            token = previousToken.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
        }
        return new TrackedDomainEventData<>(token, domainEvent);
    }

    /**
     * A stored event as Axon's {@code GenericDomainEventEntry} presents it, answering
     * {@code getTimestamp()} with the instant parsed when it was read.
     */
    record ParsedTimestampEntry<T>(String type, String aggregateIdentifier, long sequenceNumber,
                                   String eventIdentifier, Instant timestamp, String payloadType,
                                   String payloadRevision, T payload, T metaData) implements DomainEventData<T> {

        @Override
        public String getType() {
            return type;
        }

        @Override
        public String getAggregateIdentifier() {
            return aggregateIdentifier;
        }

        @Override
        public long getSequenceNumber() {
            return sequenceNumber;
        }

        @Override
        public String getEventIdentifier() {
            return eventIdentifier;
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        @SuppressWarnings("unchecked")
        public SerializedObject<T> getMetaData() {
            return new SerializedMetaData<>(metaData, (Class<T>) metaData.getClass());
        }

        @Override
        @SuppressWarnings("unchecked")
        public SerializedObject<T> getPayload() {
            return new SimpleSerializedObject<>(payload, (Class<T>) payload.getClass(),
                    new SimpleSerializedType(payloadType, payloadRevision));
        }
    }
}
