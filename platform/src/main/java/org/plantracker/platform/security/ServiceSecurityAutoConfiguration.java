package org.plantracker.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.plantracker.platform.problem.Problems;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every service verifies the gateway's token itself. Health and the API description are open;
 * everything else needs a valid token. Failures answer as problem details.
 */
@AutoConfiguration(before = SecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ServiceSecurityAutoConfiguration {

    /** The gateway on this machine at its default port: where a service finds the keys when told nothing else. */
    public static final String DEFAULT_JWK_SET_URI = "http://localhost:8080/.well-known/jwks.json";

    @Bean
    @ConditionalOnMissingBean
    public AccessTokens accessTokens(@Value("${plan-tracker.security.jwt-secret:}") String secret,
                                     @Value("${plan-tracker.security.jwk-set-uri:}") String jwkSetUri) {
        // with the gateway's JWK set the service verifies RS256 tokens and holds no key that could sign one;
        // a shared HS256 secret only when one is set explicitly and no JWK set is
        if (jwkSetUri.isBlank() && !secret.isBlank()) {
            return new AccessTokens(secret);
        }
        return AccessTokens.jwkSet(jwkSetUri.isBlank() ? DEFAULT_JWK_SET_URI : jwkSetUri);
    }

    @Bean
    @ConditionalOnMissingBean
    public JwtDecoder jwtDecoder(AccessTokens tokens) {
        return tokens.servletDecoder();
    }

    /**
     * No observation per security filter, authentication and authorization: wrapped around each of
     * the chain's filters they took about a tenth of a service's CPU per request (JFR, in the
     * benchmark), for spans nobody collects. Requests are still timed as a whole (http.server.requests).
     */
    @Bean
    @ConditionalOnMissingBean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    public SecurityFilterChain serviceSecurity(HttpSecurity http, ObjectMapper json,
            @Value("${plan-tracker.security.supervisor-only-paths:}") String[] supervisorOnly,
            @Value("${plan-tracker.security.token-free-paths:}") String[] tokenFree) throws Exception {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(AccessTokens::authorities);
        // a stateless API: no session, no saved request to return to, no logout endpoint
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(a -> {
                    a.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                            "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll();
                    if (tokenFree.length > 0) {
                        // paths that carry their own proof (a signed, short-lived link) instead of a token: read with
                        // GET only; another method there is another operation (POST /api/attachments/{id}/erasure
                        // with the id "links") and needs its token
                        a.requestMatchers(HttpMethod.GET, tokenFree).permitAll();
                    }
                    if (supervisorOnly.length > 0) {
                        // decided before a body is read (the plan import's document, say); the domain checks again
                        a.requestMatchers(supervisorOnly).hasRole(Roles.SUPERVISOR);
                    }
                    a.anyRequest().authenticated();
                })
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint((req, res, ex) -> write(res, json, HttpStatus.UNAUTHORIZED,
                                "A valid access token is required: log in through the gateway and send Authorization: Bearer <token>.")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> write(res, json, HttpStatus.UNAUTHORIZED,
                                "A valid access token is required: log in through the gateway and send Authorization: Bearer <token>."))
                        .accessDeniedHandler((req, res, ex) -> write(res, json, HttpStatus.FORBIDDEN,
                                matchesAny(supervisorOnly, req.getRequestURI()) ? "Only the city committee may do this."
                                        : "Your unit may not do this.")));
        return http.build();
    }

    /**
     * The firewall's refusal of an ambiguous path (an encoded slash or NUL, a dot-segment) as a
     * problem document; Spring Security's default rethrows it and the container answers its own 400
     * or 500. {@code WebSecurity} uses a bean of this type.
     */
    @Bean
    @ConditionalOnMissingBean
    public RequestRejectedHandler requestRejectedProblems(ObjectMapper json) {
        return (request, response, rejected) -> write(response, json, HttpStatus.BAD_REQUEST,
                "The request path holds characters that are not allowed (an encoded slash, NUL or dot-segment).");
    }

    private static void write(HttpServletResponse response, ObjectMapper json, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = Problems.of(status, detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }

    private static boolean matchesAny(String[] patterns, String path) {
        org.springframework.util.AntPathMatcher matcher = new org.springframework.util.AntPathMatcher();
        for (String pattern : patterns) {
            if (matcher.match(pattern, path)) {
                return true;
            }
        }
        return false;
    }
}
