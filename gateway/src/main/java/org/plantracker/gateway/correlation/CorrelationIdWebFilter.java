package org.plantracker.gateway.correlation;

import org.plantracker.gateway.problem.GatewayErrors;
import org.plantracker.platform.correlation.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.regex.Pattern;

/**
 * The outermost filter: every request gets a correlation id (the client's when it is sane, a new
 * one otherwise), passes it downstream in X-Correlation-Id and returns it on every response,
 * including 401s and errors. Errors from anything inside are turned into problem details here, so
 * the one log line per request shows the status the client really got.
 */
@Component
public class CorrelationIdWebFilter implements WebFilter, Ordered {

    /** Reactor context key under which the id travels to code that calls other services. */
    public static final String CONTEXT_KEY = CorrelationIdWebFilter.class.getName();
    /** Exchange attribute holding the id, for code that has the exchange but not the Reactor context. */
    public static final String ATTRIBUTE = CONTEXT_KEY;

    private static final Logger log = LoggerFactory.getLogger(CorrelationIdWebFilter.class);
    /** A request that took this long is logged at INFO even when it succeeded. */
    static final long SLOW_MILLIS = 1_000;
    /** Safe to log and to pass on: no spaces, quotes or control characters. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    private final GatewayErrors errors;

    public CorrelationIdWebFilter(GatewayErrors errors) {
        this.errors = errors;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        String correlationId = correlationIdOf(exchange.getRequest());
        exchange.getAttributes().put(ATTRIBUTE, correlationId);
        // at commit time, so no later header handling (a proxied answer, an error) can drop it
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestContext.CORRELATION_HEADER, correlationId);
            return Mono.empty();
        });
        ServerWebExchange withId = exchange.mutate()
                .request(r -> r.headers(h -> h.set(RequestContext.CORRELATION_HEADER, correlationId)))
                .build();
        return chain.filter(withId)
                .onErrorResume(error -> errors.handle(withId, error))
                .contextWrite(context -> context.put(CONTEXT_KEY, correlationId))
                .doFinally(signal -> logRequest(exchange, correlationId, started));
    }

    /** The correlation id of the request being handled, for calls the gateway itself makes. */
    public static Mono<String> current() {
        return Mono.deferContextual(context -> Mono.justOrEmpty(context.<String>getOrEmpty(CONTEXT_KEY)));
    }

    static String correlationIdOf(ServerHttpRequest request) {
        String incoming = request.getHeaders().getFirst(RequestContext.CORRELATION_HEADER);
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : RequestContext.newCorrelationId();
    }

    /**
     * The access log: refusals, errors and slow requests at INFO, the ordinary rest at DEBUG. Writing
     * a line per request on the event loop cost the gateway a measurable share of its throughput in
     * the benchmark; the requests worth a person's attention are still all there.
     */
    private static void logRequest(ServerWebExchange exchange, String correlationId, long started) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        long millis = (System.nanoTime() - started) / 1_000_000;
        boolean noteworthy = status == null || status.value() >= 400 || millis >= SLOW_MILLIS;
        if (noteworthy ? !log.isInfoEnabled() : !log.isDebugEnabled()) {
            return;
        }
        MDC.put(RequestContext.MDC_CORRELATION_ID, correlationId);
        try {
            String format = "{} {} {} {} ms correlation-id={}";
            Object[] args = {exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(),
                    status == null ? "-" : status.value(), millis, correlationId};
            if (noteworthy) {
                log.info(format, args);
            } else {
                log.debug(format, args);
            }
        } finally {
            MDC.remove(RequestContext.MDC_CORRELATION_ID);
        }
    }
}
