package org.plantracker.progress.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.plantracker.platform.messaging.EventEnvelope;
import org.plantracker.platform.messaging.IncomingEvents;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskTopics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps progress-service's record of who is assigned to what in step with task-service: every
 * {@link TaskAssignedEvent} becomes commands to the task's shares. Other task events are not
 * needed here yet.
 *
 * <p>The commands are sent with {@code sendAndWait} inside {@link IncomingEvents#handleOnce}, so
 * the shares' events and the processed-event mark commit in one transaction: a failure half-way
 * leaves nothing, and the record is retried and finally dead-lettered.
 */
@Component
public class TaskAssignmentListener {

    static final String CONSUMER = "progress-service.task-assignments";

    private final IncomingEvents incomingEvents;
    private final CommandGateway commands;
    private final ObjectMapper json;

    public TaskAssignmentListener(IncomingEvents incomingEvents, CommandGateway commands, ObjectMapper json) {
        this.incomingEvents = incomingEvents;
        this.commands = commands;
        this.json = json;
    }

    @KafkaListener(topics = TaskTopics.TASK_EVENTS)
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = EventEnvelope.from(record);
        if (!envelope.is(TaskAssignedEvent.class)) {
            return;
        }
        TaskAssignedEvent event = envelope.payloadAs(TaskAssignedEvent.class, json);
        if (envelope.sequence() == null) {
            throw new IllegalArgumentException("TaskAssignedEvent " + envelope.eventId()
                    + " lacks its aggregate-sequence header: cannot tell it from a stale assignment");
        }
        incomingEvents.handleOnce(CONSUMER, envelope,
                () -> TaskShareCommands.forAssignment(event, envelope.sequence()).forEach(commands::sendAndWait));
    }
}
