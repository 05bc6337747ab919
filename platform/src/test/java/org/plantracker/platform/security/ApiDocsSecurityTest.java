package org.plantracker.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bearer scheme is required on every operation of a service's document but those the service
 * opens without a token, and the document as written (JSON) says so: an open operation carries an
 * empty requirement that overrides the document's default, which a client generator reads as "no token".
 */
class ApiDocsSecurityTest {

    @Test
    void everyOperationNeedsTheBearerTokenButTheTokenFreePaths() {
        OpenAPI api = new OpenAPI().paths(new Paths()
                .addPathItem("/api/attachments/{attachmentId}/link", new PathItem().post(new Operation().operationId("link")))
                .addPathItem("/api/attachments/links/{token}", new PathItem().get(new Operation().operationId("download"))));

        new ApiDocsSecurityAutoConfiguration().bearerTokenSecurity(new String[]{"/api/attachments/links/*"}).customise(api);

        JsonNode doc = Json.mapper().valueToTree(api);
        assertThat(doc.at("/components/securitySchemes/bearer/bearerFormat").asText()).isEqualTo("JWT");
        assertThat(doc.at("/security/0").has("bearer")).as("the document's default").isTrue();
        assertThat(doc.at("/paths/~1api~1attachments~1{attachmentId}~1link/post/security/0").has("bearer")).isTrue();
        JsonNode open = doc.at("/paths/~1api~1attachments~1links~1{token}/get");
        assertThat(open.has("security")).as("an explicit requirement, not the document's default").isTrue();
        assertThat(open.get("security").isArray() && open.get("security").isEmpty()).isTrue();
    }
}
