package org.plantracker.platform.correlation;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Takes the correlation id the gateway set (or makes one when a service is called directly),
 * binds it for logs and event metadata, and returns it on the response.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String incoming = request.getHeader(RequestContext.CORRELATION_HEADER);
        String correlationId = incoming == null || incoming.isBlank() || incoming.length() > 128
                ? RequestContext.newCorrelationId() : incoming;
        response.setHeader(RequestContext.CORRELATION_HEADER, correlationId);
        // the client recorded with a change is never what a request says of itself (X-Client is
        // ignored): a web request's, unless its verified token names a client (ActorMetadataInterceptor)
        try (RequestContext.Scope ignored = RequestContext.open(correlationId, RequestContext.WEB_CLIENT, null)) {
            chain.doFilter(request, response);
        }
    }
}
