package org.ipsjobs.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.ipsjobs.time.DurationText;

/**
 * Reads the fields of a JSON object the admin API was sent, naming the field in every error: unknown
 * fields are refused (a typo must not be ignored silently), and each value is checked for its type.
 */
final class JsonFields {

    private final JsonNode node;
    private final String prefix;

    private JsonFields(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** The object, refusing fields other than the ones named. */
    static JsonFields of(JsonNode node, String prefix, Set<String> known) {
        String where = prefix.isEmpty() ? "the request body" : prefix;
        if (node == null || node.isNull() || node.isMissingNode()) {
            node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw AdminRequestException.badField(prefix.isEmpty() ? null : prefix, where + " must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw AdminRequestException.badField(path(prefix, name), "unknown field '" + path(prefix, name)
                        + "'; known fields here: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
        return new JsonFields(node, prefix);
    }

    private static String path(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    JsonNode node(String name) {
        return node.get(name);
    }

    String prefix(String name) {
        return path(prefix, name);
    }

    String text(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        if (!v.isTextual()) {
            throw AdminRequestException.badField(path(prefix, name), path(prefix, name) + " must be a string");
        }
        return v.asText();
    }

    String requiredText(String name) {
        String v = text(name);
        if (v == null || v.isBlank()) {
            throw AdminRequestException.badField(path(prefix, name), path(prefix, name) + " is required");
        }
        return v;
    }

    Integer integer(String name, int min, int max) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw AdminRequestException.badField(path(prefix, name), path(prefix, name) + " must be a whole number");
        }
        int i = v.asInt();
        if (i < min || i > max) {
            throw AdminRequestException.badField(path(prefix, name), path(prefix, name) + " must be between " + min
                    + " and " + max + "; it is " + i);
        }
        return i;
    }

    Boolean bool(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        if (!v.isBoolean()) {
            throw AdminRequestException.badField(path(prefix, name), path(prefix, name) + " must be true or false");
        }
        return v.asBoolean();
    }

    Instant instant(String name) {
        String v = text(name);
        return v == null ? null : instant(path(prefix, name), v);
    }

    static Instant instant(String field, String v) {
        try {
            return OffsetDateTime.parse(v.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw AdminRequestException.badField(field, field + ": '" + v
                    + "' is not a date and time with an offset, such as 2030-01-01T12:00:00Z");
        }
    }

    Duration duration(String name) {
        String v = text(name);
        return v == null ? null : duration(path(prefix, name), v);
    }

    /** A duration as {@link DurationText} reads it (2s, 10m, PT2H, P3D, -PT1H ...). */
    static Duration duration(String field, String v) {
        return DurationText.parse(v).orElseThrow(() -> AdminRequestException.badField(field, field + ": '" + v
                + "' is not a duration; write e.g. " + DurationText.EXAMPLES));
    }
}
