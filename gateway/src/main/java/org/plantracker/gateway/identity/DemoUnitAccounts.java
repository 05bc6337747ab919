package org.plantracker.gateway.identity;

import org.plantracker.gateway.config.ServiceUrls;
import org.plantracker.gateway.correlation.CorrelationIdWebFilter;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.correlation.RequestContext;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.AccessTokens;
import org.plantracker.platform.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Dev profile only: every unit of the registry is an account, username = unit code, password
 * {@value #DEMO_PASSWORD}. Whether the unit exists, its name and kind come from task-service.
 */
@Component
@Profile("dev")
@Order(2)
public class DemoUnitAccounts implements AccountSource {

    public static final String DEMO_PASSWORD = "demo12345";

    private static final Logger log = LoggerFactory.getLogger(DemoUnitAccounts.class);
    private static final Pattern UNIT_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);
    /** The gateway's own identity towards task-service; minted per call, lives a minute. */
    private static final Actor GATEWAY = Actor.system("gateway");

    private final WebClient taskService;
    private final AccessTokens tokens;

    public DemoUnitAccounts(WebClient.Builder webClients, ServiceUrls urls, AccessTokens tokens) {
        this.taskService = webClients.baseUrl(urls.taskUrl().toString()).build();
        this.tokens = tokens;
        log.warn("dev profile: every unit can log in with its code and the demo password; never use this profile for real data");
    }

    @Override
    public Mono<Account> authenticate(String username, String password) {
        if (!UNIT_CODE.matcher(username).matches() || !isDemoPassword(password)) {
            return Mono.empty();
        }
        return CorrelationIdWebFilter.current()
                .defaultIfEmpty(RequestContext.newCorrelationId())
                .flatMap(correlationId -> findUnit(username, correlationId))
                .map(unit -> new Account(unit.code(), unit.code(), unit.name(), Set.of(roleFor(unit.kind()))));
    }

    private Mono<UnitView> findUnit(String code, String correlationId) {
        return taskService.get().uri("/api/units/{code}", code)
                .accept(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.issue(GATEWAY, null, Duration.ofMinutes(1)))
                .header(RequestContext.CORRELATION_HEADER, correlationId)
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(UnitView.class)
                                .filter(unit -> unit.code() != null && unit.kind() != null);
                    }
                    if (response.statusCode().value() == HttpStatus.NOT_FOUND.value()) {
                        return response.releaseBody().then(Mono.<UnitView>empty());
                    }
                    log.warn("task-service answered {} to the unit lookup of {} (correlation-id={})",
                            response.statusCode().value(), code, correlationId);
                    return response.releaseBody().then(Mono.<UnitView>error(taskServiceUnavailable()));
                })
                .timeout(LOOKUP_TIMEOUT)
                .onErrorMap(error -> !(error instanceof DomainException), error -> {
                    log.warn("cannot look up unit {} in task-service (correlation-id={}): {}", code, correlationId, error.toString());
                    return taskServiceUnavailable();
                });
    }

    static String roleFor(String kind) {
        return switch (kind) {
            case "CITY_COMMITTEE" -> Roles.SUPERVISOR;
            case "COUNTY_COMMITTEE" -> Roles.COUNTY_COMMITTEE;
            default -> Roles.UNIT;
        };
    }

    private static boolean isDemoPassword(String password) {
        return MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                DEMO_PASSWORD.getBytes(StandardCharsets.UTF_8));
    }

    private static DomainException taskServiceUnavailable() {
        return new DomainException(HttpStatus.SERVICE_UNAVAILABLE,
                ServiceUrls.TASK_SERVICE + " is unavailable: accounts cannot be checked right now");
    }

    /** The part of task-service's unit that makes an account: {code, name, kind}. */
    record UnitView(String code, String name, String kind) {
    }
}
