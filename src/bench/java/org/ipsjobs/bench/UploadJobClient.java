package org.ipsjobs.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the upload benchmark says to the service, as SOAP 1.1 over HTTP like any client: submit an
 * uploadUrlsJob, ask getActiveJobs for its state, and read its log's counts with getJobLogDetails.
 * Answers are read with patterns that ignore namespace prefixes; the bench needs three values, not a
 * parsed document.
 */
final class UploadJobClient {

    /** What getJobLogDetails counted for a job. */
    record LogCounts(int success, int errors, int warnings) {
    }

    private static final String NS = Workload.NS;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI endpoint;
    private final String company;

    UploadJobClient(int port, String company) {
        this.endpoint = URI.create("http://127.0.0.1:" + port + BenchRunner.PATH);
        this.company = company;
    }

    /** Submits one uploadUrlsJob for the URLs into the folder and returns its job handle. */
    String submit(String jobName, List<String> urls, String destPath) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder(urls.size() * 160);
        body.append("<submitJobParam xmlns=\"").append(NS).append("\"><companyHandle>").append(company)
                .append("</companyHandle><jobName>").append(jobName).append("</jobName><uploadUrlsJob><urlArray>");
        for (String url : urls) {
            body.append("<items><sourceUrl>").append(url.replace("&", "&amp;")).append("</sourceUrl><destPath>")
                    .append(destPath).append("</destPath></items>");
        }
        body.append("</urlArray><overwrite>true</overwrite><readyForPublish>false</readyForPublish>")
                .append("<createMask>false</createMask><emailSetting>None</emailSetting></uploadUrlsJob></submitJobParam>");
        String answer = call("submitJob", body.toString());
        String handle = element(answer, "jobHandle");
        if (handle == null) {
            throw new IOException("submitJob answered without a jobHandle: " + abbreviated(answer));
        }
        return handle;
    }

    /** The job's state as getActiveJobs reports it, or an empty string while it is not listed. */
    String state(String jobHandle) throws IOException, InterruptedException {
        String answer = call("getActiveJobs", "<getActiveJobsParam xmlns=\"" + NS + "\"><companyHandle>" + company
                + "</companyHandle><jobHandle>" + escape(jobHandle) + "</jobHandle></getActiveJobsParam>");
        String state = element(answer, "state");
        return state == null ? "" : state;
    }

    LogCounts counts(String jobHandle) throws IOException, InterruptedException {
        String answer = call("getJobLogDetails", logDetails(jobHandle));
        return new LogCounts(number(answer, "fileSuccessCount"), number(answer, "fileErrorCount"),
                number(answer, "fileWarningCount"));
    }

    /**
     * When the job ended, from its log, or null while it has none: the service writes a job's log when
     * the job ends, with the end time in milliseconds, so polling for it now and then still gives the
     * end to the millisecond, and each poll is a small answer (one page of one line).
     */
    java.time.Instant endDate(String jobHandle) throws IOException, InterruptedException {
        String answer = callAllowingFault("getJobLogDetails", logDetails(jobHandle));
        String end = answer == null ? null : element(answer, "endDate");
        return end == null || end.isBlank() ? null : java.time.OffsetDateTime.parse(end.trim()).toInstant();
    }

    /** True once the service answers a SOAP call; false while it is still starting. */
    boolean answers() throws InterruptedException {
        try {
            state("none");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String logDetails(String jobHandle) {
        return "<getJobLogDetailsParam xmlns=\"" + NS + "\"><companyHandle>" + company + "</companyHandle><jobHandle>"
                + escape(jobHandle) + "</jobHandle><recordsPerPage>1</recordsPerPage></getJobLogDetailsParam>";
    }

    /** The answer, or null when the service answered with a SOAP fault (HTTP 500). */
    private String callAllowingFault(String action, String operation) throws IOException, InterruptedException {
        try {
            return call(action, operation);
        } catch (SoapFault e) {
            return null;
        }
    }

    /** The service answered with a fault. */
    static final class SoapFault extends IOException {
        SoapFault(String message) {
            super(message);
        }
    }

    private String call(String action, String operation) throws IOException, InterruptedException {
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Header>"
                + "<authHeader xmlns=\"http://www.scene7.com/IpsApi/xsd\"><user>" + BenchRunner.USER + "</user><password>"
                + BenchRunner.PASSWORD + "</password><appName>ips-upload-bench</appName><appVersion>1.0</appVersion>"
                + "</authHeader></soapenv:Header><soapenv:Body>" + operation + "</soapenv:Body></soapenv:Envelope>";
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", action)
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 500 && response.body().contains("Fault>")) {
            throw new SoapFault(action + " answered a fault: " + abbreviated(response.body()));
        }
        if (response.statusCode() != 200) {
            throw new IOException(action + " answered HTTP " + response.statusCode() + ": " + abbreviated(response.body()));
        }
        return response.body();
    }

    /** The text of the first element of that local name, whatever its prefix, or null. */
    static String element(String xml, String localName) {
        Matcher m = Pattern.compile("<(?:[\\w.-]+:)?" + localName + ">([^<]*)</").matcher(xml);
        return m.find() ? m.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") : null;
    }

    private static int number(String xml, String localName) throws IOException {
        String text = element(xml, localName);
        if (text == null) {
            throw new IOException("no " + localName + " in " + abbreviated(xml));
        }
        return Integer.parseInt(text.trim());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }

    private static String abbreviated(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }
}
