package org.plantracker.gateway.problem;

import io.netty.channel.ConnectTimeoutException;
import org.plantracker.gateway.correlation.CorrelationIdWebFilter;
import org.plantracker.platform.correlation.RequestContext;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Every error the gateway answers is a problem detail: its own refusals, a path no route serves,
 * and a service that cannot be reached (503 naming the service). Runs before Spring Boot's
 * default handler, which would answer 500 with its own JSON shape.
 */
@Component
@Order(-2)
public class GatewayErrors implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

    private final ProblemResponses problems;

    public GatewayErrors(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        // logged here on a Netty thread, outside the request's MDC: bind the id for these lines
        String correlationId = exchange.getAttribute(CorrelationIdWebFilter.ATTRIBUTE);
        if (correlationId != null) {
            MDC.put(RequestContext.MDC_CORRELATION_ID, correlationId);
        }
        try {
            return problemFor(exchange, error);
        } finally {
            MDC.remove(RequestContext.MDC_CORRELATION_ID);
        }
    }

    private Mono<Void> problemFor(ServerWebExchange exchange, Throwable error) {
        if (error instanceof org.plantracker.gateway.identity.LoginLockedException locked) {
            exchange.getResponse().getHeaders().set(org.springframework.http.HttpHeaders.RETRY_AFTER,
                    String.valueOf(locked.retryAfterSeconds()));
        }
        if (error instanceof DomainException domain) {
            return problems.write(exchange, domain.status(), domain.getMessage(), domain.errors());
        }
        if (isUnreachable(error)) {
            log.warn("{} is unreachable: {}", serviceOf(exchange), error.toString());
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, serviceOf(exchange) + " is unavailable");
        }
        if (exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) != null && wasCutOff(error)) {
            // the service went away in the middle (a crash, a restart): an outage like any other to the
            // client, who may send the request again; with its Idempotency-Key nothing is done twice
            log.warn("{} closed the connection: {}", serviceOf(exchange), error.toString());
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, serviceOf(exchange)
                    + " closed the connection before it answered; the request may or may not have been carried out:"
                    + " send it again with the same Idempotency-Key");
        }
        if (error instanceof ServerWebInputException input) {
            String detail = hasCause(input, DecodingException.class)
                    ? "The request body is not valid JSON of the expected shape."
                    : orDefault(input.getReason(), "The request could not be read.");
            return problems.write(exchange, HttpStatus.BAD_REQUEST, detail, List.of(new FieldProblem("body", detail)));
        }
        if (error instanceof ResponseStatusException statusError) {
            HttpStatus status = status(statusError.getStatusCode());
            // a service that does not answer within the response timeout is out for now, as one that refuses connections
            return problems.write(exchange, status == HttpStatus.GATEWAY_TIMEOUT ? HttpStatus.SERVICE_UNAVAILABLE : status,
                    detailOf(exchange, statusError));
        }
        log.error("unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong in the gateway; quote the X-Correlation-Id when you report it.");
    }

    private String detailOf(ServerWebExchange exchange, ResponseStatusException error) {
        String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
        int status = error.getStatusCode().value();
        if (status == HttpStatus.NOT_FOUND.value()) {
            return "Nothing answers " + request + ": see the API docs at /swagger-ui.html.";
        }
        if (status == HttpStatus.METHOD_NOT_ALLOWED.value()) {
            return request + " is not allowed here.";
        }
        if (error instanceof UnsupportedMediaTypeStatusException unsupported) {
            return "Content type " + (unsupported.getContentType() == null ? "(none)" : unsupported.getContentType())
                    + " is not accepted by " + request + "; send application/json.";
        }
        if (status == HttpStatus.GATEWAY_TIMEOUT.value()) {
            return serviceOf(exchange) + " did not answer in time";
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            return serviceOf(exchange) + " is unavailable";
        }
        return orDefault(error.getReason(), status(error.getStatusCode()).getReasonPhrase());
    }

    /** The service behind the matched route (routes carry it as metadata "service"). */
    static String serviceOf(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return "The service";
        }
        Object service = route.getMetadata().get("service");
        return service != null ? service.toString() : route.getId();
    }

    /**
     * The connection to the service ended before its answer: closed early, reset (a killed process),
     * or aborted while the request was still being sent.
     */
    private static boolean wasCutOff(Throwable error) {
        return hasCause(error, PrematureCloseException.class) || hasCause(error, AbortedException.class)
                || hasCause(error, IOException.class);
    }

    private static boolean isUnreachable(Throwable error) {
        return hasCause(error, ConnectException.class) || hasCause(error, ConnectTimeoutException.class)
                || hasCause(error, UnknownHostException.class);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static HttpStatus status(HttpStatusCode code) {
        HttpStatus status = HttpStatus.resolve(code.value());
        return status != null ? status : HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
