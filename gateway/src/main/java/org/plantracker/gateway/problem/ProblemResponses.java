package org.plantracker.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;

/** Writes RFC 7807 problem details (with errors[]) straight to a reactive response. */
@Component
public class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    /** A service's restart takes seconds: a client asked to come back in two loses little and adds little load. */
    static final String RETRY_AFTER_SECONDS = "2";

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        return write(exchange, status, detail, List.of());
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail, List<FieldProblem> errors) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            // part of a downstream answer is already on its way: nothing sensible can be added
            log.warn("cannot answer {} after the response started: {}", status.value(), detail);
            return Mono.empty();
        }
        ProblemDetail problem = Problems.of(status, detail, errors);
        try {
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        } catch (IllegalArgumentException unreadablePath) {
            // a path that is no URI (the very thing being refused, often) names no instance
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        if (status == HttpStatus.SERVICE_UNAVAILABLE && !headers.containsKey(HttpHeaders.RETRY_AFTER)) {
            headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
