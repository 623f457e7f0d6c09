package org.ipsjobs.dashboard;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A view's query parameters: blank ones count as absent, and bad ones are the viewer's mistake (400). */
record Params(Map<String, String> values) {

    Params {
        Map<String, String> kept = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                kept.put(k, v.trim());
            }
        });
        values = java.util.Collections.unmodifiableMap(kept);
    }

    String get(String name) {
        return values.get(name);
    }

    String require(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new BadInput(name + " is required");
        }
        return v;
    }

    Instant instant(String name) {
        String v = values.get(name);
        try {
            return v == null ? null : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadInput(name + " must be an instant such as 2030-01-01T00:00:00Z; got '" + v + "'");
        }
    }

    int page() {
        String v = values.get("page");
        try {
            int p = v == null ? 1 : Integer.parseInt(v);
            if (p >= 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw new BadInput("page must be a whole number from 1; got '" + v + "'");
    }

    /** This query string with one parameter changed. */
    String with(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(values);
        next.put(name, value);
        return next.entrySet().stream().map(e -> Html.url(e.getKey()) + "=" + Html.url(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    String query() {
        return values.entrySet().stream().map(e -> Html.url(e.getKey()) + "=" + Html.url(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** A parameter the viewer got wrong. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }
}
