package org.ipsjobs.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request as the service received and answered it, with secrets already redacted.
 *
 * @param id increasing, unique while the service runs
 * @param time when it arrived, on the service clock
 * @param entryPoint how it came in: {@code SOAP 1.1}, {@code SOAP 1.2} or {@code plain XML}
 * @param apiVersion the API version of its body (such as {@code 2022-11-01-beta}), or null
 * @param operation the IPS operation, or null when none could be told
 * @param caller the authenticated user's e-mail, or null
 * @param company the company handle the request named, or null
 * @param handles the job handles the request or its answer named
 * @param faultType null when answered without a fault, else the fault element (such as {@code ipsApiFault})
 * @param faultCode the IPS fault code, or 0
 * @param durationMicros the time from arrival to answer
 * @param headers the request headers, Authorization redacted
 * @param requestBody the request body, passwords and tokens redacted, possibly cut short
 * @param responseBody the answer's body, possibly cut short
 */
public record JournalEntry(long id, Instant time, String entryPoint, String apiVersion, String operation,
        String caller, String company, List<String> handles, String faultType, int faultCode, long durationMicros,
        Map<String, String> headers, String requestBody, String responseBody) {

    public JournalEntry {
        Objects.requireNonNull(time, "time");
        handles = List.copyOf(handles);
        headers = Map.copyOf(headers);
    }

    public boolean faulted() {
        return faultType != null;
    }

    /** The same entry under another id (the journal numbers entries as it takes them). */
    JournalEntry withId(long newId) {
        return new JournalEntry(newId, time, entryPoint, apiVersion, operation, caller, company, handles, faultType,
                faultCode, durationMicros, headers, requestBody, responseBody);
    }
}
