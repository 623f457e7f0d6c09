package org.ipsjobs.jobs.api;

/** The fields getJobLogDetails can sort log lines by. */
public enum DetailSortField {
    DATE("Date"),
    LOG_TYPE("LogType");

    private final String wireName;

    DetailSortField(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses the constant (ignoring case); null gives the default. */
    public static DetailSortField parse(String value, DetailSortField defaultValue) {
        return WireNames.parse("sortBy", value, values(), DetailSortField::wireName, defaultValue);
    }
}
