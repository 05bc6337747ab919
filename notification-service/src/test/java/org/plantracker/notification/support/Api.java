package org.plantracker.notification.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Calls to the service's API as a unit's client makes them: a bearer token and JSON. */
public final class Api {

    private final TestRestTemplate http;

    public Api(TestRestTemplate http) {
        this.http = http;
    }

    public ResponseEntity<JsonNode> get(String bearer, String path) {
        return call(HttpMethod.GET, bearer, path, null);
    }

    public ResponseEntity<JsonNode> post(String bearer, String path, Object body) {
        return call(HttpMethod.POST, bearer, path, body);
    }

    public ResponseEntity<JsonNode> put(String bearer, String path, Object body) {
        return call(HttpMethod.PUT, bearer, path, body);
    }

    public ResponseEntity<JsonNode> call(HttpMethod method, String bearer, String path, Object body) {
        return http.exchange(path, method, new HttpEntity<>(body, headers(bearer)), JsonNode.class);
    }

    public static HttpHeaders headers(String bearer) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, bearer);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }
}
