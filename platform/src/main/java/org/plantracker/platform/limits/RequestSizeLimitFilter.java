package org.plantracker.platform.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.plantracker.platform.correlation.RequestContext;
import org.plantracker.platform.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses a request body larger than its limit before anything reads it: a declared Content-Length
 * over the limit is answered 413 at once (before authentication, the body unread); a body sent
 * without a length is counted as it is read and fails with {@link RequestTooLargeException} (413)
 * at the limit, so no handler ever holds more than the limit in memory.
 * Limits: {@code plan-tracker.web.max-request-size} (1 MB) and, per path pattern,
 * {@code plan-tracker.web.max-request-size-by-path.[/api/plans/import]=2MB}.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final long defaultLimit;
    private final Map<String, Long> byPath;
    private final ObjectMapper json;

    public RequestSizeLimitFilter(long defaultLimit, Map<String, Long> byPath, ObjectMapper json) {
        this.defaultLimit = defaultLimit;
        this.byPath = new LinkedHashMap<>(byPath);
        this.json = json;
    }

    long limitFor(String path) {
        for (Map.Entry<String, Long> entry : byPath.entrySet()) {
            if (PATHS.match(entry.getKey(), path)) {
                return entry.getValue();
            }
        }
        return defaultLimit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request.getRequestURI().substring(request.getContextPath().length()));
        if (request.getContentLengthLong() > limit) {
            refuse(response, limit);
            return;
        }
        try {
            chain.doFilter(request.getContentLengthLong() >= 0 ? request : new Limited(request, limit), response);
        } catch (RequestTooLargeException tooLarge) {
            // read past the limit by a filter (the idempotency key's fingerprint) rather than a handler
            if (response.isCommitted()) {
                throw tooLarge;
            }
            response.reset();
            refuse(response, limit);
        }
    }

    private void refuse(HttpServletResponse response, long limit) throws IOException {
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        RequestContext.currentCorrelationId().ifPresent(id -> response.setHeader(RequestContext.CORRELATION_HEADER, id));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        // the unread body is not drained: the connection closes after this answer
        response.setHeader("Connection", "close");
        json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, RequestTooLargeException.detail(limit)));
    }

    /** A request whose body (sent without a length) is counted as it is read. */
    static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counted(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    static final class Counted extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counted(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestTooLargeException {
            read += n;
            if (read > limit) {
                throw new RequestTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
