package org.plantracker.notification.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.plantracker.notification.query.Inbox;
import org.plantracker.notification.query.NotificationDraft;
import org.plantracker.platform.correlation.RequestContext;
import org.plantracker.platform.messaging.EventEnvelope;
import org.plantracker.platform.messaging.IncomingEvents;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ProgressTopics;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the task and progress events that concern units into notifications in their inboxes.
 * Each event is handled once (a re-delivery is skipped by its event id); an event that cannot be
 * read fails, is retried, and then goes to its topic's dead-letter topic without holding up the
 * records behind it. Records arrive a poll at a time and are delivered in one transaction per poll:
 * a backlog is digested at the cost of one commit per batch, not one per event.
 */
@Component
public class InboxEventListener {

    /** The consumer name under which handled events are recorded in processed_event. */
    public static final String CONSUMER = "notification-service.inbox";
    private static final Logger log = LoggerFactory.getLogger(InboxEventListener.class);

    private final IncomingEvents incoming;
    private final Inbox inbox;
    private final ObjectMapper json;

    public InboxEventListener(IncomingEvents incoming, Inbox inbox, ObjectMapper json) {
        this.incoming = incoming;
        this.inbox = inbox;
        this.json = json;
    }

    /**
     * A poll's worth of records in one transaction. Reading the records comes first: a record that
     * cannot be read stops the batch there, the records before it are delivered and committed, and
     * the error handler retries that record and then dead-letters it.
     */
    @KafkaListener(topics = {TaskTopics.TASK_EVENTS, ProgressTopics.PROGRESS_EVENTS}, batch = "true")
    public void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        List<Delivery> deliveries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                Delivery delivery = read(records.get(i));
                if (delivery != null) {
                    deliveries.add(delivery);
                }
            } catch (RuntimeException unreadable) {
                deliver(deliveries);
                throw new BatchListenerFailedException("cannot read " + records.get(i).topic() + "-"
                        + records.get(i).partition() + "@" + records.get(i).offset(), unreadable, i);
            }
        }
        deliver(deliveries);
    }

    /** An event with the notifications it gives, or null when it concerns nobody. */
    private Delivery read(ConsumerRecord<String, byte[]> record) {
        EventEnvelope event = EventEnvelope.from(record);
        try (RequestContext.Scope ignored = RequestContext.open(event.correlationId(),
                "event:" + event.type() + "/" + event.eventId(), event.actor())) {
            List<NotificationDraft> drafts;
            if (event.is(TaskAssignedEvent.class)) {
                drafts = InboxNotifier.forAssignment(event.payloadAs(TaskAssignedEvent.class, json));
            } else if (event.is(ProgressReportSubmittedEvent.class)) {
                drafts = InboxNotifier.forProgressReport(event.payloadAs(ProgressReportSubmittedEvent.class, json));
            } else {
                // nothing to tell anyone, so no processed_event row either
                log.debug("ignored {} {} from {}", event.type(), event.eventId(), event.topic());
                return null;
            }
            // the event's correlation id; when a producer sent none, the one this consumer's log lines carry
            return new Delivery(event, RequestContext.correlationId(), drafts);
        }
    }

    private void deliver(List<Delivery> deliveries) {
        List<Delivery> fresh = incoming.handleEachOnce(CONSUMER, deliveries, d -> d.event().eventId(),
                unseen -> inbox.deliver(unseen.stream().map(Delivery::toInbox).toList()));
        if (log.isDebugEnabled()) {
            for (Delivery d : deliveries) {
                try (RequestContext.Scope ignored = RequestContext.open(d.correlationId(), null, null)) {
                    log.debug("{} {} from {}: {}", d.event().type(), d.event().eventId(), d.event().topic(),
                            fresh.contains(d) ? d.drafts().size() + " notification(s)" : "already handled; skipped");
                }
            }
        }
    }

    private record Delivery(EventEnvelope event, String correlationId, List<NotificationDraft> drafts) {
        Inbox.EventNotifications toInbox() {
            return new Inbox.EventNotifications(event.eventId(), event.type(), correlationId, drafts);
        }
    }
}
