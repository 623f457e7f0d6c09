package org.ipsjobs.metrics;

import java.util.Set;

/**
 * The values a request label may take: anything else a request names is counted as
 * {@code unknown}, so the number of series stays bounded whatever clients send.
 *
 * @param apiVersions the API versions served (such as {@code 2012-02-14})
 * @param operations the contract's operation names (such as {@code getActiveJobs})
 */
public record LabelValues(Set<String> apiVersions, Set<String> operations) {

    /** Lets nothing through: every label reads {@code unknown}. */
    public static final LabelValues NONE = new LabelValues(Set.of(), Set.of());

    private static final Set<String> ENTRY_POINTS = Set.of(RequestMetrics.SOAP_11, RequestMetrics.SOAP_12,
            RequestMetrics.PLAIN_XML, RequestMetrics.UPLOAD_FILE);

    public LabelValues {
        apiVersions = Set.copyOf(apiVersions);
        operations = Set.copyOf(operations);
    }

    String entryPoint(String value) {
        return value != null && ENTRY_POINTS.contains(value) ? value : RequestMetrics.UNKNOWN;
    }

    String apiVersion(String value) {
        return value != null && apiVersions.contains(value) ? value : RequestMetrics.UNKNOWN;
    }

    String operation(String value) {
        return value != null && operations.contains(value) ? value : RequestMetrics.UNKNOWN;
    }

    /** IPS fault codes are five-digit numbers (10000 to 39999); the service makes only a few of them. */
    String faultCode(int code) {
        return code >= 10_000 && code < 40_000 ? Integer.toString(code) : RequestMetrics.UNKNOWN;
    }
}
