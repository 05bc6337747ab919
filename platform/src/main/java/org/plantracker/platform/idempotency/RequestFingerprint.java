package org.plantracker.platform.idempotency;

import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.springframework.http.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What an aggregate keeps of the request that created an item, so that it tells a retry (the same
 * request again, with the same id derived by {@link IdempotencyKeys}) from another request whose id
 * clashes: a SHA-256 of the request's own values, small enough to keep for every item, computed alike
 * from the command and, on replay, from the event it stored.
 */
public final class RequestFingerprint {

    private static final char SEPARATOR = '\u001f';
    private static final String NULL = "\u0000";

    private RequestFingerprint() {
    }

    /**
     * @param values the values the client chose (records, lists, numbers, dates and enums by their
     *               {@code toString}, which is stable for each); null is a value of its own
     */
    public static String of(Object... values) {
        StringBuilder text = new StringBuilder();
        for (Object value : values) {
            String part = value == null ? NULL : value.toString();
            // each value with its length: no two different lists of values give the same text
            text.append(part.length()).append(SEPARATOR).append(part).append(SEPARATOR);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The refusal of a request that is not the one which created the item with its id: as the
     * Idempotency-Key filter answers a key used for another request, 422 naming the header.
     *
     * @param item what the id names, e.g. "report r-1"
     */
    public static DomainException clash(String item) {
        return new DomainException(HttpStatus.UNPROCESSABLE_ENTITY, "The " + item + " was created by another request "
                + "with this Idempotency-Key; use a new key for a new request.",
                List.of(new FieldProblem(IdempotencyKeyFilter.HEADER, "used for another request")));
    }
}
