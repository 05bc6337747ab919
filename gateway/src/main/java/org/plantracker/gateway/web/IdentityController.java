package org.plantracker.gateway.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import org.plantracker.gateway.identity.LoginService;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.AccessTokens;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/** Login and "who am I": the only endpoints the gateway answers itself. */
@RestController
public class IdentityController {

    static final int MAX_USERNAME = 128;
    static final int MAX_PASSWORD = 256;
    static final int MAX_REFRESH_TOKEN = 256;

    private final LoginService logins;

    public IdentityController(LoginService logins) {
        this.logins = logins;
    }

    @PostMapping("/api/auth/login")
    @SecurityRequirements
    @Operation(summary = "Log in", description = "Exchanges a username and password for a bearer access token.")
    public Mono<AccessTokenResponse> login(@RequestBody(required = false) LoginRequest request, ServerHttpRequest http) {
        List<FieldProblem> problems = problemsOf(request);
        if (!problems.isEmpty()) {
            return Mono.error(new DomainException(HttpStatus.BAD_REQUEST, "username and password are required", problems));
        }
        // the connection's peer, not a forwarding header a client could write
        java.net.InetSocketAddress peer = http.getRemoteAddress();
        String address = peer == null || peer.getAddress() == null ? "unknown" : peer.getAddress().getHostAddress();
        return logins.login(request.username(), request.password(), address)
                .map(IdentityController::response);
    }

    @PostMapping("/api/auth/refresh")
    @SecurityRequirements
    @Operation(summary = "Refresh the access token", description = "Exchanges a refresh token for a new access token "
            + "and a new refresh token; the one sent is refused from then on, and sending it again revokes the whole login.")
    public Mono<AccessTokenResponse> refresh(@RequestBody(required = false) RefreshRequest request) {
        String refreshToken = request == null ? null : request.refreshToken();
        if (refreshToken == null || refreshToken.isBlank()) {
            return Mono.error(new DomainException(HttpStatus.BAD_REQUEST, "refreshToken is required",
                    List.of(new FieldProblem("refreshToken", "must not be blank"))));
        }
        if (refreshToken.length() > MAX_REFRESH_TOKEN) {
            return Mono.error(new DomainException(HttpStatus.BAD_REQUEST, "refreshToken is too long",
                    List.of(new FieldProblem("refreshToken", "must be at most " + MAX_REFRESH_TOKEN + " characters"))));
        }
        return logins.refresh(refreshToken).map(IdentityController::response);
    }

    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @SecurityRequirements
    @Operation(summary = "Log out", description = "Revokes the refresh token sent (and every token of the same login); "
            + "the access token the call carries, if any, is refused by the gateway from then on.")
    public Mono<Void> logout(@RequestBody(required = false) RefreshRequest request, @AuthenticationPrincipal Jwt token) {
        String refreshToken = request == null ? null : request.refreshToken();
        logins.logout(refreshToken == null || refreshToken.length() > MAX_REFRESH_TOKEN ? null : refreshToken,
                token == null ? null : token.getId(), token == null ? null : token.getExpiresAt());
        return Mono.empty();
    }

    private static AccessTokenResponse response(LoginService.IssuedToken token) {
        return new AccessTokenResponse(token.accessToken(), "Bearer", token.lifetime().toSeconds(),
                token.refreshToken(), token.refreshLifetime().toSeconds());
    }

    @GetMapping("/api/me")
    @Operation(summary = "The caller", description = "Who the access token stands for: username, unit and roles.")
    public Me me(@AuthenticationPrincipal Jwt token) {
        String unitCode = token.getClaimAsString(AccessTokens.CLAIM_UNIT);
        List<String> roles = token.getClaimAsStringList(AccessTokens.CLAIM_ROLES);
        return new Me(token.getSubject(),
                unitCode == null ? null : new UnitRef(unitCode, token.getClaimAsString(AccessTokens.CLAIM_UNIT_NAME)),
                roles == null ? List.of() : roles);
    }

    private static List<FieldProblem> problemsOf(LoginRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        String username = request == null ? null : request.username();
        String password = request == null ? null : request.password();
        if (username == null || username.isBlank()) {
            problems.add(new FieldProblem("username", "must not be blank"));
        } else if (username.length() > MAX_USERNAME) {
            problems.add(new FieldProblem("username", "must be at most " + MAX_USERNAME + " characters"));
        }
        if (password == null || password.isEmpty()) {
            problems.add(new FieldProblem("password", "must not be blank"));
        } else if (password.length() > MAX_PASSWORD) {
            problems.add(new FieldProblem("password", "must be at most " + MAX_PASSWORD + " characters"));
        }
        return problems;
    }

    public record LoginRequest(String username, String password) {
        @Override
        public String toString() {
            return "LoginRequest[username=" + username + ", password=***]";
        }
    }

    public record AccessTokenResponse(String accessToken, String tokenType, long expiresIn,
                                      String refreshToken, long refreshExpiresIn) {
    }

    public record RefreshRequest(String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[refreshToken=***]";
        }
    }

    public record Me(String username, UnitRef unit, List<String> roles) {
    }

    public record UnitRef(String code, String name) {
    }
}
