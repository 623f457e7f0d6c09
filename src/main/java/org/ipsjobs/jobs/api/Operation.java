package org.ipsjobs.jobs.api;

/** The operations of the {@link JobService}, under the names the IPS API gives them. */
public enum Operation {
    SUBMIT_JOB("submitJob"),
    GET_ACTIVE_JOBS("getActiveJobs"),
    GET_SCHEDULED_JOBS("getScheduledJobs"),
    PAUSE_JOB("pauseJob"),
    RESUME_JOB("resumeJob"),
    STOP_JOB("stopJob"),
    DELETE_JOB("deleteJob"),
    EXECUTE_JOB("executeJob"),
    GET_JOB_LOGS("getJobLogs"),
    GET_JOB_LOG_DETAILS("getJobLogDetails"),
    GET_ASSET_JOB_LOGS("getAssetJobLogs"),
    CHECK_LOGIN("checkLogin"),
    GET_COMPANY_INFO("getCompanyInfo"),
    GET_COMPANY_MEMBERSHIP("getCompanyMembership");

    private final String wireName;

    Operation(String wireName) {
        this.wireName = wireName;
    }

    /** The operation's name in the IPS API (and in its role table). */
    public String wireName() {
        return wireName;
    }
}
