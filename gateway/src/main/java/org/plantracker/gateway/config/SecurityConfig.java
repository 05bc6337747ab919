package org.plantracker.gateway.config;

import org.plantracker.gateway.problem.ProblemResponses;
import org.plantracker.gateway.identity.JwksController;
import org.plantracker.gateway.identity.RevokedAccessTokens;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.plantracker.platform.security.AccessTokens;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.plantracker.platform.security.VerifiedTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import reactor.core.publisher.Mono;

import java.util.List;


/**
 * The gateway checks the access token on everything but login, health, the API docs and the
 * web client's files (module web-client); the services check it again themselves (the header passes through unchanged).
 * Stateless: no session, no saved requests, no CSRF (no cookies are used).
 */
@Configuration
@EnableWebFluxSecurity
public class SecurityConfig {

    static final String[] OPEN_PATHS = {
            "/actuator/health", "/actuator/health/**",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**",
            // the web client: its page, its built scripts and styles, its icon (it logs in itself)
            "/", "/index.html", "/assets/**", "/favicon.svg", "/favicon.ico",
            // the public keys that verify the access tokens (RS256)
            JwksController.PATH,
            // evidence downloads by short-lived signed link: the link is the permission (progress-service checks it)
            "/api/attachments/links/*"};

    @Bean
    public AccessTokens accessTokens(@Value("${plan-tracker.security.jwt-secret:}") String secret,
                                     @Value("${plan-tracker.security.signing-key:}") String signingKey,
                                     @Value("${plan-tracker.security.earlier-public-keys:}") List<String> earlierPublicKeys) {
        // RS256 when the gateway has a signing key (the services then verify against /.well-known/jwks.json)
        return signingKey.isBlank() ? new AccessTokens(secret) : AccessTokens.rs256(signingKey, earlierPublicKeys);
    }

    @Bean
    public ReactiveJwtDecoder jwtDecoder(AccessTokens tokens, RevokedAccessTokens revoked) {
        ReactiveJwtDecoder decoder;
        if (tokens.signsRs256()) {
            JwtDecoder rs256 = tokens.servletDecoder();
            decoder = token -> Mono.fromCallable(() -> rs256.decode(token));
        } else {
            decoder = tokens.reactiveDecoder();
        }
        VerifiedTokens verified = tokens.verifiedTokens();
        ReactiveJwtDecoder remembering = token -> {
            Jwt known = verified.recall(token);
            return known != null ? Mono.just(known) : decoder.decode(token).doOnNext(jwt -> verified.remember(token, jwt));
        };
        // a token revoked by a logout (or with its refresh token's family) is refused until it expires
        return token -> remembering.decode(token).flatMap(jwt -> revoked.isRevoked(jwt.getId())
                ? Mono.error(new BadJwtException("the access token has been revoked"))
                : Mono.just(jwt));
    }

    /**
     * No observation per security filter, authentication and authorization (each request went
     * through a dozen of them; JFR showed them among the gateway's largest costs). Requests are still
     * timed as a whole.
     */
    @Bean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    public SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
                                                  ProblemResponses problems) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, error) -> {
            boolean badToken = error instanceof InvalidBearerTokenException
                    || exchange.getRequest().getHeaders().containsKey(HttpHeaders.AUTHORIZATION);
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, badToken
                    ? "The access token is missing, invalid, expired or revoked: refresh it with POST /api/auth/refresh or log in again with POST /api/auth/login."
                    : "A valid access token is required: log in with POST /api/auth/login and send Authorization: Bearer <accessToken>.");
        };
        ServerAccessDeniedHandler forbidden = (exchange, denied) ->
                problems.write(exchange, HttpStatus.FORBIDDEN, "Your unit may not do this.");
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(a -> a
                        .pathMatchers(HttpMethod.POST, "/api/auth/login", "/api/auth/refresh", "/api/auth/logout").permitAll()
                        .pathMatchers(OPEN_PATHS).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtDecoder(decoder).jwtAuthenticationConverter(rolesAsAuthorities()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    /** Same authorities as the services: ROLE_<role> for each role claim. */
    private static ReactiveJwtAuthenticationConverterAdapter rolesAsAuthorities() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(AccessTokens::authorities);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }
}
