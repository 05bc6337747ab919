package org.plantracker.gateway.identity;

import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.AccessTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Checks credentials against each account source in turn and issues the access token. */
@Service
public class LoginService {

    static final String WRONG_CREDENTIALS = "Wrong username or password.";
    static final String REFRESH_REFUSED = "The refresh token is invalid, expired or revoked: log in again with POST /api/auth/login.";

    private final List<AccountSource> sources;
    private final AccessTokens tokens;
    private final Duration lifetime;
    private final LoginAttempts attempts;
    private final RefreshTokens refreshTokens;
    private final RevokedAccessTokens revokedAccess;

    public LoginService(List<AccountSource> sources, AccessTokens tokens,
                        @Value("${plan-tracker.security.token-lifetime:PT15M}") Duration lifetime, LoginAttempts attempts,
                        RefreshTokens refreshTokens, RevokedAccessTokens revokedAccess) {
        this.sources = List.copyOf(sources);
        this.tokens = tokens;
        this.lifetime = lifetime;
        this.attempts = attempts;
        this.refreshTokens = refreshTokens;
        this.revokedAccess = revokedAccess;
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
                .map(account -> {
                    RefreshTokens.IssuedAccess access = access(account);
                    return new IssuedToken(access.token(), lifetime, refreshTokens.start(account, access), refreshTokens.lifetime());
                });
    }

    /**
     * A new access token and a new refresh token for {@code refreshToken}, which is refused from
     * then on; 401 when it is unknown, expired, revoked or already used (a reuse revokes its family).
     */
    public Mono<IssuedToken> refresh(String refreshToken) {
        return Mono.fromCallable(() -> refreshTokens.rotate(refreshToken, this::access))
                .flatMap(rotated -> rotated
                        .map(r -> Mono.just(new IssuedToken(r.access().token(), lifetime, r.refreshToken(), refreshTokens.lifetime())))
                        .orElseGet(() -> Mono.error(new DomainException(HttpStatus.UNAUTHORIZED, REFRESH_REFUSED))));
    }

    /**
     * Logs out: the refresh token's family is revoked (with the access tokens issued to it), and the
     * access token the call came with ({@code accessJti}, expiring at {@code accessExpiry}; may be
     * absent) is denied until it expires.
     */
    public void logout(String refreshToken, String accessJti, Instant accessExpiry) {
        if (refreshToken != null && !refreshToken.isBlank()) {
            refreshTokens.revoke(refreshToken);
        }
        revokedAccess.revoke(accessJti, accessExpiry);
    }

    private RefreshTokens.IssuedAccess access(Account account) {
        String token = tokens.issue(new Actor(account.username(), account.unitCode(), account.roles()), account.unitName(), lifetime);
        try {
            // our own token, just signed: its claims are read without verifying it again
            JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
            return new RefreshTokens.IssuedAccess(token, claims.getJWTID(), claims.getExpirationTime().toInstant());
        } catch (ParseException e) {
            throw new IllegalStateException("cannot read the access token just issued", e);
        }
    }

    public record IssuedToken(String accessToken, Duration lifetime, String refreshToken, Duration refreshLifetime) {
        @Override
        public String toString() {
            return "IssuedToken[accessToken=***, lifetime=" + lifetime + ", refreshToken=***]";
        }
    }
}
