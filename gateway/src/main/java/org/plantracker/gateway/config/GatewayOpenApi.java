package org.plantracker.gateway.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's own OpenAPI document (login and /api/me); the services' documents are proxied. */
@Configuration
public class GatewayOpenApi {

    static final String BEARER = "bearer";

    @Bean
    public OpenAPI gatewayApiDescription() {
        return new OpenAPI()
                .info(new Info()
                        .title("plan-tracker gateway")
                        .version("0.1.0")
                        .description("Log in with POST /api/auth/login, then send Authorization: Bearer <accessToken> "
                                + "on every call. The other services' APIs are listed in the API docs UI."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
