package org.plantracker.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.plantracker.gateway.problem.ProblemResponses;
import org.plantracker.platform.security.AccessTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Requests per account and per client at the gateway, each a token bucket: a caller over either
 * is answered 429 with {@code Retry-After} (whole seconds until a request would pass) and a problem
 * document, before the request reaches a service. The account is the token's subject; the client is
 * the token's {@code client} claim (a machine account's app) or else the connection's source address
 * (never a forwarding header, which a caller could write). Runs after authentication, so an
 * anonymous request counts against its client only (login has its own limit, {@code LoginAttempts}).
 *
 * <p>Defaults ({@code plan-tracker.rate-limit.*}) are far above what a person or the benchmark sends
 * (about 1,000 requests a second of one account through 8 connections, all from one address): they stop
 * a runaway script, not work. A rate of 0 turns that limit off. Buckets live in the gateway's memory
 * (one instance, like the refresh tokens) and are dropped once idle.
 */
@Component
public class RateLimitWebFilter implements WebFilter, Ordered {

    private final ProblemResponses problems;
    private final Limit perAccount;
    private final Limit perClient;

    public RateLimitWebFilter(ProblemResponses problems,
                              @Value("${plan-tracker.rate-limit.per-account.requests-per-second:5000}") double accountRate,
                              @Value("${plan-tracker.rate-limit.per-account.burst:10000}") long accountBurst,
                              @Value("${plan-tracker.rate-limit.per-client.requests-per-second:50000}") double clientRate,
                              @Value("${plan-tracker.rate-limit.per-client.burst:100000}") long clientBurst) {
        this.problems = problems;
        this.perAccount = new Limit(accountRate, accountBurst);
        this.perClient = new Limit(clientRate, clientBurst);
    }

    @Override
    public int getOrder() {
        // after Spring Security's filter chain (-100), so the verified token is known
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .flatMap(context -> Mono.justOrEmpty(context.getAuthentication()))
                .filter(a -> a.getPrincipal() instanceof Jwt)
                .map(a -> (Jwt) a.getPrincipal())
                .map(jwt -> check(exchange, chain, jwt))
                .defaultIfEmpty(Mono.defer(() -> check(exchange, chain, null)))
                .flatMap(m -> m);
    }

    private Mono<Void> check(ServerWebExchange exchange, WebFilterChain chain, Jwt jwt) {
        long now = System.nanoTime();
        String client = jwt == null ? null : jwt.getClaimAsString(AccessTokens.CLAIM_CLIENT);
        String clientKey = client != null && !client.isBlank() ? "client:" + client : "address:" + address(exchange);
        long clientWait = perClient.take(clientKey, now);
        if (clientWait > 0) {
            return refuse(exchange, clientWait, "Too many requests from this client: wait before sending more.");
        }
        if (jwt != null && jwt.getSubject() != null) {
            long accountWait = perAccount.take(jwt.getSubject(), now);
            if (accountWait > 0) {
                return refuse(exchange, accountWait, "Too many requests for this account: wait before sending more.");
            }
        }
        return chain.filter(exchange);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, long waitNanos, String detail) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, detail);
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress peer = exchange.getRequest().getRemoteAddress();
        return peer == null || peer.getAddress() == null ? "unknown" : peer.getAddress().getHostAddress();
    }

    /** Token buckets of one kind, by key: {@code rate} requests a second, up to {@code burst} at once. */
    static final class Limit {

        private final double tokensPerNano;
        private final long burst;
        private final Cache<String, Bucket> buckets;

        Limit(double ratePerSecond, long burst) {
            this.tokensPerNano = ratePerSecond / 1e9;
            this.burst = Math.max(1, burst);
            this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
        }

        /** 0 when a request may pass (and is counted), else the nanoseconds until one would. */
        long take(String key, long now) {
            if (tokensPerNano <= 0) {
                return 0;
            }
            return buckets.get(key, k -> new Bucket(burst, now)).take(now, tokensPerNano, burst);
        }
    }

    private static final class Bucket {

        private double tokens;
        private long updated;

        Bucket(long tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized long take(long now, double tokensPerNano, long burst) {
            tokens = Math.min(burst, tokens + (now - updated) * tokensPerNano);
            updated = Math.max(updated, now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / tokensPerNano);
        }
    }
}
