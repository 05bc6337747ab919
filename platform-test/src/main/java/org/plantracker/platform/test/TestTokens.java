package org.plantracker.platform.test;

import com.sun.net.httpserver.HttpServer;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.security.AccessTokens;
import org.plantracker.platform.security.Roles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Access tokens as the gateway issues them: RS256, signed with a key made for this test JVM, whose
 * public half is published as a JWK set on a loopback port ({@link #jwkSetUri()}). The services under
 * test verify against that set, as they verify against the gateway's, and hold no key themselves.
 */
public final class TestTokens {

    private static final AccessTokens TOKENS = AccessTokens.rs256(newRsaKey(), List.of());
    private static HttpServer jwks;

    private TestTokens() {
    }

    /** The test issuer itself, for a token of an unusual shape (no unit, say). */
    public static AccessTokens issuer() {
        return TOKENS;
    }

    /** Where this JVM's test JWK set is served (started on first use, for the JVM's life). */
    public static synchronized String jwkSetUri() {
        if (jwks == null) {
            HttpServer server = serveJwks(TOKENS);
            jwks = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        }
        return jwkSetUri(jwks);
    }

    /** The JWK set of {@code issuer} served on a loopback port, as the gateway serves its own; stop it when done. */
    public static HttpServer serveJwks(AccessTokens issuer) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(issuer.publicJwkSet().orElseThrow());
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            // daemon threads: a server nobody stopped keeps no test JVM alive
            server.setExecutor(runnable -> {
                Thread thread = new Thread(runnable, "test-jwks");
                thread.setDaemon(true);
                thread.start();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the test JWK set", e);
        }
    }

    public static String jwkSetUri(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    public static String bearer(String unitCode, String... roles) {
        return "Bearer " + TOKENS.issue(new Actor(unitCode, unitCode, Set.of(roles)), unitCode, Duration.ofMinutes(30));
    }

    public static String supervisor(String unitCode) {
        return bearer(unitCode, Roles.SUPERVISOR);
    }

    public static String county(String unitCode) {
        return bearer(unitCode, Roles.COUNTY_COMMITTEE);
    }

    public static String unit(String unitCode) {
        return bearer(unitCode, Roles.UNIT);
    }

    public static String expired(String unitCode) {
        return "Bearer " + TOKENS.issue(new Actor(unitCode, unitCode, Set.of(Roles.UNIT)), unitCode, Duration.ofSeconds(-120));
    }

    /** A new RSA private key (2048 bits), base64 PKCS#8: what the gateway's signing-key setting takes. */
    public static String newRsaKey() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
