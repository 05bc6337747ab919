package org.plantracker.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.plantracker.gateway.config.ServiceUrls;
import org.plantracker.platform.correlation.RequestContext;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit API for clients: one call, however many services hold the facts. A trail (by task, unit
 * or user) is asked of every service with the caller's token and merged oldest first; verification
 * is asked of one service ({@code ?service=}) or of all. Each service decides what the caller may
 * read; a refusal by any of them is the answer.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "audit", description = "The audit trail across services and the tamper evidence of each service's events")
public class AuditGatewayController {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WebClient client;
    private final Map<String, URI> services;
    private final ObjectMapper json;

    public AuditGatewayController(WebClient.Builder builder, ServiceUrls urls, ObjectMapper json) {
        this.client = builder.build();
        this.json = json;
        this.services = new LinkedHashMap<>();
        services.put(ServiceUrls.TASK_SERVICE, urls.taskUrl());
        services.put(ServiceUrls.PROGRESS_SERVICE, urls.progressUrl());
        services.put(ServiceUrls.NOTIFICATION_SERVICE, urls.notificationUrl());
    }

    /** What one service answered. */
    record Answer(String service, int status, String contentType, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    @GetMapping("/tasks/{taskId}")
    @Operation(summary = "Every change to a task across the services, oldest first (city committee and auditors: all; a unit: its own share's)")
    public Mono<ResponseEntity<Object>> task(@PathVariable String taskId, @RequestParam(required = false) Integer limit,
                                             @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                                             @RequestHeader(value = RequestContext.CORRELATION_HEADER, required = false) String correlationId) {
        return merged("/api/audit/tasks/{id}", taskId, limit, authorization, correlationId);
    }

    @GetMapping("/units/{unitCode}")
    @Operation(summary = "Every change about a unit's shares or made by the unit, across the services, oldest first")
    public Mono<ResponseEntity<Object>> unit(@PathVariable String unitCode, @RequestParam(required = false) Integer limit,
                                             @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                                             @RequestHeader(value = RequestContext.CORRELATION_HEADER, required = false) String correlationId) {
        return merged("/api/audit/units/{id}", unitCode, limit, authorization, correlationId);
    }

    @GetMapping("/users/{username}")
    @Operation(summary = "Every change a user made, across the services, oldest first")
    public Mono<ResponseEntity<Object>> user(@PathVariable String username, @RequestParam(required = false) Integer limit,
                                             @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                                             @RequestHeader(value = RequestContext.CORRELATION_HEADER, required = false) String correlationId) {
        return merged("/api/audit/users/{id}", username, limit, authorization, correlationId);
    }

    @GetMapping("/verify")
    @Operation(summary = "Verifies one service's hash chain and signed checkpoints, or every service's without ?service= (city committee, auditor)")
    public Mono<ResponseEntity<Object>> verify(
            @Parameter(description = "task-service, progress-service or notification-service (or task, progress, notification); all when absent")
            @RequestParam(required = false) String service,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RequestHeader(value = RequestContext.CORRELATION_HEADER, required = false) String correlationId) {
        if (service != null) {
            return one(HttpMethod.GET, service, "/api/audit/verify", authorization, correlationId);
        }
        return Flux.fromIterable(services.keySet())
                .flatMapSequential(name -> call(HttpMethod.GET, name, URI.create(services.get(name) + "/api/audit/verify"),
                        authorization, correlationId))
                .collectList()
                .map(answers -> {
                    ResponseEntity<Object> refused = firstRefusal(answers);
                    if (refused != null) {
                        return refused;
                    }
                    ObjectNode all = json.createObjectNode();
                    ArrayNode reports = all.putArray("services");
                    boolean intact = true;
                    for (Answer answer : answers) {
                        JsonNode report = read(answer.body());
                        intact &= report.path("intact").asBoolean(false);
                        reports.add(report);
                    }
                    all.put("intact", intact);
                    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(all);
                });
    }

    @GetMapping("/checkpoints")
    @Operation(summary = "A service's signed checkpoints, to keep outside the system (city committee, auditor)")
    public Mono<ResponseEntity<Object>> checkpoints(@RequestParam String service,
                                                    @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                                                    @RequestHeader(value = RequestContext.CORRELATION_HEADER, required = false) String correlationId) {
        return one(HttpMethod.GET, service, "/api/audit/checkpoints", authorization, correlationId);
    }

    @PostMapping("/checkpoints")
    @Operation(summary = "Has a service sign its chain head now (city committee)")
    public Mono<ResponseEntity<Object>> checkpointNow(@RequestParam String service,
                                                      @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                                                      @RequestHeader(value = RequestContext.CORRELATION_HEADER, required = false) String correlationId) {
        return one(HttpMethod.POST, service, "/api/audit/checkpoints", authorization, correlationId);
    }

    @GetMapping("/export")
    @Operation(summary = "A service's signed chain export for inspectors (city committee, auditor)")
    public Mono<ResponseEntity<Object>> export(@RequestParam String service, @RequestParam(required = false) Long from,
                                               @RequestParam(required = false) Integer limit,
                                               @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                                               @RequestHeader(value = RequestContext.CORRELATION_HEADER, required = false) String correlationId) {
        StringBuilder path = new StringBuilder("/api/audit/export?");
        if (from != null) {
            path.append("from=").append(from).append('&');
        }
        if (limit != null) {
            path.append("limit=").append(limit);
        }
        return one(HttpMethod.GET, service, path.toString(), authorization, correlationId);
    }

    @GetMapping("/key")
    @Operation(summary = "The public key that verifies a service's checkpoints (city committee, auditor)")
    public Mono<ResponseEntity<Object>> key(@RequestParam String service,
                                            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                                            @RequestHeader(value = RequestContext.CORRELATION_HEADER, required = false) String correlationId) {
        return one(HttpMethod.GET, service, "/api/audit/key", authorization, correlationId);
    }

    private Mono<ResponseEntity<Object>> one(HttpMethod method, String service, String path, String authorization,
                                             String correlationId) {
        String name = serviceName(service);
        if (name == null) {
            return Mono.just(problem(HttpStatus.BAD_REQUEST, "service must be one of " + String.join(", ", services.keySet()) + ".",
                    List.of(new FieldProblem("service", "must be one of " + String.join(", ", services.keySet())))));
        }
        return call(method, name, URI.create(services.get(name) + path), authorization, correlationId).map(answer -> {
            if (answer.status() >= 500 || answer.status() == 0) {
                return unavailable(answer.service());
            }
            ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status());
            if (answer.contentType() != null) {
                response.contentType(MediaType.parseMediaType(answer.contentType()));
            }
            return answer.body() == null || answer.body().isEmpty() ? response.build() : response.body(answer.body());
        });
    }

