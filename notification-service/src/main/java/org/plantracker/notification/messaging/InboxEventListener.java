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
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.Supplier;

/**
 * Turns the task and progress events that concern units into notifications in their inboxes.
 * Each event is handled once (a re-delivery is skipped by its event id); an event that cannot be
 * read fails, is retried, and then goes to its topic's dead-letter topic without holding up the
 * records behind it.
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

    @KafkaListener(topics = {TaskTopics.TASK_EVENTS, ProgressTopics.PROGRESS_EVENTS})
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        EventEnvelope event = EventEnvelope.from(record);
        if (event.is(TaskAssignedEvent.class)) {
            TaskAssignedEvent task = event.payloadAs(TaskAssignedEvent.class, json);
            deliver(event, () -> InboxNotifier.forAssignment(task));
        } else if (event.is(ProgressReportSubmittedEvent.class)) {
            ProgressReportSubmittedEvent report = event.payloadAs(ProgressReportSubmittedEvent.class, json);
            deliver(event, () -> InboxNotifier.forProgressReport(report));
        } else {
            // nothing to tell anyone, so no transaction and no processed_event row either
            log.debug("ignored {} {} from {}", event.type(), event.eventId(), event.topic());
        }
    }

    private void deliver(EventEnvelope event, Supplier<List<NotificationDraft>> compose) {
        boolean ran = incoming.handleOnce(CONSUMER, event, () -> {
            // the event's correlation id; when a producer sent none, the one this consumer's log lines carry
            String correlationId = event.correlationId() != null ? event.correlationId() : RequestContext.correlationId();
            List<NotificationDraft> drafts = compose.get();
            int added = inbox.deliver(event.eventId(), event.type(), correlationId, drafts);
            log.debug("{} {} from {}: {} notification(s) added", event.type(), event.eventId(), event.topic(), added);
        });
        if (!ran) {
            log.debug("{} {} from {} already handled; skipped", event.type(), event.eventId(), event.topic());
        }
    }
}
