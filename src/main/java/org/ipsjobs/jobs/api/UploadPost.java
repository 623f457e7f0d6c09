package org.ipsjobs.jobs.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

import org.ipsjobs.jobs.model.JobParameters;

/**
 * One POST to the UploadFile servlet: the uploadPostParam document's fields and the files sent with
 * it. The first POST of an upload job names the job (jobName); later ones name the handle the first
 * one answered (jobHandle).
 *
 * @param parameters the uploadParams of the first POST, or null (later POSTs' are ignored, as IPS does)
 * @param clientAddress the address the POST came from; every POST of a job must come from the same one
 * @param files the file parts, in the order they were sent
 */
public record UploadPost(String companyHandle, String jobName, String jobHandle, String locale, String description,
        String destFolder, String fileName, boolean endJob, JobParameters.UploadPost parameters,
        String clientAddress, List<PostedFile> files) {

    public UploadPost {
        files = List.copyOf(files);
    }

    /**
     * A file part.
     *
     * @param name the filename of its Content-Disposition (may carry folders), or null
     * @param content opens the part's bytes; read once, while the POST is handled
     */
    public record PostedFile(String name, Content content) {
        public PostedFile {
            Objects.requireNonNull(content, "content");
        }
    }

    /** The bytes of a file part. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }
}
