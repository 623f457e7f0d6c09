package org.ipsjobs.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A small typed client of the admin API (/__admin), for Java tests: in process through
 * {@link IpsJobServiceExtension}, or against a server running elsewhere. Every call throws
 * {@link AdminException} when the server refuses it.
 */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    /**
     * @param server the server's base address, such as {@code http://127.0.0.1:8080}
     * @param token the admin token, or null when the server needs none
     */
    public AdminClient(URI server, String token) {
        this.base = server.resolve("/__admin/");
        this.token = token;
    }

    /** The admin API refused a call: its status and the error it gave. */
    public static final class AdminException extends RuntimeException {
        private final int status;

        AdminException(int status, String message) {
            super("admin API answered " + status + ": " + message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public record Health(String status, String version, int jobs, int schedules) {
    }

    /** @param mode real, offset or frozen */
    public record Clock(String mode, Instant now, Duration offset) {
    }

    /** @param kind queued, started, finished or expired */
    public record Event(String kind, String run, Instant at, String detail) {
    }

    public record Advance(Instant from, Instant to, List<Event> events) {
    }

    /** One journalled request; {@code fault} is null when it was answered without one. */
    public record Request(long id, Instant time, String entryPoint, String operation, String caller, String company,
            List<String> handles, String fault, int code, String requestBody) {
    }

    public Health health() {
        JsonNode j = call("GET", "health", null);
        return new Health(j.path("status").asText(), j.path("version").asText(), j.path("jobs").asInt(),
                j.path("schedules").asInt());
    }

    /** Forgets every job, schedule, log, fault rule and journal entry. */
    public void reset() {
        call("POST", "reset", null);
    }

    public Clock clock() {
        return clock(call("GET", "clock", null));
    }

    public Clock freezeClock(Instant at) {
        return clock(call("POST", "clock", JSON.createObjectNode().put("frozenAt", at.toString())));
    }

    public Clock offsetClock(Duration offset) {
        return clock(call("POST", "clock", JSON.createObjectNode().put("offset", offset.toString())));
    }

    public Clock realClock() {
        return clock(call("POST", "clock", JSON.createObjectNode().put("real", true)));
    }

    /** Moves the clock forward; due schedules fire and runs move on, in order. */
    public Advance advanceClock(Duration by) {
        JsonNode j = call("POST", "clock/advance", JSON.createObjectNode().put("by", by.toString()));
        List<Event> events = new ArrayList<>();
        for (JsonNode e : j.path("events")) {
            events.add(new Event(e.path("kind").asText(), e.path("run").asText(), Instant.parse(e.path("at").asText()),
                    e.path("detail").isMissingNode() ? null : e.path("detail").asText()));
        }
        return new Advance(Instant.parse(j.path("from").asText()), Instant.parse(j.path("to").asText()), events);
    }

    /**
     * Adds a fault rule, written as the admin API takes it, such as
     * {@code {"match": {"operation": "getActiveJobs"}, "fault": {"code": 30000}, "times": 2}}.
     *
     * @return the rule's id
     */
    public String addFault(String ruleJson) {
        try {
            return call("POST", "faults", JSON.readTree(ruleJson)).path("id").asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("the rule is not JSON: " + e.getMessage(), e);
        }
    }

    public void removeFault(String id) {
        call("DELETE", "faults/" + id, null);
    }

    public void clearFaults() {
        call("DELETE", "faults", null);
    }

    /** The journalled requests of one operation (null: all), newest first. */
    public List<Request> requests(String operation) {
        JsonNode j = call("GET", operation == null ? "requests?limit=10000"
                : "requests?limit=10000&operation=" + java.net.URLEncoder.encode(operation, StandardCharsets.UTF_8), null);
        List<Request> out = new ArrayList<>();
        for (JsonNode r : j.path("requests")) {
            List<String> handles = new ArrayList<>();
            r.path("handles").forEach(h -> handles.add(h.asText()));
            JsonNode fault = r.path("outcome").path("fault");
            out.add(new Request(r.path("id").asLong(), Instant.parse(r.path("time").asText()),
                    r.path("entryPoint").asText(), text(r, "operation"), text(r, "caller"), text(r, "company"), handles,
                    fault.isTextual() ? fault.asText() : null, r.path("outcome").path("code").asInt(),
                    text(r, "requestBody")));
        }
        return out;
    }

    /** How many journalled requests were calls of the operation. */
    public int countRequests(String operation) {
        return call("POST", "requests/count", JSON.createObjectNode().put("operation", operation)).path("count").asInt();
    }

    public void clearRequests() {
        call("DELETE", "requests", null);
    }

    /** Changes the job settings given (null: keep). */
    public void settings(Duration pace, Integer workers, Duration doneLinger) {
        ObjectNode body = JSON.createObjectNode();
        if (pace != null) {
            body.put("pace", pace.toString());
        }
        if (workers != null) {
            body.put("workers", workers);
        }
        if (doneLinger != null) {
            body.put("doneLinger", doneLinger.toString());
        }
        call("PATCH", "settings", body);
    }

    /** Lets a run go on that a stall rule or pauseJob holds; false when nothing was held. */
    public boolean release(String handle) {
        String segment = java.net.URLEncoder.encode(handle, StandardCharsets.UTF_8).replace("+", "%20");
        return call("POST", "jobs/" + segment + "/release", null).path("released").asBoolean();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static Clock clock(JsonNode j) {
        return new Clock(j.path("mode").asText(), Instant.parse(j.path("now").asText()),
                Duration.parse(j.path("offset").asText()));
    }

    private JsonNode call(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 300) {
                throw new AdminException(response.statusCode(), json.path("error").asText(response.body()));
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("admin API at " + base + " could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the admin API", e);
        }
    }
}
