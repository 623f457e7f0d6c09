package org.ipsjobs.bench;

import java.util.function.Predicate;

/**
 * One kind of request the benchmark sends: its SOAPAction, its operation element, and how the
 * service's answer is recognised as right. {@code stubMatch} is the string a WireMock stub (and the
 * canned Jetty server) looks for in the body, beside the SOAPAction, to pick this workload's answer.
 */
record Workload(String id, String title, String action, String operation, String stubMatch,
        Predicate<String> answerIsRight) {

    static final String NS = "http://www.scene7.com/IpsApi/xsd/2022-11-01-beta";

    static final Workload BY_HANDLE = new Workload("w1", "getActiveJobs by jobHandle (10,000 jobs stored)",
            "getActiveJobs",
            "<getActiveJobsParam xmlns=\"" + NS + "\"><jobHandle>j|bench|job-5000||</jobHandle></getActiveJobsParam>",
            "<jobHandle>", a -> a.contains("<jobHandle>j|bench||job-5000_") && a.contains("<originalName>job-5000<")
                    && a.contains("<taskProgressArray>"));

    static final Workload BY_COMPANY = new Workload("w2", "getActiveJobs for a company with 20 jobs",
            "getActiveJobs",
            "<getActiveJobsParam xmlns=\"" + NS + "\"><companyHandle>twenty</companyHandle></getActiveJobsParam>",
            "<companyHandle>twenty</companyHandle>",
            a -> count(a, "<taskProgressArray>") == 20);

    // job names are unique within a company, so the script puts a name of its own in place of UNIQUE
    static final Workload SUBMIT = new Workload("w3", "submitJob (pace 0, store grows)", "submitJob",
            "<submitJobParam xmlns=\"" + NS + "\"><companyHandle>submit</companyHandle><jobName>bench submit UNIQUE</jobName>"
                    + "<imageServingPublishJob><publishType>Full</publishType><emailSetting>Error</emailSetting>"
                    + "</imageServingPublishJob></submitJobParam>",
            "", a -> a.contains("<jobHandle>j|submit|bench submit "));

    static final Workload LOGS = new Workload("w4", "getJobLogs numRows=100 over 100,000 logs", "getJobLogs",
            "<getJobLogsParam xmlns=\"" + NS + "\"><companyHandle>logs</companyHandle><numRows>100</numRows>"
                    + "</getJobLogsParam>",
            "", a -> count(a, "<jobHandle>") == 100);

    /** Lookups spread over the scale company's jobs: the script puts a job number in place of JOB_NUMBER. */
    static final Workload SCALE_LOOKUP = new Workload("w5", "getActiveJobs by jobHandle, random job", "getActiveJobs",
            "<getActiveJobsParam xmlns=\"" + NS + "\"><jobHandle>j|scale|job-JOB_NUMBER||</jobHandle></getActiveJobsParam>",
            "<jobHandle>", a -> true);

    /** What the start-up probe asks: the jobs of a company, answered (with an empty list) by a fresh server. */
    static final Workload STARTUP = new Workload("startup", "first getActiveJobs", "getActiveJobs",
            "<getActiveJobsParam xmlns=\"" + NS + "\"><companyHandle>bench</companyHandle></getActiveJobsParam>",
            "", a -> a.contains("getActiveJobsReturn"));

    /** The whole SOAP 1.1 envelope with the bench user's authHeader. */
    String envelope(String user, String password) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Header>"
                + "<authHeader xmlns=\"http://www.scene7.com/IpsApi/xsd\"><user>" + user + "</user><password>"
                + password + "</password><appName>ips-bench</appName><appVersion>1.0</appVersion></authHeader>"
                + "</soapenv:Header><soapenv:Body>" + operation + "</soapenv:Body></soapenv:Envelope>";
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
