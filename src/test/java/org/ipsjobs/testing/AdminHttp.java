package org.ipsjobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Raw HTTP calls to the admin API, answers parsed as JSON trees: what the tests assert on. */
public final class AdminHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    public AdminHttp(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The admin API of a server whose SOAP endpoint is at {@code endpoint}. */
    public static AdminHttp of(URI endpoint) {
        return new AdminHttp(endpoint.resolve("/__admin/"), null);
    }

    public AdminHttp withToken(String newToken) {
        return new AdminHttp(base, newToken);
    }

    /** An answer: status, body as text and as JSON (null when it is not JSON), and a header. */
    public record Answer(int status, String body, JsonNode json, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Answer get(String path) {
        return send("GET", path, null);
    }

    public Answer post(String path, String json) {
        return send("POST", path, json);
    }

    public Answer patch(String path, String json) {
        return send("PATCH", path, json);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null);
    }

    public Answer send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            } catch (IOException notJson) {
                // left null: the caller asserts on the text
            }
            return new Answer(response.statusCode(), response.body(), json, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A handle as a path segment. */
    public static String segment(String handle) {
        return java.net.URLEncoder.encode(handle, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
