package org.ipsjobs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.ipsjobs.testing.AdminHttp;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /__admin/openapi.json stays true: it documents exactly the operations the admin API serves, and
 * each one, called with a valid request, answers with a status the document lists and a body its
 * schema describes.
 */
class OpenApiDocumentTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    private final AdminHttp admin = AdminHttp.of(server.server.endpoint());

    /** A valid call of each operation: method and path (as documented), the path to call, and a body. */
    private record Call(String path, String body) {
    }

    private Map<String, Call> calls(String job, String rule) {
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("get /__admin/health", new Call("health", null));
        calls.put("post /__admin/seed", new Call("seed", "{\"jobs\": [{\"company\": \"48\", \"name\": \"Seeded\"}]}"));
        calls.put("get /__admin/jobs", new Call("jobs", null));
        calls.put("get /__admin/jobs/{handle}", new Call("jobs/" + AdminHttp.segment(job), null));
        calls.put("post /__admin/jobs/{handle}/release", new Call("jobs/" + AdminHttp.segment(job) + "/release", null));
        calls.put("get /__admin/clock", new Call("clock", null));
        calls.put("post /__admin/clock", new Call("clock", "{\"real\": true}"));
        calls.put("post /__admin/clock/advance", new Call("clock/advance", "{\"by\": \"PT1S\"}"));
        calls.put("get /__admin/faults", new Call("faults", null));
        calls.put("post /__admin/faults", new Call("faults", "{\"match\": {\"operation\": \"checkLogin\"}, \"delay\": \"1ms\"}"));
        calls.put("delete /__admin/faults/{id}", new Call("faults/" + rule, null));
        calls.put("delete /__admin/faults", new Call("faults", null));
        calls.put("get /__admin/requests", new Call("requests?limit=5", null));
        calls.put("post /__admin/requests/count", new Call("requests/count", "{\"operation\": \"submitJob\"}"));
        calls.put("delete /__admin/requests", new Call("requests", null));
        calls.put("get /__admin/settings", new Call("settings", null));
        calls.put("patch /__admin/settings", new Call("settings", "{\"workers\": 2}"));
        calls.put("get /__admin/openapi.json", new Call("openapi.json", null));
        calls.put("post /__admin/reset", new Call("reset", null));
        return calls;
    }

    @Test
    void everyDocumentedOperationIsServedAsDocumented() {
        JsonNode doc = admin.get("openapi.json").json();
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        String job = server.submitPublish("47", "Documented");
        server.awaitState("47", job, "Done");
        String rule = admin.post("faults", "{\"match\": {\"operation\": \"checkLogin\"}, \"delay\": \"1ms\"}")
                .json().path("id").asText();
        Map<String, Call> calls = calls(job, rule);

        TreeSet<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next();
                if (!method.equals("parameters")) {
                    documented.add(method + " " + path.getKey());
                }
            }
        }
        assertThat(documented).as("the document lists what is served, no more, no less")
                .containsExactlyInAnyOrderElementsOf(calls.keySet());

        for (Map.Entry<String, Call> c : calls.entrySet()) {
            String method = c.getKey().substring(0, c.getKey().indexOf(' '));
            String path = c.getKey().substring(c.getKey().indexOf(' ') + 1);
            AdminHttp.Answer answer = admin.send(method.toUpperCase(Locale.ROOT), c.getValue().path(), c.getValue().body());
            JsonNode response = doc.path("paths").path(path).path(method).path("responses")
                    .path(String.valueOf(answer.status()));
            assertThat(response.isMissingNode()).as(c.getKey() + " answered " + answer.status() + ": " + answer.body())
                    .isFalse();
            JsonNode schema = response.path("content").path("application/json").path("schema");
            List<String> problems = new ArrayList<>();
            check(doc, schema, answer.json(), "$", problems);
            assertThat(problems).as(c.getKey() + ": " + answer.body()).isEmpty();
        }
    }

    /** A small check of a value against an OpenAPI 3.0 schema: $ref, type, required, properties, items, enum. */
    private static void check(JsonNode doc, JsonNode schema, JsonNode value, String where, List<String> problems) {
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText().substring(2);
            JsonNode target = doc;
            for (String part : ref.split("/")) {
                target = target.path(part);
            }
            check(doc, target, value, where, problems);
            return;
        }
        if (value == null || value.isNull()) {
            if (!schema.path("nullable").asBoolean()) {
                problems.add(where + " is null");
            }
            return;
        }
        String type = schema.path("type").asText("");
        boolean typeOk = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!typeOk) {
            problems.add(where + " is not a " + type + ": " + value);
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode e : schema.path("enum")) {
                listed |= e.equals(value);
            }
            if (!listed) {
                problems.add(where + " = " + value + " is not one of " + schema.path("enum"));
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(where + " lacks " + required.asText());
            }
        }
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode property = schema.path("properties").path(f.getKey());
                if (!property.isMissingNode()) {
                    check(doc, property, f.getValue(), where + "." + f.getKey(), problems);
                } else if (schema.has("additionalProperties")) {
                    check(doc, schema.path("additionalProperties"), f.getValue(), where + "." + f.getKey(), problems);
                } else if (schema.has("properties")) {
                    problems.add(where + "." + f.getKey() + " is not documented");
                }
            }
        }
        if (value.isArray()) {
            int i = 0;
            for (JsonNode item : value) {
                check(doc, schema.path("items"), item, where + "[" + i++ + "]", problems);
            }
        }
    }
}
