package org.plantracker.platform.limits;

import java.io.IOException;

/** A request body went past its limit while it was being read (a body sent without Content-Length). */
public class RequestTooLargeException extends IOException {

    private final long limit;

    public RequestTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The human sentence a client gets with 413. */
    public static String detail(long limit) {
        return "The request body is larger than this call accepts (at most " + (limit >= 1024 ? limit / 1024 + " KiB" : limit + " bytes") + ").";
    }
}
