package org.ipsjobs.jobs.api;

/** The Sort Directions constants. */
public enum SortDirection {
    ASCENDING("Ascending"),
    DESCENDING("Descending");

    private final String wireName;

    SortDirection(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses the constant (ignoring case); null gives the default. */
    public static SortDirection parse(String field, String value, SortDirection defaultValue) {
        return WireNames.parse(field, value, values(), SortDirection::wireName, defaultValue);
    }
}
