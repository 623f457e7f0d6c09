package org.ipsjobs.control;

import java.util.Locale;
import java.util.regex.Pattern;

import org.ipsjobs.jobs.model.JobType;

/**
 * Which jobs or calls a fault rule applies to. Every field is optional; an absent one matches
 * anything, so an empty match applies everywhere. The job name is a glob ({@code *} any run of
 * characters, {@code ?} one), compared exactly otherwise.
 *
 * @param company a company handle
 * @param jobName a glob over the submitted job name
 * @param jobType a job type (its IPS name, such as {@code UrlUpload})
 * @param operation an IPS operation name, such as {@code getActiveJobs}
 * @param user a user's e-mail (compared without case)
 */
public record FaultMatch(String company, String jobName, JobType jobType, String operation, String user) {

    public static final FaultMatch ANY = new FaultMatch(null, null, null, null, null);

    /**
     * Whether a run of this job is matched (the user is the one who submitted it); a rule naming an
     * operation never matches runs.
     */
    public boolean matchesRun(String jobCompany, String name, JobType type, String submitter) {
        return operation == null && sameUser(submitter) && (company == null || company.equals(jobCompany))
                && (jobName == null || glob(jobName).matcher(name).matches())
                && (jobType == null || jobType == type);
    }

    /**
     * Whether a call is matched. Job fields match a call that names such a job (submitJob); a call
     * that names none is matched only by a rule without job fields.
     *
     * @param callCompany the company the call names, or null
     * @param callJobName the job name the call names, or null
     * @param callJobType the job type the call names, or null
     */
    public boolean matchesCall(String callOperation, String callUser, String callCompany, String callJobName,
            JobType callJobType) {
        return (operation == null || operation.equals(callOperation))
                && sameUser(callUser)
                && (company == null || company.equals(callCompany))
                && (jobName == null || (callJobName != null && glob(jobName).matcher(callJobName).matches()))
                && (jobType == null || jobType == callJobType);
    }

    private boolean sameUser(String email) {
        return user == null || (email != null && user.toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT)));
    }

    /** The glob as a regular expression: {@code *} and {@code ?} are wildcards, everything else literal. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
