package org.plantracker.platform.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.util.AntPathMatcher;

import java.util.List;

/**
 * Every service's OpenAPI document says how its operations are secured: the bearer JWT scheme the
 * gateway's access tokens are, required by every operation (a service's documents list no open
 * operation: health and the documents themselves are not in them), except the paths the service
 * opens without a token ({@code plan-tracker.security.token-free-paths}, e.g. an evidence download by
 * signed link), which say so with an empty requirement. A client generator or the API docs UI then
 * sends the token without being told, and only where it is needed.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiDocsSecurityAutoConfiguration {

    /** The scheme's name in the documents (the gateway's own document uses the same). */
    public static final String BEARER = "bearer";

    @Bean
    public OpenApiCustomizer bearerTokenSecurity(@Value("${plan-tracker.security.token-free-paths:}") String[] tokenFree) {
        AntPathMatcher matcher = new AntPathMatcher();
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSecuritySchemes(BEARER, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                    .description("The access token from the gateway's POST /api/auth/login (RS256, verified against /.well-known/jwks.json)"));
            // applied to each operation, not only as the document's default, so a reader of one operation sees it
            if (api.getPaths() != null) {
                api.getPaths().forEach((template, path) -> {
                    // a path template's variables ({token}) stand for one segment, as the patterns' * does
                    String concrete = template.replaceAll("\\{[^}]+}", "x");
                    boolean open = java.util.Arrays.stream(tokenFree).anyMatch(pattern -> matcher.match(pattern.trim(), concrete));
                    path.readOperations().forEach(operation -> {
                        if (open) {
                            operation.setSecurity(List.of()); // overrides the document's default: no token
                        } else if (operation.getSecurity() == null) {
                            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                        }
                    });
                });
            }
            api.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
        };
    }
}
