package org.plantracker.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.problem.Problems;
import org.plantracker.platform.security.CurrentActor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A client may send any POST again with the same {@code Idempotency-Key} header (the IETF
 * draft's semantics) and get the first answer, with nothing stored twice: county offices work over
 * poor connections and cannot tell a lost answer from a lost request.
 *
 * <ul>
 *   <li>The first request with a key runs; its answer is kept for the caller and key when the request
 *       was carried out (2xx) or refused by the domain (403, 404, 410, 422).</li>
 *   <li>The same request again gets that answer, marked {@code Idempotent-Replayed: true}.</li>
 *   <li>The same key with another request (method, path, body): 422.</li>
 *   <li>While the first is still running: 409 with Retry-After.</li>
 *   <li>Any other answer (a malformed request, a conflict, a 5xx) is not kept: the client may send the
 *       request again with the same key.</li>
 * </ul>
 * Keys belong to the caller (the token's user): two users' keys never meet. A request that dies
 * half-way leaves its claim unanswered; after a while a retry takes it over, and what it creates gets
 * the same identifiers as the first attempt ({@link IdempotencyKeys}), which the aggregates recognise.
 */
public class IdempotencyKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    /** The headers of an answer that belong to it (the correlation id is the retry's own). */
    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION,
            HttpHeaders.ETAG);

    private final IdempotencyRecords records;
    private final ObjectMapper json;
    private final int maxBodyBytes;

    public IdempotencyKeyFilter(IdempotencyRecords records, ObjectMapper json, int maxBodyBytes) {
        this.records = records;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Actor> caller = CurrentActor.find();
        if (caller.isEmpty()) {
            chain.doFilter(request, response); // unauthenticated: security answers it
            return;
        }
        String key = request.getHeader(HEADER).trim();
        if (!valid(key)) {
            problem(response, HttpStatus.BAD_REQUEST, "The Idempotency-Key header must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters, e.g. a UUID.", new FieldProblem(HEADER, "not a valid key"));
            return;
        }
        byte[] body = readBody(request);
        if (body == null) {
            problem(response, HttpStatus.PAYLOAD_TOO_LARGE, "The request body is larger than "
                    + maxBodyBytes / 1024 + " KiB.", new FieldProblem("body", "too large"));
            return;
        }
        String principal = caller.get().username();
        IdempotencyRecords.Claim claim = records.claim(principal, key, fingerprint(request, body));
        if (claim instanceof IdempotencyRecords.Claim.Replay replay) {
            replay(replay.response(), response);
        } else if (claim instanceof IdempotencyRecords.Claim.OtherRequest) {
            problem(response, HttpStatus.UNPROCESSABLE_ENTITY,
                    "This Idempotency-Key was already used for another request; use a new key for a new request.",
                    new FieldProblem(HEADER, "used for another request"));
        } else if (claim instanceof IdempotencyRecords.Claim.InProgress) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problem(response, HttpStatus.CONFLICT, "The first request with this Idempotency-Key is still being "
                    + "answered; ask again in a moment.", new FieldProblem(HEADER, "request in progress"));
        } else {
            proceed(request, response, chain, principal, key, body);
        }
    }

    private void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String principal,
                         String key, byte[] body) throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        request.setAttribute(IdempotencyKeys.ATTRIBUTE, principal + '\u001f' + key);
        boolean completed = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), answer);
            if (keeps(answer.getStatus())) {
                records.complete(principal, key, new IdempotencyRecords.StoredResponse(answer.getStatus(),
                        headersOf(answer), answer.getContentAsByteArray()));
                completed = true;
            }
        } finally {
            if (!completed) {
                records.release(principal, key);
            }
            answer.copyBodyToResponse();
        }
    }

    /** Answers worth repeating: the request was carried out, or the domain refused it for good. */
    private static boolean keeps(int status) {
        return (status >= 200 && status < 300) || status == 403 || status == 404 || status == 410 || status == 422;
    }

    private static String headersOf(HttpServletResponse response) {
        StringBuilder headers = new StringBuilder();
        for (String name : REPLAYED_HEADERS) {
            String value = response.getHeader(name);
            if (value != null) {
                headers.append(name).append(": ").append(value).append('\n');
            }
        }
        return headers.toString();
    }

    private static void replay(IdempotencyRecords.StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        for (String line : stored.headers() == null ? new String[0] : stored.headers().split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                response.setHeader(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        response.setHeader(REPLAYED_HEADER, "true");
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body());
        }
    }

    private void problem(HttpServletResponse response, HttpStatus status, String detail, FieldProblem field)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), Problems.of(status, detail, List.of(field)));
    }

    private static boolean valid(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        return key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    /** The body, or null when it is larger than the limit (read no further than that). */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            return body.length > maxBodyBytes ? null : body;
        }
    }

    /** The request as the key must match it: method, path, query, content type and body. */
    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String head = request.getMethod() + '\n' + request.getRequestURI() + '?'
                    + (request.getQueryString() == null ? "" : request.getQueryString()) + '\n'
                    + (request.getContentType() == null ? "" : request.getContentType()) + '\n';
            sha256.update(head.getBytes(StandardCharsets.UTF_8));
            sha256.update(body);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The request with its body already read, so the controller reads it again. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
