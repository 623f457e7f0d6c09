package org.ipsjobs.control;

import java.time.Instant;
import java.util.List;

import org.ipsjobs.jobs.model.JobType;

/**
 * What a test puts into the service in one go: companies, users, and jobs in any state. Optional
 * values are null. The service checks all of it before it changes anything.
 */
public record Seed(List<Company> companies, List<User> users, List<Job> jobs) {

    public Seed {
        companies = companies == null ? List.of() : List.copyOf(companies);
        users = users == null ? List.of() : List.copyOf(users);
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }

    public static final Seed EMPTY = new Seed(null, null, null);

    public boolean isEmpty() {
        return companies.isEmpty() && users.isEmpty() && jobs.isEmpty();
    }

    public record Company(String handle, String name, String rootPath, Instant expires) {
    }

    /** @param password plain, or a hash as {@code hash-password} prints it */
    public record User(String email, String password, String role, List<String> companies, String handle,
            boolean disabled) {
        public User {
            companies = companies == null ? List.of() : List.copyOf(companies);
        }

        @Override
        public String toString() {
            return "Seed.User[email=" + email + ", role=" + role + "]";
        }
    }

    /** The state a seeded job is found in. */
    public enum State { SCHEDULED, QUEUED, RUNNING, DONE }

    /**
     * @param type the job kind (default: ImageServingPublish)
     * @param submittedBy the submitting user's e-mail (default: the service's own seed user)
     * @param schedule an execSchedule; with {@code execTime}, makes the job SCHEDULED
     * @param state default: SCHEDULED when it has a schedule or execTime, else DONE
     * @param progress for RUNNING: the percentage it is found at, 0 to 99
     * @param items URLs for an upload, asset handles for reprocess, export, PDF or set jobs; none: the
     *        configured number of numbered items
     * @param startDate for DONE: when the run started (default: now)
     * @param endDate for DONE: when it ended (default: the start)
     * @param log for DONE: what its log holds (default: every item succeeded)
     */
    public record Job(String company, String name, JobType type, String submittedBy, String description,
            String locale, String schedule, Instant execTime, State state, Integer progress, List<String> items,
            Instant startDate, Instant endDate, Log log) {
        public Job {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /**
     * A seeded run's log. Counts left out are counted from the lines (types ending in Success, Error,
     * Warning); lines left out are made up from the counts.
     */
    public record Log(Integer successCount, Integer errorCount, Integer warningCount, boolean fatalError,
            List<Line> lines) {
        public Log {
            lines = lines == null ? List.of() : List.copyOf(lines);
        }
    }

    /** One detail line: a Log Types value, its message, and the asset it is about, if any. */
    public record Line(String type, String message, String assetName, String assetHandle, Instant at) {
    }
}
