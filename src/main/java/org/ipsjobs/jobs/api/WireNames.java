package org.ipsjobs.jobs.api;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.ipsjobs.jobs.model.InvalidRequestException;

/** Parsing of IPS string constants into enums, with a reason that lists the allowed values. */
final class WireNames {

    private WireNames() {
    }

    static <E> E parse(String field, String value, E[] values, Function<E, String> wireName, E defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        for (E e : values) {
            if (wireName.apply(e).equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw InvalidRequestException.invalid(field + " '" + value + "' is not one of: "
                + Arrays.stream(values).map(wireName).collect(Collectors.joining(", ")));
    }
}
