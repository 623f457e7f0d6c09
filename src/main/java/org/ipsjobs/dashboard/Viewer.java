package org.ipsjobs.dashboard;

import org.ipsjobs.auth.Caller;

/**
 * Who is looking at the dashboard. An operator (open on loopback, or with the admin token) sees every
 * company and may act; an IPS user who signed in with their own credentials sees their companies'
 * jobs, schedules and logs, read-only. Either way every read and action goes through the job service
 * as this caller, so the service's role and company rules decide.
 */
record Viewer(Caller caller, boolean operator) {

    String name() {
        return operator ? "operator" : caller.email();
    }
}
