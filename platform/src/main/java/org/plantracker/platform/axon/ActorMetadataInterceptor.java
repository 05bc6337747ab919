package org.plantracker.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.correlation.RequestContext;
import org.plantracker.platform.security.AccessTokens;
import org.plantracker.platform.security.CurrentActor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps every dispatched command with the actor, client and correlation id of the thread that
 * sends it (a web request or a Kafka consumer). Axon then copies these keys onto every event the
 * command applies.
 */
public class ActorMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> stamp = new HashMap<>();
            stamp.put(EventMetadata.CORRELATION_ID, RequestContext.correlationId());
            // the verified token's client claim when it has one; else the thread's (web, a consumer, startup)
            AccessTokens.currentClient().or(RequestContext::client).ifPresent(c -> stamp.put(EventMetadata.CLIENT, c));
            CurrentActor.find().ifPresent(actor -> put(stamp, actor));
            // what the sender set explicitly wins over the thread's context
            return command.andMetaData(MetaData.from(stamp).mergedWith(command.getMetaData()));
        };
    }

    private static void put(Map<String, Object> stamp, Actor actor) {
        stamp.put(EventMetadata.ACTOR_USER, actor.username());
        if (actor.unitCode() != null) {
            stamp.put(EventMetadata.ACTOR_UNIT, actor.unitCode());
        }
    }
}
