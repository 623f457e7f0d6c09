package org.ipsjobs.jobs.core;

import java.util.List;

import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.Options;
import org.ipsjobs.jobs.model.Options.Option;

/**
 * The server defaults IPS fills into a job's options, reported back when the job is listed. Known
 * from a recording of the real service for upload-by-URL jobs (file-type processing options, colour
 * management, preserve flags); other kinds are kept as they were submitted.
 */
final class ParameterDefaults {

    private static final Options UPLOAD = new Options(List.of(
            Option.text("preservePublishState", "false"),
            Option.text("preserveCrop", "true"),
            Option.nested("photoshopOptions", options(Option.text("process", "None"))),
            Option.nested("postScriptOptions", options(Option.text("process", "None"), Option.text("resolution", "72.0"),
                    Option.text("colorspace", "Auto"), Option.text("alpha", "false"),
                    Option.text("extractSearchWords", "false"))),
            Option.nested("pdfOptions", options(Option.text("process", "render"), Option.text("resolution", "72.0"),
                    Option.text("colorspace", "Auto"), Option.text("pdfCatalog", "true"),
                    Option.text("extractSearchWords", "false"), Option.text("extractLinks", "true"))),
            Option.nested("illustratorOptions", options(Option.text("process", "None"), Option.text("resolution", "72.0"),
                    Option.text("colorspace", "Auto"), Option.text("alpha", "false"))),
            Option.nested("colorManagementOptions", options(Option.text("colorManagement", "Default"))),
            Option.nested("autoSetCreationOptions", Options.NONE),
            Option.text("postJobOnlyIfFiles", "false"),
            Option.nested("mediaOptions", Options.NONE),
            Option.nested("inDesignOptions", options(Option.text("process", "None")))));

    private ParameterDefaults() {
    }

    /** The parameters with the server defaults of their kind added where the client sent nothing. */
    static JobParameters apply(JobParameters parameters) {
        if (parameters instanceof JobParameters.UploadUrls) {
            return parameters.withOptions(parameters.options().withDefaults(UPLOAD));
        }
        return parameters;
    }

    private static Options options(Option... options) {
        return new Options(List.of(options));
    }
}
