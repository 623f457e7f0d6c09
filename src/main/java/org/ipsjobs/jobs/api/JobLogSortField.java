package org.ipsjobs.jobs.api;

/** The Job Log Sort Fields constants accepted by getJobLogs. */
public enum JobLogSortField {
    JOB_NAME("JobName"),
    LOG_TYPE("LogType"),
    START_DATE("StartDate"),
    COMPANY_NAME("CompanyName"),
    USER_ID("UserId"),
    EMAIL("Email"),
    FILE_ERROR_COUNT("FileErrorCount"),
    FILE_WARNING_COUNT("FileWarningCount"),
    FILE_SUCCESS_COUNT("FileSuccessCount");

    private final String wireName;

    JobLogSortField(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses the constant (ignoring case); null gives the default. */
    public static JobLogSortField parse(String value, JobLogSortField defaultValue) {
        return WireNames.parse("sortBy", value, values(), JobLogSortField::wireName, defaultValue);
    }
}