    private Mono<ResponseEntity<Object>> merged(String pathTemplate, String id, Integer limit, String authorization,
                                                String correlationId) {
        return Flux.fromIterable(services.keySet())
                .flatMapSequential(name -> {
                    UriComponentsBuilder uri = UriComponentsBuilder.fromUri(services.get(name)).path(pathTemplate);
                    if (limit != null) {
                        uri.queryParam("limit", limit);
                    }
                    return call(HttpMethod.GET, name, uri.buildAndExpand(id).encode().toUri(), authorization, correlationId);
                })
                .collectList()
                .map(answers -> {
                    ResponseEntity<Object> refused = firstRefusal(answers);
                    if (refused != null) {
                        return refused;
                    }
                    List<JsonNode> entries = new ArrayList<>();
                    boolean truncated = false;
                    for (Answer answer : answers) {
                        JsonNode trail = read(answer.body());
                        trail.path("entries").forEach(entries::add);
                        truncated |= trail.path("truncated").asBoolean(false);
                    }
                    entries.sort(Comparator.comparing((JsonNode e) -> instant(e.path("time").asText()))
                            .thenComparing(e -> e.path("service").asText())
                            .thenComparingLong(e -> e.path("position").asLong()));
                    ObjectNode trail = json.createObjectNode();
                    trail.putArray("entries").addAll(entries);
                    trail.put("truncated", truncated);
                    ArrayNode consulted = trail.putArray("services");
                    services.keySet().forEach(consulted::add);
                    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(trail);
                });
    }

    /** The first service's refusal (4xx) as the answer, or 503 naming a service that could not answer. */
    private ResponseEntity<Object> firstRefusal(List<Answer> answers) {
        for (Answer answer : answers) {
            if (answer.status() >= 400 && answer.status() < 500) {
                ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status());
                if (answer.contentType() != null) {
                    response.contentType(MediaType.parseMediaType(answer.contentType()));
                }
                return response.body(answer.body());
            }
        }
        for (Answer answer : answers) {
            if (!answer.ok()) {
                return unavailable(answer.service());
            }
        }
        return null;
    }

    private ResponseEntity<Object> unavailable(String service) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "The audit records of " + service
                + " cannot be read right now; nothing is answered in part. Try again shortly.", List.of());
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = Problems.of(status, detail, errors);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private Mono<Answer> call(HttpMethod method, String service, URI uri, String authorization, String correlationId) {
        return client.method(method).uri(uri)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .headers(h -> {
                    if (correlationId != null) {
                        h.set(RequestContext.CORRELATION_HEADER, correlationId);
                    }
                })
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> new Answer(service, response.statusCode().value(),
                                response.headers().contentType().map(MediaType::toString).orElse(null), body)))
                .timeout(TIMEOUT)
                .onErrorResume(unreachable -> Mono.just(new Answer(service, 0, null, null)));
    }

    private String serviceName(String service) {
        if (service == null) {
            return null;
        }
        String name = service.endsWith("-service") ? service : service + "-service";
        return services.containsKey(name) ? name : null;
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body == null ? "{}" : body);
        } catch (IOException notJson) {
            return json.createObjectNode();
        }
    }

    private static Instant instant(String time) {
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException unreadable) {
            return Instant.EPOCH;
        }
    }
}
