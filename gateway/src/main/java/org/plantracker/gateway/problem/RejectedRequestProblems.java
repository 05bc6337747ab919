package org.plantracker.gateway.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's firewall refuses a request whose path could be read two ways (an encoded
 * slash or NUL, {@code ..}, a semicolon) before any route or handler sees it. Its own handler answers
 * a bare 400; this one answers the same 400 as a problem document, like every other refusal.
 * {@code WebFluxSecurityConfiguration} picks up a bean of this type for its filter chain proxy.
 */
@Component
public class RejectedRequestProblems implements ServerExchangeRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequestProblems.class);

    private final ProblemResponses problems;

    public RejectedRequestProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        log.info("refused a request whose path is ambiguous: {}", rejected.getMessage());
        return problems.write(exchange, HttpStatus.BAD_REQUEST,
                "The request path holds characters that are not allowed (an encoded slash, NUL or dot-segment).");
    }
}
