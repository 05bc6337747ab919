package org.plantracker.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.test.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's generated OpenAPI document declares the bearer JWT scheme and every operation in it
 * requires that scheme (platform's ApiDocsSecurityAutoConfiguration; the document itself is open).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ApiDocsSecurityIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "task_apidocs");
    }

    @LocalServerPort
    int port;

    @Test
    void theDocumentDeclaresTheBearerSchemeAndEveryOperationRequiresIt() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = new ObjectMapper().readTree(response.body());

        JsonNode scheme = doc.path("components").path("securitySchemes").path("bearer");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asText()).isEqualTo("JWT");

        List<String> operations = new ArrayList<>();
        List<String> unsecured = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = methods.next();
                String name = operation.getKey() + " " + path.getKey();
                operations.add(name);
                JsonNode security = operation.getValue().path("security");
                if (!security.isArray() || security.isEmpty() || !security.get(0).has("bearer")) {
                    unsecured.add(name);
                }
            }
        }
        assertThat(operations).as("the document lists the service's operations").hasSizeGreaterThan(10)
                .contains("post /api/plans/import");
        assertThat(unsecured).as("operations without the bearer scheme").isEmpty();
    }
}
