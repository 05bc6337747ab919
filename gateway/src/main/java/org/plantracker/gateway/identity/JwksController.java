package org.plantracker.gateway.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import org.plantracker.platform.security.AccessTokens;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The public keys that verify the gateway's RS256 access tokens, as a JWK set: the services fetch
 * it ({@code plan-tracker.security.jwk-set-uri}) and hold no key that could sign. During a key
 * rotation it lists the new key and the earlier ones. 404 only when HS256 is configured explicitly (no key to publish).
 */
@RestController
public class JwksController {

    public static final String PATH = "/.well-known/jwks.json";

    private final AccessTokens tokens;

    public JwksController(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "The public keys (JWK set) that verify access tokens")
    public ResponseEntity<Map<String, Object>> keys() {
        return tokens.publicJwkSet().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
    }
}
