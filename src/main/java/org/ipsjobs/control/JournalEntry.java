package org.ipsjobs.control;

import java.time.Instant;
import java.util.ArrayList;
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
 * @param requestHandles the job handles the request named
 * @param faultType null when answered without a fault, else the fault element (such as {@code ipsApiFault})
 * @param faultCode the IPS fault code, or 0
 * @param durationMicros the time from arrival to answer
 * @param headers the request headers, Authorization redacted
 * @param requestBody the request body, passwords and tokens redacted, possibly cut short
 * @param answer the answer's first bytes, or null when none were kept
 */
public record JournalEntry(long id, Instant time, String entryPoint, String apiVersion, String operation,
        String caller, String company, List<String> requestHandles, String faultType, int faultCode,
        long durationMicros, Map<String, String> headers, String requestBody, KeptAnswer answer) {

    public JournalEntry {
        Objects.requireNonNull(time, "time");
        requestHandles = List.copyOf(requestHandles);
        headers = Map.copyOf(headers);
    }

    /** The job handles the request or its answer named, each once, at most {@link KeptAnswer#MAX_HANDLES}. */
    public List<String> handles() {
        if (answer == null) {
            return requestHandles;
        }
        List<String> all = new ArrayList<>(requestHandles);
        answer.addJobHandles(all);
        return List.copyOf(all);
    }

    /** The answer's body, possibly cut short, or null when none was kept. */
    public String responseBody() {
        return answer == null ? null : answer.text();
    }

    public boolean faulted() {
        return faultType != null;
    }

    /** The same entry with another answer (the journal hands out detached copies of its own). */
    JournalEntry withAnswer(KeptAnswer newAnswer) {
        return new JournalEntry(id, time, entryPoint, apiVersion, operation, caller, company, requestHandles,
                faultType, faultCode, durationMicros, headers, requestBody, newAnswer);
    }

    /** The same entry under another id (the journal numbers entries as it takes them). */
    JournalEntry withId(long newId) {
        return new JournalEntry(newId, time, entryPoint, apiVersion, operation, caller, company, requestHandles,
                faultType, faultCode, durationMicros, headers, requestBody, answer);
    }
}
