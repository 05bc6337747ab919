package org.plantracker.gateway.identity;

import org.plantracker.platform.problem.DomainException;
import org.springframework.http.HttpStatus;

import java.time.Duration;

/** A login refused for too many failed attempts: 429, with Retry-After in whole seconds. */
public class LoginLockedException extends DomainException {

    private final long retryAfterSeconds;

    public LoginLockedException(Duration wait) {
        super(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins for this account or from this address; try again in "
                + Math.max(1, (wait.toMillis() + 999) / 1000) + " seconds.");
        this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
