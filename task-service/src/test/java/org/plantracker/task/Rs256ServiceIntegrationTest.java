package org.plantracker.task;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.security.AccessTokens;
import org.plantracker.platform.security.Roles;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * task-service verifying against the gateway's JWK set during a key rotation: the gateway signs with
 * its new key and still publishes the previous one, so a token signed before the switch opens the
 * service as well as a new one; a token of a key not published, or HS256 with a secret, does not;
 * and the service holds no key that could sign a token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class Rs256ServiceIntegrationTest {

    private static final String PREVIOUS_KEY = TestTokens.newRsaKey();
    private static final AccessTokens BEFORE_ROTATION = AccessTokens.rs256(PREVIOUS_KEY, List.of());
    /** The gateway after the rotation: signs with a new key, publishes the previous public key too. */
    private static final AccessTokens GATEWAY = AccessTokens.rs256(TestTokens.newRsaKey(), List.of(AccessTokens.publicKeyOf(PREVIOUS_KEY)));
    private static final HttpServer JWKS = TestTokens.serveJwks(GATEWAY);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Actor SUPERVISOR = new Actor("jixi-committee", "jixi-committee", Set.of(Roles.SUPERVISOR));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "task_rs256");
        registry.add("plan-tracker.security.jwk-set-uri", () -> TestTokens.jwkSetUri(JWKS));
    }

    @AfterAll
    static void stop() {
        JWKS.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    AccessTokens serviceTokens;

    @Test
    void duringTheOverlapTokensOfTheNewAndThePreviousKeyOpenTheServiceAndNoOthers() throws Exception {
        String current = "Bearer " + GATEWAY.issue(SUPERVISOR, "市关工委", Duration.ofMinutes(5));
        String previous = "Bearer " + BEFORE_ROTATION.issue(SUPERVISOR, "市关工委", Duration.ofMinutes(5));
        assertThat(get("/api/units/jixi-mishan", current).statusCode()).isEqualTo(200);
        assertThat(get("/api/units/jixi-mishan", previous).statusCode()).isEqualTo(200);

        // a key the gateway does not publish (the test JVM's usual one), and a shared-secret token
        assertThat(get("/api/units/jixi-mishan", TestTokens.supervisor("jixi-committee")).statusCode()).isEqualTo(401);
        String hs256 = "Bearer " + new AccessTokens("a-shared-secret-of-at-least-thirty-two-bytes")
                .issue(SUPERVISOR, "市关工委", Duration.ofMinutes(5));
        assertThat(get("/api/units/jixi-mishan", hs256).statusCode()).isEqualTo(401);
    }

    @Test
    void theServiceHoldsNoKeyThatCouldSignAToken() {
        assertThatThrownBy(() -> serviceTokens.issue(SUPERVISOR, "市关工委", Duration.ofMinutes(5)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(serviceTokens.publicJwkSet()).isEmpty();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
