package org.plantracker.gateway.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Failed logins counted per account and per source address: after {@code max-failures} (5 per
 * account, 20 per address) within {@code window} (15 min) the account or address is locked, for
 * {@code lock} (30 s) doubling with each further failure up to {@code max-lock} (15 min). A locked
 * login is refused with 429 and Retry-After before its password is checked, so guessing costs the
 * guesser time and the gateway no bcrypt work. A success clears the account's count (not the
 * address's: one's own account must not reset the guessing of another's). Settings under
 * {@code plan-tracker.security.login}.
 */
@Component
public class LoginAttempts {

    record Failures(int count, Instant lockedUntil) {
    }

    private final Clock clock;
    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration lock;
    private final Duration maxLock;
    private final Cache<String, Failures> accounts;
    private final Cache<String, Failures> addresses;

    public LoginAttempts(Clock clock,
                         @Value("${plan-tracker.security.login.max-failures:5}") int maxPerAccount,
                         @Value("${plan-tracker.security.login.max-failures-per-address:20}") int maxPerAddress,
                         @Value("${plan-tracker.security.login.lock:PT30S}") Duration lock,
                         @Value("${plan-tracker.security.login.max-lock:PT15M}") Duration maxLock,
                         @Value("${plan-tracker.security.login.window:PT15M}") Duration window) {
        this.clock = clock;
        this.maxPerAccount = maxPerAccount;
        this.maxPerAddress = maxPerAddress;
        this.lock = lock;
        this.maxLock = maxLock;
        Duration keep = window.compareTo(maxLock) > 0 ? window : maxLock;
        this.accounts = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(keep).build();
        this.addresses = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(keep).build();
    }

    /** How long this login must wait, if the account or the address is locked now. */
    public Optional<Duration> lockedFor(String username, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (Failures failures : new Failures[]{accounts.getIfPresent(key(username)), addresses.getIfPresent(address)}) {
            if (failures != null && failures.lockedUntil() != null && failures.lockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, failures.lockedUntil());
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public void failed(String username, String address) {
        accounts.asMap().compute(key(username), (k, f) -> next(f, maxPerAccount));
        addresses.asMap().compute(address, (k, f) -> next(f, maxPerAddress));
    }

    public void succeeded(String username) {
        accounts.invalidate(key(username));
    }

    private Failures next(Failures previous, int max) {
        int count = previous == null ? 1 : previous.count() + 1;
        if (count < max) {
            return new Failures(count, previous == null ? null : previous.lockedUntil());
        }
        long doublings = Math.min(count - max, 20);
        Duration locked = lock.multipliedBy(1L << doublings);
        if (locked.compareTo(maxLock) > 0) {
            locked = maxLock;
        }
        return new Failures(count, clock.instant().plus(locked));
    }

    private static String key(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }
}
