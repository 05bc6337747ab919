package org.plantracker.gateway.limits;

import org.plantracker.gateway.problem.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A request whose declared body is larger than {@code plan-tracker.web.max-request-size} (3 MB, above
 * every service's own limit) is answered 413 at the gateway, before authentication and before any of
 * it is read or forwarded. A body sent without a length streams through, and the service behind
 * refuses it at its own limit.
 */
@Component
public class RequestSizeWebFilter implements WebFilter, Ordered {

    private final long limit;
    private final ProblemResponses problems;

    public RequestSizeWebFilter(@Value("${plan-tracker.web.max-request-size:3MB}") DataSize limit, ProblemResponses problems) {
        this.limit = limit.toBytes();
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after the correlation id, so the 413 carries it
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit) {
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            return problems.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE,
                    "The request body is larger than the gateway accepts (at most " + limit / 1024 + " KiB).");
        }
        return chain.filter(exchange);
    }
}
