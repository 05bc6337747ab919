package org.plantracker.platform.idempotency;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Identifiers for what a request creates. With an Idempotency-Key they are derived from the caller
 * and the key, so a retry after a crash half-way (its first answer never recorded) creates the same
 * identifier again, and the aggregate recognises it; without one they are random.
 */
public final class IdempotencyKeys {

    /** Request attribute holding "principal␟key" while a request with an Idempotency-Key runs. */
    static final String ATTRIBUTE = IdempotencyKeys.class.getName() + ".key";

    private IdempotencyKeys() {
    }

    /** @param purpose what is identified (e.g. "report"), so one request can create several things */
    public static String newId(String purpose) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object key = request == null ? null : request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (key == null) {
            return UUID.randomUUID().toString();
        }
        return UUID.nameUUIDFromBytes((purpose + '\u001f' + key).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
