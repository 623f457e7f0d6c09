package org.ipsjobs.control;

import java.util.List;

/** What a seed added: company and user handles, and the handles of the jobs (and their runs). */
public record SeedReport(List<String> companies, List<String> users, List<String> jobs, List<String> runs) {

    public SeedReport {
        companies = List.copyOf(companies);
        users = List.copyOf(users);
        jobs = List.copyOf(jobs);
        runs = List.copyOf(runs);
    }
}
