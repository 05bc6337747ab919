package org.plantracker.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Each service's OpenAPI document, served through the gateway at /v3/api-docs/{service} for the
 * API docs UI. The API routes themselves are declared in application.yml.
 */
@Configuration
public class ApiDocsRoutes {

    public static final String API_DOCS_PATH = "/v3/api-docs";

    private final ObjectMapper json;

    public ApiDocsRoutes(ObjectMapper json) {
        this.json = json;
    }

    @Bean
    public RouteLocator serviceApiDocs(RouteLocatorBuilder builder, ServiceUrls urls) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        Map<String, URI> services = Map.of(
                ServiceUrls.TASK_SERVICE, urls.taskUrl(),
                ServiceUrls.PROGRESS_SERVICE, urls.progressUrl(),
                ServiceUrls.NOTIFICATION_SERVICE, urls.notificationUrl());
        services.forEach((service, url) -> routes.route(service + "-api-docs", r -> r
                .order(0)
                .path(API_DOCS_PATH + "/" + service)
                .filters(f -> f
                        .setPath(API_DOCS_PATH)
                        .modifyResponseBody(String.class, String.class,
                                (exchange, body) -> body == null ? Mono.empty() : Mono.just(throughGateway(body))))
                .metadata("service", service)
                .uri(url)));
        return routes.build();
    }

    /**
     * A service describes itself at its own address, which clients cannot reach; "Try it out" in
     * the docs UI must go through the gateway, so the document's servers become the gateway.
     */
    String throughGateway(String document) {
        try {
            JsonNode tree = json.readTree(document);
            if (!(tree instanceof ObjectNode openApi)) {
                return document;
            }
            openApi.putArray("servers").addObject()
                    .put("url", "/")
                    .put("description", "through the gateway");
            return json.writeValueAsString(openApi);
        } catch (IOException notJson) {
            return document;
        }
    }
}
