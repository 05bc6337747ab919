package org.plantracker.gateway.identity;

import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.AccessTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/** Checks credentials against each account source in turn and issues the access token. */
@Service
public class LoginService {

    static final String WRONG_CREDENTIALS = "Wrong username or password.";

    private final List<AccountSource> sources;
    private final AccessTokens tokens;
    private final Duration lifetime;
    private final LoginAttempts attempts;

    public LoginService(List<AccountSource> sources, AccessTokens tokens,
                        @Value("${plan-tracker.security.token-lifetime:PT8H}") Duration lifetime, LoginAttempts attempts) {
        this.sources = List.copyOf(sources);
        this.tokens = tokens;
        this.lifetime = lifetime;
        this.attempts = attempts;
    }

    /** Logs in from {@code address} (the connection's peer): refused with 429 while the account or address is locked. */
    public Mono<IssuedToken> login(String username, String password, String address) {
        java.util.Optional<Duration> locked = attempts.lockedFor(username, address);
        if (locked.isPresent()) {
            return Mono.error(new LoginLockedException(locked.get()));
        }
        return Flux.fromIterable(sources)
                .concatMap(source -> source.authenticate(username, password))
                .next()
                .doOnNext(account -> attempts.succeeded(username))
                // one message whether the user exists or not: no probing for usernames
                .switchIfEmpty(Mono.defer(() -> {
                    attempts.failed(username, address);
                    return Mono.error(new DomainException(HttpStatus.UNAUTHORIZED, WRONG_CREDENTIALS));
                }))
                .map(account -> new IssuedToken(
                        tokens.issue(new Actor(account.username(), account.unitCode(), account.roles()),
                                account.unitName(), lifetime),
                        lifetime));
    }

    public record IssuedToken(String accessToken, Duration lifetime) {
    }
}
