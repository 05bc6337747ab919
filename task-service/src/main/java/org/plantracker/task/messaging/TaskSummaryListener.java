package org.plantracker.task.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.plantracker.platform.messaging.EventEnvelope;
import org.plantracker.platform.messaging.EventHeaders;
import org.plantracker.platform.messaging.IncomingEvents;
import org.plantracker.progress.api.ProgressTopics;
import org.plantracker.progress.api.TaskSummaryAcceptedEvent;
import org.plantracker.task.command.RecordTaskSummaryAcceptanceCommand;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Records on each task that the city committee accepted its lead unit's summary (progress-service's
 * {@link TaskSummaryAcceptedEvent}), which lets the committee close the task. Each event is recorded
 * once ({@link IncomingEvents}): the command's event and the processed-event mark commit together.
 *
 * <p>A batch listener: the progress topic carries every progress report, and all but a few records are
 * passed over by their event-type header alone. A record whose recording fails is retried and then
 * dead-lettered on its own ({@link BatchListenerFailedException}); the records before it stay done.
 */
@Component
public class TaskSummaryListener {

    static final String CONSUMER = "task-service.task-summaries";
    private static final byte[] SUMMARY_ACCEPTED =
            TaskSummaryAcceptedEvent.class.getSimpleName().getBytes(StandardCharsets.UTF_8);

    private final IncomingEvents incomingEvents;
    private final CommandGateway commands;
    private final ObjectMapper json;

    public TaskSummaryListener(IncomingEvents incomingEvents, CommandGateway commands, ObjectMapper json) {
        this.incomingEvents = incomingEvents;
        this.commands = commands;
        this.json = json;
    }

    @KafkaListener(topics = ProgressTopics.PROGRESS_EVENTS, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
            if (type == null || !Arrays.equals(type.value(), SUMMARY_ACCEPTED)) {
                continue;
            }
            try {
                EventEnvelope envelope = EventEnvelope.from(record);
                TaskSummaryAcceptedEvent event = envelope.payloadAs(TaskSummaryAcceptedEvent.class, json);
                incomingEvents.handleOnce(CONSUMER, envelope, () -> commands.sendAndWait(
                        new RecordTaskSummaryAcceptanceCommand(event.taskId(), event.summaryId(), event.period(),
                                event.leadUnit() == null ? null : event.leadUnit().code())));
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException("cannot record the accepted summary of " + record.key(), e, record);
            }
        }
    }
}
