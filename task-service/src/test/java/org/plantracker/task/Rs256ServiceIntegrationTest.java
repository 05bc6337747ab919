package org.plantracker.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.security.AccessTokens;
import org.plantracker.platform.security.Roles;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * task-service configured with the gateway's JWK set: an RS256 token of the gateway's key opens it,
 * a token made with the shared HS256 secret (still configured here) no longer does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class Rs256ServiceIntegrationTest {

    private static final AccessTokens GATEWAY = AccessTokens.rs256(rsaPrivateKey(), List.of());
    private static final HttpServer JWKS = serveJwks();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "task_rs256");
        registry.add("plan-tracker.security.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/.well-known/jwks.json");
    }

    @AfterAll
    static void stop() {
        JWKS.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void theGatewaysRs256TokenOpensTheServiceAndTheSharedSecretNoLongerDoes() throws Exception {
        String rs256 = "Bearer " + GATEWAY.issue(new Actor("jixi-committee", "jixi-committee", Set.of(Roles.SUPERVISOR)),
                "市关工委", Duration.ofMinutes(5));
        assertThat(get("/api/units/jixi-mishan", rs256).statusCode()).isEqualTo(200);
        assertThat(get("/api/units/jixi-mishan", TestTokens.supervisor("jixi-committee")).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String rsaPrivateKey() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer serveJwks() {
        try {
            byte[] body = new ObjectMapper().writeValueAsBytes(GATEWAY.publicJwkSet().orElseThrow());
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
