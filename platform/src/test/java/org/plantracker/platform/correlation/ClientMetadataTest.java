package org.plantracker.platform.correlation;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.axon.ActorMetadataInterceptor;
import org.plantracker.platform.axon.EventMetadata;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client recorded with a change comes from the verified token, never from what a request says
 * of itself in X-Client.
 */
class ClientMetadataTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aRequestsOwnXClientHeaderNeverReachesTheEventMetadata() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/tasks/t-1/reports");
        request.addHeader(RequestContext.CLIENT_HEADER, "city-committee-console");
        AtomicReference<Object> recorded = new AtomicReference<>();
        new CorrelationIdFilter().doFilter(request, new MockHttpServletResponse(),
                new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
                    @Override
                    protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                        recorded.set(stamp().getMetaData().get(EventMetadata.CLIENT));
                    }
                }));
        assertThat(recorded.get()).isEqualTo(RequestContext.WEB_CLIENT);
    }

    @Test
    void theVerifiedTokensClientClaimIsRecorded() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "HS256").subject("jixi-mishan").claim("unit", "jixi-mishan")
                .claim("roles", List.of("COUNTY_COMMITTEE")).claim("client", "mishan-county-system")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
        try (RequestContext.Scope ignored = RequestContext.open("c-1", RequestContext.WEB_CLIENT, null)) {
            CommandMessage<?> command = stamp();
            assertThat(command.getMetaData().get(EventMetadata.CLIENT)).isEqualTo("mishan-county-system");
            assertThat(command.getMetaData().get(EventMetadata.ACTOR_UNIT)).isEqualTo("jixi-mishan");
        }
    }

    private static CommandMessage<?> stamp() {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("a command");
        return new ActorMetadataInterceptor().handle(List.of(command)).apply(0, command);
    }
}
