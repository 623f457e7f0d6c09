package org.ipsjobs.jobs.api;

import org.ipsjobs.jobs.model.RunHandle;

/**
 * What a POST to the UploadFile servlet did.
 *
 * @param run the upload job's run, whose handle the answer carries and later POSTs name
 * @param filesAccepted how many files this POST handed to the job
 */
public record UploadPostResult(RunHandle run, int filesAccepted) {
}
