package org.plantracker.gateway.limits;

import org.plantracker.gateway.problem.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request whose declared body is larger than {@code plan-tracker.web.max-request-size} (3 MB, above
 * every service's own limit) is answered 413 at the gateway, before authentication and before any of
 * it is read or forwarded. A body sent without a length streams through, and the service behind
 * refuses it at its own limit. Paths with a limit of their own (evidence uploads):
 * {@code plan-tracker.web.max-request-size-by-path.[/api/reports/*&#47;attachments]=101MB}.
 */
@Component
public class RequestSizeWebFilter implements WebFilter, Ordered {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final long limit;
    private final Map<String, Long> byPath = new LinkedHashMap<>();
    private final ProblemResponses problems;

    public RequestSizeWebFilter(@Value("${plan-tracker.web.max-request-size:3MB}") DataSize limit, ProblemResponses problems,
                                Environment environment) {
        this.limit = limit.toBytes();
        this.problems = problems;
        Binder.get(environment).bind("plan-tracker.web.max-request-size-by-path", Bindable.mapOf(String.class, DataSize.class))
                .orElse(Map.of()).forEach((path, size) -> byPath.put(path, size.toBytes()));
    }

    long limitFor(String path) {
        for (Map.Entry<String, Long> entry : byPath.entrySet()) {
            if (PATHS.match(entry.getKey(), path)) {
                return entry.getValue();
            }
        }
        return limit;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after the correlation id, so the 413 carries it
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        long limit = limitFor(exchange.getRequest().getPath().value());
        if (declared > limit) {
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            return problems.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE,
                    "The request body is larger than the gateway accepts (at most " + limit / 1024 + " KiB).");
        }
        return chain.filter(exchange);
    }
}
