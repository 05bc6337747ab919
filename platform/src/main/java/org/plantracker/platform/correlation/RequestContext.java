package org.plantracker.platform.correlation;

import org.slf4j.MDC;

import java.util.Optional;
import java.util.UUID;

/**
 * Who and what a piece of work is done for, on the current thread: the correlation id that
 * follows a change from the gateway through Kafka into a notification, and the actor when the
 * work did not arrive through an authenticated HTTP request (a Kafka consumer acting on an event).
 *
 * <p>The correlation id lives in the SLF4J {@link MDC} so every log line carries it without
 * further code.
 */
public final class RequestContext {

    /** HTTP header the gateway sets and every service passes on. */
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    /**
     * HTTP header a client app may set to name itself. Not trusted: it never reaches event metadata
     * or the audit trail (the client recorded comes from the verified token, see ActorMetadataInterceptor).
     */
    public static final String CLIENT_HEADER = "X-Client";
    /** The client recorded for a web request whose token names none. */
    public static final String WEB_CLIENT = "http";
    /** MDC key, used by the log pattern. */
    public static final String MDC_CORRELATION_ID = "correlationId";

    private static final ThreadLocal<Actor> ACTOR_OVERRIDE = new ThreadLocal<>();
    private static final ThreadLocal<String> CLIENT = new ThreadLocal<>();

    private RequestContext() {
    }

    public static String correlationId() {
        String id = MDC.get(MDC_CORRELATION_ID);
        return id != null ? id : newCorrelationId();
    }

    public static Optional<String> currentCorrelationId() {
        return Optional.ofNullable(MDC.get(MDC_CORRELATION_ID));
    }

    public static String newCorrelationId() {
        return UUID.randomUUID().toString();
    }

    /** Binds a correlation id, client and (optionally) acting actor to this thread until {@link Scope#close()}. */
    public static Scope open(String correlationId, String client, Actor actor) {
        String previousCorrelation = MDC.get(MDC_CORRELATION_ID);
        String previousClient = CLIENT.get();
        Actor previousActor = ACTOR_OVERRIDE.get();
        MDC.put(MDC_CORRELATION_ID, correlationId == null || correlationId.isBlank() ? newCorrelationId() : correlationId);
        CLIENT.set(client);
        ACTOR_OVERRIDE.set(actor);
        return () -> {
            restore(previousCorrelation);
            CLIENT.set(previousClient);
            ACTOR_OVERRIDE.set(previousActor);
        };
    }

    private static void restore(String previousCorrelation) {
        if (previousCorrelation == null) {
            MDC.remove(MDC_CORRELATION_ID);
        } else {
            MDC.put(MDC_CORRELATION_ID, previousCorrelation);
        }
    }

    public static Optional<String> client() {
        return Optional.ofNullable(CLIENT.get());
    }

    /** The actor bound explicitly on this thread (Kafka consumers); web requests use the security context. */
    public static Optional<Actor> boundActor() {
        return Optional.ofNullable(ACTOR_OVERRIDE.get());
    }

    /** Restores the previous context; never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
