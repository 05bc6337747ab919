package org.plantracker.gateway.identity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refresh tokens: opaque random strings (256 bits), of which only a SHA-256 hash is kept. Each
 * login starts a family; a refresh rotates the token (the used one is refused afterwards) and stays
 * in the family. A rotated token presented again means it was stolen (or replayed): the whole
 * family is revoked, and with it the access tokens issued to it ({@link RevokedAccessTokens}).
 *
 * <p>Kept in memory: the gateway has no database, and a table in a service's database would make
 * every login and refresh depend on that service. The limit, documented in the README: one gateway
 * instance; a gateway restart ends every session (users log in again). Several instances need a
 * shared store (a small PostgreSQL table behind this same class).
 */
@Component
public class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    private final Map<String, Family> families = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final RevokedAccessTokens revokedAccess;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    public RefreshTokens(@Value("${plan-tracker.security.refresh-token-lifetime:PT12H}") Duration lifetime,
                         RevokedAccessTokens revokedAccess) {
        this(lifetime, revokedAccess, Clock.systemUTC());
    }

    RefreshTokens(Duration lifetime, RevokedAccessTokens revokedAccess, Clock clock) {
        this.lifetime = lifetime;
        this.revokedAccess = revokedAccess;
        this.clock = clock;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A new family for {@code account} (a login); the access token issued with it is {@code access}. */
    public synchronized String start(Account account, IssuedAccess access) {
        purgeExpired();
        Family family = new Family(UUID.randomUUID().toString(), account);
        families.put(family.id, family);
        return add(family, access);
    }

    /**
     * Rotates {@code token}: the account it was issued to, with {@code next} issuing the new access
     * token; empty when the token is unknown, expired or revoked. A rotated token presented again
     * revokes its family.
     */
    public synchronized Optional<Rotated> rotate(String token, java.util.function.Function<Account, IssuedAccess> next) {
        Entry entry = token == null ? null : byHash.get(hash(token));
        if (entry == null) {
            return Optional.empty();
        }
        Family family = families.get(entry.familyId);
        if (family == null || family.revoked || !clock.instant().isBefore(entry.expiresAt)) {
            return Optional.empty();
        }
        if (entry.rotated) {
            revoke(family);
            return Optional.empty();
        }
        entry.rotated = true;
        IssuedAccess access = next.apply(family.account);
        return Optional.of(new Rotated(family.account, access, add(family, access)));
    }

    /** Revokes the family of {@code token} (a logout); false when the token is not known. */
    public synchronized boolean revoke(String token) {
        Entry entry = token == null ? null : byHash.get(hash(token));
        if (entry == null) {
            return false;
        }
        Family family = families.get(entry.familyId);
        if (family != null) {
            revoke(family);
        }
        return true;
    }

    private String add(Family family, IssuedAccess access) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = clock.instant().plus(lifetime);
        Entry entry = new Entry(family.id, expiresAt);
        String hash = hash(token);
        byHash.put(hash, entry);
        family.hashes.add(hash);
        family.accessTokens.add(access);
        return token;
    }

    private void revoke(Family family) {
        family.revoked = true;
        family.accessTokens.forEach(access -> revokedAccess.revoke(access.jti(), access.expiresAt()));
    }

    /** Forgets families whose last token has expired (revoked ones too: their tokens are refused by expiry). */
    private void purgeExpired() {
        Instant now = clock.instant();
        families.values().removeIf(family -> {
            boolean over = !family.lastExpiry().isAfter(now);
            if (over) {
                family.hashes.forEach(byHash::remove);
            }
            return over;
        });
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An access token issued with a refresh token: its id and expiry, to deny it if the family is revoked. */
    public record IssuedAccess(String token, String jti, Instant expiresAt) {
    }

    public record Rotated(Account account, IssuedAccess access, String refreshToken) {
    }

    private static final class Entry {
        final String familyId;
        final Instant expiresAt;
        boolean rotated;

        Entry(String familyId, Instant expiresAt) {
            this.familyId = familyId;
            this.expiresAt = expiresAt;
        }
    }

    private final class Family {
        final String id;
        final Account account;
        final List<String> hashes = new ArrayList<>();
        final List<IssuedAccess> accessTokens = new ArrayList<>();
        boolean revoked;

        Family(String id, Account account) {
            this.id = id;
            this.account = account;
        }

        Instant lastExpiry() {
            Instant last = Instant.MIN;
            for (String hash : hashes) {
                Entry entry = byHash.get(hash);
                if (entry != null && entry.expiresAt.isAfter(last)) {
                    last = entry.expiresAt;
                }
            }
            return last;
        }
    }
}
