package org.plantracker.notification.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.plantracker.notification.channel.Channels;
import org.plantracker.platform.correlation.RequestContext;
import org.plantracker.platform.messaging.EventEnvelope;
import org.plantracker.platform.messaging.IncomingEvents;
import org.plantracker.progress.api.ProgressTopics;
import org.plantracker.task.api.PlanImportedEvent;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskTopics;
import org.plantracker.task.api.UnitRegisteredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The one consumer of task and progress events in this service (a second listener in the same
 * group would split the topics' partitions with this one): turns the events that concern units
 * into notifications and hands them to every channel. Each event is handled once (a re-delivery or
 * a replay of the topic is skipped by its event id, so nothing is notified or delivered twice); an
 * event that cannot be read fails, is retried, and then goes to its topic's dead-letter topic
 * without holding up the records behind it. Records arrive a poll at a time and are handled in one
 * transaction per poll: the notifications, the directory's updates and every outbound delivery of
 * the batch commit together.
 */
@Component
public class InboxEventListener {

    /** The consumer name under which handled events are recorded in processed_event. */
    public static final String CONSUMER = "notification-service.inbox";
    private static final Logger log = LoggerFactory.getLogger(InboxEventListener.class);

    private final IncomingEvents incoming;
    private final NotificationRules rules;
    private final Channels channels;
    private final ObjectMapper json;

    public InboxEventListener(IncomingEvents incoming, NotificationRules rules, Channels channels, ObjectMapper json) {
        this.incoming = incoming;
        this.rules = rules;
        this.channels = channels;
        this.json = json;
    }

    /**
     * A poll's worth of records in one transaction. Reading the records comes first: a record that
     * cannot be read stops the batch there, the records before it are handled and committed, and
     * the error handler retries that record and then dead-letters it.
     */
    @KafkaListener(topics = {TaskTopics.TASK_EVENTS, ProgressTopics.PROGRESS_EVENTS}, batch = "true")
    public void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        List<Incoming> readable = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                Incoming event = read(records.get(i));
                if (event != null) {
                    readable.add(event);
                }
            } catch (RuntimeException unreadable) {
                handleOrPointAtTheCulprit(readable, records);
                throw new BatchListenerFailedException("cannot read " + records.get(i).topic() + "-"
                        + records.get(i).partition() + "@" + records.get(i).offset(), unreadable, i);
            }
        }
        handleOrPointAtTheCulprit(readable, records);
    }

    /**
     * Handles the batch in one transaction. When that fails, the events are handled one by one
     * (those already handled are skipped by their ids), so a failure is pinned on the one record
     * that causes it: the error handler then retries and dead-letters that record alone instead of
     * the whole poll.
     */
    private void handleOrPointAtTheCulprit(List<Incoming> events, List<ConsumerRecord<String, byte[]>> records) {
        try {
            handle(events);
        } catch (RuntimeException batchFailed) {
            log.warn("handling a batch of {} event(s) failed; handling them one by one", events.size(), batchFailed);
            for (Incoming e : events) {
                try {
                    handle(List.of(e));
                } catch (RuntimeException failed) {
                    int index = records.indexOf(e.record());
                    throw new BatchListenerFailedException("cannot handle " + e.event().type() + " "
                            + e.event().eventId(), failed, Math.max(index, 0));
                }
            }
        }
    }

    /** An event with its payload, or null when nobody here cares about its type. */
    private Incoming read(ConsumerRecord<String, byte[]> record) {
        EventEnvelope event = EventEnvelope.from(record);
        Class<?> type = NotificationRules.eventClass(event.type());
        if (type == null) {
            // nothing to tell anyone, so no processed_event row either
            log.debug("ignored {} {} from {}", event.type(), event.eventId(), event.topic());
            return null;
        }
        try (RequestContext.Scope ignored = RequestContext.open(event.correlationId(),
                "event:" + event.type() + "/" + event.eventId(), event.actor())) {
            Object payload = event.payloadAs(type, json);
            if (payload instanceof TaskAssignedEvent assigned && (assigned.taskId() == null || assigned.taskId().isBlank())) {
                throw new IllegalArgumentException("TaskAssignedEvent without a taskId");
            }
            // the event's correlation id; when a producer sent none, the one this consumer's log lines carry
            return new Incoming(record, event, RequestContext.correlationId(), payload);
        }
    }

    private void handle(List<Incoming> events) {
        List<Incoming> fresh = incoming.handleEachOnce(CONSUMER, events, e -> e.event().eventId(), unseen -> {
            List<RoutedEvent> routed = new ArrayList<>(unseen.size());
            for (Incoming e : registryFirst(unseen)) {
                try (RequestContext.Scope ignored = RequestContext.open(e.correlationId(), null, e.event().actor())) {
                    routed.add(rules.route(e.event(), e.correlationId(), e.payload()));
                }
            }
            channels.record(routed);
        });
        if (log.isDebugEnabled()) {
            for (Incoming e : events) {
                log.debug("{} {} from {}: {}", e.event().type(), e.event().eventId(), e.event().topic(),
                        fresh.contains(e) ? "handled" : "already handled; skipped");
            }
        }
    }

    /**
     * A poll mixes partitions in no particular order, and a plan's import or a unit's registration
     * is on another partition than the tasks that name them: applying those first lets a task
     * event of the same poll name the plan by its title and find the city committee. The order of
     * everything else is kept.
     */
    private static List<Incoming> registryFirst(List<Incoming> events) {
        List<Incoming> ordered = new ArrayList<>(events.size());
        events.stream().filter(e -> e.payload() instanceof PlanImportedEvent || e.payload() instanceof UnitRegisteredEvent)
                .forEach(ordered::add);
        events.stream().filter(e -> !(e.payload() instanceof PlanImportedEvent || e.payload() instanceof UnitRegisteredEvent))
                .forEach(ordered::add);
        return ordered;
    }

    private record Incoming(ConsumerRecord<String, byte[]> record, EventEnvelope event, String correlationId,
                            Object payload) {
    }
}
