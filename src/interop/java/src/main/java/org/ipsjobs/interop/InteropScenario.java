package org.ipsjobs.interop;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.xml.bind.JAXBException;
import jakarta.xml.ws.BindingProvider;

import org.apache.cxf.headers.Header;
import org.apache.cxf.jaxb.JAXBDataBinding;
import org.ipsjobs.interop.client.ActiveJob;
import org.ipsjobs.interop.client.AuthHeader;
import org.ipsjobs.interop.client.AuthenticationFault;
import org.ipsjobs.interop.client.CheckLoginParam;
import org.ipsjobs.interop.client.DeleteJobParam;
import org.ipsjobs.interop.client.ExecuteJobParam;
import org.ipsjobs.interop.client.GetActiveJobsParam;
import org.ipsjobs.interop.client.GetJobLogDetailsParam;
import org.ipsjobs.interop.client.GetJobLogsParam;
import org.ipsjobs.interop.client.GetScheduledJobsParam;
import org.ipsjobs.interop.client.ImageServingPublishJob;
import org.ipsjobs.interop.client.IpsApiFault;
import org.ipsjobs.interop.client.IpsApiPortType;
import org.ipsjobs.interop.client.IpsApiService;
import org.ipsjobs.interop.client.JobLog;
import org.ipsjobs.interop.client.JobLogDetail;
import org.ipsjobs.interop.client.PauseJobParam;
import org.ipsjobs.interop.client.ResumeJobParam;
import org.ipsjobs.interop.client.ScheduledJob;
import org.ipsjobs.interop.client.StopJobParam;
import org.ipsjobs.interop.client.SubmitJobParam;
import org.ipsjobs.interop.client.TaskItemProgress;
import org.ipsjobs.interop.client.TaskProgress;
import org.ipsjobs.interop.client.UploadUrl;
import org.ipsjobs.interop.client.UploadUrlArray;
import org.ipsjobs.interop.client.UploadUrlsJob;
import org.w3c.dom.Element;

import com.sun.net.httpserver.HttpServer;

/**
 * The interop scenario, run with the stubs CXF's wsdl2java generated from the served WSDL. The service
 * is steered through its admin API (IPS_ADMIN, JSON over java.net.http): reset at the start, a fault
 * rule that fails one job at an item, the request journal's count at the end. Real files: the upload
 * job fetches two PNGs from a file server this program runs on loopback, and two POSTs to the UploadFile
 * servlet (multipart bodies built here, sent with java.net.http) upload two more; the job logs read
 * through the stubs must show each one stored. Each check prints one line; the last line is
 * "N passed, M failed" and the exit code is non-zero on any failure.
 */
public final class InteropScenario {

    static final String API_NS = "http://www.scene7.com/IpsApi/xsd/2022-11-01-beta";
    static final String FAULT_NS = "http://www.scene7.com/IpsApi/xsd";
    // WaitingClient: an UploadFile job between POSTs
    static final Set<String> STATES = Set.of("WaitingCoordinator", "Running", "WaitingClient", "Stopping", "Done");

    // held so the level set below is not lost when the logger is garbage collected
    private static final Logger CXF_LOG = Logger.getLogger("org.apache.cxf");

    private final String company = env("IPS_COMPANY");
    private final String user = env("IPS_USER");
    private final String password = env("IPS_PASSWORD");
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    // Handles carry the company handle without a leading "c|": a job is j|<cid>|<name>||, one run of it
    // (as getActiveJobs and the logs name it) j|<cid>||<name>_<yyyy-MM-dd-HH:mm:ss.SSS>|<run id>.
    private final String cid = company.startsWith("c|") ? company.substring(2) : company;
    private final Pattern jobHandlePattern = Pattern.compile("j\\|" + Pattern.quote(cid) + "\\|.+\\|\\|");
    private final String adminUrl = env("IPS_ADMIN").replaceAll("/+$", "");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // the servlet sits beside the SOAP endpoint: http://host:port/scene7/UploadFile
    private final URI uploadFile = URI.create(env("IPS_ENDPOINT")).resolve("/scene7/UploadFile");
    private IpsApiService service;
    /** submitJob requests sent, compared with the journal's count at the end. */
    private int submitCalls;
    private int passed;
    private int failed;

    public static void main(String[] args) {
        CXF_LOG.setLevel(Level.WARNING);
        InteropScenario scenario = new InteropScenario();
        try {
            scenario.run();
        } catch (Throwable e) {
            scenario.check("scenario ran to the end (" + e + ")", false);
            e.printStackTrace(System.out);
        }
        System.out.println(scenario.passed + " passed, " + scenario.failed + " failed");
        System.out.flush();
        System.exit(scenario.failed == 0 ? 0 : 1);
    }

    void run() throws Exception {
        // 0. a clean service: run-all.sh runs the clients one after another against one server
        Admin reset = admin("reset", "");
        check("admin reset (" + reset + ")", reset.status() == 200 && reset.body().matches("(?s)\\{\\s*\"reset\"\\s*:\\s*true\\s*}\\s*"));

        // 1. the contract comes from the server; the address from IPS_ENDPOINT
        service = new IpsApiService(new URL(env("IPS_WSDL")));
        IpsApiPortType api = port(false, password);

        // 2. checkLogin, good and bad credentials in the body (the header is always valid here)
        check("checkLogin good credentials -> ValidLogin",
                "ValidLogin".equals(api.checkLogin(login(user, password)).getStatus()));
        check("checkLogin bad credentials -> InvalidLogin",
                "InvalidLogin".equals(api.checkLogin(login(user, password + "-wrong")).getStatus()));
        // the WSDL's SOAP 1.2 port is served at the same address
        try {
            check("checkLogin over the SOAP 1.2 port -> ValidLogin",
                    "ValidLogin".equals(port(true, password).checkLogin(login(user, password)).getStatus()));
        } catch (Exception e) {
            check("checkLogin over the SOAP 1.2 port -> ValidLogin (" + e + ")", false);
        }

        // 3. two jobs to run now; the upload job's URLs point at a file server of ours, so the service
        // really downloads and stores two PNGs
        String publishName = "java-cxf publish " + runId;
        String uploadName = "java-cxf upload " + runId;
        String publishHandle = submit(api, publishJob(publishName, null));
        check("submitJob imageServingPublishJob returns a job handle of company " + company + " (" + publishHandle + ")",
                isJobHandle(publishHandle));
        Map<String, byte[]> served = new LinkedHashMap<>();
        served.put("/java-" + runId + "/a.png", png(2, 2, 0xc81e1e));
        served.put("/java-" + runId + "/b.png", png(4, 1, 0x1e1ec8));
        ActiveJob publish;
        ActiveJob upload;
        String uploadHandle;
        Map<String, Integer> fetched = new LinkedHashMap<>();
        try (FileServer files = new FileServer(served)) {
            served.forEach((path, bytes) -> fetched.put(files.url(path), bytes.length));
            uploadHandle = submit(api, uploadJob(uploadName, List.copyOf(fetched.keySet())));
            check("submitJob uploadUrlsJob returns a job handle (" + uploadHandle + ")", isJobHandle(uploadHandle));

            // 4. poll until Done
            publish = awaitDone(api, publishHandle, publishName, "publish job");
            check("publish job reports type ImageServingPublish and 3 items",
                    publish != null && "ImageServingPublish".equals(publish.getType()) && publish.getTotalSize() == 3);
            upload = awaitDone(api, uploadHandle, uploadName, "upload job");
            check("upload job reports type UrlUpload, 2 urls",
                    upload != null && "UrlUpload".equals(upload.getType()) && upload.getTotalSize() == 2
                            && upload.getUploadUrlsJob() != null && Integer.valueOf(2).equals(upload.getUploadUrlsJob().getNumUrls()));
            check("local file server: the service asked for each PNG once " + files.requested,
                    files.requested.size() == 2 && files.requested.containsAll(served.keySet()));
        }
        checkStored(api, uploadHandle, upload, "upload job", fetched);

        // 5. logs of the finished publish job: found by the submitted name, they carry the run's handle
        GetJobLogsParam logsParam = new GetJobLogsParam();
        logsParam.setCompanyHandle(company);
        List<JobLog> logs = api.getJobLogs(logsParam).getJobLogArray().getItems();
        JobLog log = logs.stream().filter(l -> publishName.equals(l.getOriginalJobName())).findFirst().orElse(null);
        check("getJobLogs lists the publish run (its run handle and name) with 3 successes of 3 files",
                log != null && publish != null && publish.getJobHandle().equals(log.getJobHandle())
                        && publish.getName().equals(log.getJobName())
                        && log.getFileSuccessCount() == 3 && log.getTotalFileCount() == 3 && log.getFileErrorCount() == 0);
        check("getJobLogs dates parse with a zone", log != null && isZoned(log.getStartDate()) && isZoned(log.getEndDate()));

        GetJobLogDetailsParam detailsParam = new GetJobLogDetailsParam();
        detailsParam.setCompanyHandle(company);
        detailsParam.setJobHandle(publishHandle);
        List<JobLog> detailed = api.getJobLogDetails(detailsParam).getJobLogArray().getItems();
        List<JobLogDetail> rows = detailed.size() == 1 && detailed.get(0).getDetailArray() != null
                ? detailed.get(0).getDetailArray().getItems() : List.of();
        check("getJobLogDetails by job handle returns the run's log with detail rows (" + rows.size() + ")",
                rows.size() >= 3 && publish != null && publish.getJobHandle().equals(detailed.get(0).getJobHandle()));
        check("every detail row has a message, a type and a zoned dateCreated", !rows.isEmpty() && rows.stream().allMatch(
                r -> !isBlank(r.getLogMessage()) && !isBlank(r.getLogType()) && isZoned(r.getDateCreated())));

        // 5b. an injected failure: a fault rule fails item 2 of runs of jobs named "java-cxf failing <run>*",
        // which no other job here matches; the log read through the CXF stubs must show it
        String failName = "java-cxf failing " + runId;
        String injected = "injected failure for java-cxf " + runId;
        Admin rule = admin("faults", "{\"match\": {\"jobName\": \"" + failName + "*\"}, \"failAtItem\": 2, \"message\": \""
                + injected + "\"}");
        check("admin faults: failAtItem rule added (" + rule + ")", rule.status() == 201 && rule.field("id") != null);
        String failHandle = submit(api, publishJob(failName, null));
        ActiveJob failRun = awaitDone(api, failHandle, failName, "job with an injected failure");
        GetJobLogDetailsParam failParam = new GetJobLogDetailsParam();
        failParam.setCompanyHandle(company);
        failParam.setJobHandle(failHandle);
        List<JobLog> failLogs = api.getJobLogDetails(failParam).getJobLogArray().getItems();
        JobLog failLog = failLogs.size() == 1 ? failLogs.get(0) : null;
        check("injected failure: getJobLogDetails returns the run's log (" + failLogs.size() + " logs)",
                failLog != null && failRun != null && failRun.getJobHandle().equals(failLog.getJobHandle()));
        check("injected failure: 2 succeeded, 1 failed of 3" + (failLog == null ? "" : " (" + failLog.getFileSuccessCount() + "/"
                + failLog.getFileErrorCount() + "/" + failLog.getTotalFileCount() + ")"), failLog != null
                && failLog.getFileSuccessCount() == 2 && failLog.getFileErrorCount() == 1 && failLog.getTotalFileCount() == 3);
        List<JobLogDetail> failRows = failLog == null || failLog.getDetailArray() == null ? List.of()
                : failLog.getDetailArray().getItems();
        List<JobLogDetail> errors = failRows.stream().filter(r -> r.getLogType() != null && r.getLogType().endsWith("Error")).toList();
        check("injected failure: one error row for item 2 carrying the message "
                + failRows.stream().map(r -> r.getLogType() + ": " + r.getLogMessage()).toList(),
                errors.size() == 1 && errors.get(0).getLogMessage() != null && errors.get(0).getLogMessage().contains(injected)
                        && "item 2".equals(errors.get(0).getAssetName()));

        // 5c. UploadFile: one job, two POSTs, as IPS's HTTP upload does it. The first POST names the job and
        // answers the run's handle; the job then waits for the client until a POST says endJob.
        String postName = "java-cxf posted " + runId;
        String folder = "interop/java-" + runId + "/posted";
        byte[] first = png(3, 1, 0x1ec81e);
        byte[] second = png(1, 3, 0xc8c81e);
        Posted one = uploadPost("<companyHandle>" + xml(company) + "</companyHandle><jobName>" + xml(postName)
                + "</jobName><destFolder>" + xml(folder) + "</destFolder>" + JOB_OPTIONS, "first.png", first);
        String postRun = one.jobHandle();
        check("UploadFile first POST -> HTTP 200, uploadPostReturn with the run's handle (" + one + ")",
                one.status() == 200 && one.is(API_NS, "uploadPostReturn") && postRun != null
                        && runHandle(postName).matcher(postRun).matches());
        if (postRun != null) {
            List<String> states = awaitState(api, postRun, postName, "WaitingClient");
            check("UploadFile job: getActiveJobs shows it WaitingClient for the next POST " + states,
                    !states.isEmpty() && "WaitingClient".equals(states.get(states.size() - 1)));
            Posted two = uploadPost("<companyHandle>" + xml(company) + "</companyHandle><jobHandle>" + xml(postRun)
                    + "</jobHandle><destFolder>" + xml(folder) + "</destFolder><endJob>true</endJob>", "second.png", second);
            check("UploadFile second POST (endJob) -> HTTP 200, the same run's handle (" + two + ")",
                    two.status() == 200 && two.is(API_NS, "uploadPostReturn") && postRun.equals(two.jobHandle()));
            ActiveJob posted = awaitDone(api, postRun, postName, "UploadFile job");
            Map<String, Integer> sent = new LinkedHashMap<>();
            sent.put("first.png", first.length);
            sent.put("second.png", second.length);
            checkStored(api, postRun, posted, "UploadFile job", sent);
            // the job has ended: a late POST is refused with the API's fault document, and nothing is kept
            Posted late = uploadPost("<companyHandle>" + xml(company) + "</companyHandle><jobHandle>" + xml(postRun)
                    + "</jobHandle>", "late.png", first);
            check("UploadFile POST to the ended job -> HTTP 500, ipsApiFault 30001 (" + late + ")",
                    late.status() == 500 && late.is(FAULT_NS, "ipsApiFault") && "30001".equals(late.text("code")));
        }

        // 6. a recurring job: list, pause, resume, execute, delete
        String schedName = "java-cxf scheduled " + runId;
        String schedHandle = submit(api, publishJob(schedName, "00 00 03 * * "));
        check("submitJob with execSchedule returns a job handle (" + schedHandle + ")", isJobHandle(schedHandle));
        ScheduledJob sched = scheduled(api, schedHandle);
        check("getScheduledJobs shows it with a future nextFireTime and state Normal", sched != null
                && isZoned(sched.getNextFireTime()) && toOffset(sched.getNextFireTime()).toInstant().isAfter(Instant.now())
                && "Normal".equals(sched.getTriggerState()) && "00 00 03 * * ".equals(sched.getExecSchedule()));

        api.pauseJob(control(new PauseJobParam(), schedHandle, PauseJobParam::setCompanyHandle, PauseJobParam::setJobHandle));
        sched = scheduled(api, schedHandle);
        check("pauseJob -> triggerState Paused", sched != null && "Paused".equals(sched.getTriggerState()));
        api.resumeJob(control(new ResumeJobParam(), schedHandle, ResumeJobParam::setCompanyHandle, ResumeJobParam::setJobHandle));
        sched = scheduled(api, schedHandle);
        check("resumeJob -> triggerState Normal", sched != null && "Normal".equals(sched.getTriggerState()));
        api.executeJob(control(new ExecuteJobParam(), schedHandle, ExecuteJobParam::setCompanyHandle, ExecuteJobParam::setJobHandle));
        awaitDone(api, schedHandle, schedName, "executed scheduled job");
        api.deleteJob(control(new DeleteJobParam(), schedHandle, DeleteJobParam::setCompanyHandle, DeleteJobParam::setJobHandle));
        check("deleteJob -> getScheduledJobs no longer lists it", scheduled(api, schedHandle) == null);

        // 7. faults surface as the generated exception types
        try {
            port(false, password + "-wrong").checkLogin(login(user, password));
            check("wrong password in authHeader -> AuthenticationFault", false);
        } catch (AuthenticationFault e) {
            check("wrong password in authHeader -> AuthenticationFault code 10001 (" + e.getFaultInfo().getReason() + ")",
                    e.getFaultInfo().getCode() == 10001 && !isBlank(e.getFaultInfo().getReason()));
        }
        try {
            // the publish job's finished run lingers, so the company still holds the name
            String again = submit(api, publishJob(publishName, null));
            check("submitJob with a name the company holds -> IpsApiFault (got " + again + ")", false);
        } catch (IpsApiFault e) {
            check("submitJob with a name the company holds -> IpsApiFault code 30001 (" + e.getFaultInfo().getReason() + ")",
                    e.getFaultInfo().getCode() == 30001);
        }
        try {
            api.stopJob(control(new StopJobParam(), "j|" + cid + "|no such job " + runId + "||",
                    StopJobParam::setCompanyHandle, StopJobParam::setJobHandle));
            check("stopJob of an unknown handle -> IpsApiFault", false);
        } catch (IpsApiFault e) {
            check("stopJob of an unknown handle -> IpsApiFault code 30001 (" + e.getFaultInfo().getReason() + ")",
                    e.getFaultInfo().getCode() == 30001 && !isBlank(e.getFaultInfo().getReason()));
        }

        // 8. the journal saw every submitJob sent since the reset, faulted ones included
        Admin counted = admin("requests/count", "{\"operation\": \"submitJob\"}");
        check("admin requests/count: " + submitCalls + " submitJob calls journalled (" + counted + ")",
                counted.status() == 200 && Integer.toString(submitCalls).equals(counted.field("count")));
    }

    /** submitJob through the stubs, counted for the journal check. */
    String submit(IpsApiPortType api, SubmitJobParam param) throws Exception {
        submitCalls++;
        return api.submitJob(param).getJobHandle();
    }

    /** An admin API answer: its HTTP status and JSON text. */
    record Admin(int status, String body) {
        /** A top-level string or number field, read with a pattern: the answers used here are flat. */
        String field(String name) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(?:\"([^\"]*)\"|(-?\\d+))").matcher(body);
            return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body.replaceAll("\\s+", " ");
        }
    }

    /** POSTs a JSON body to the admin API; a 4xx comes back as an answer for the check to report. */
    Admin admin(String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(adminUrl + "/" + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Admin(response.statusCode(), response.body());
    }

    /** The four fields an UploadPostJob requires: the options of the job a first POST starts. */
    static final String JOB_OPTIONS = "<uploadParams><overwrite>true</overwrite><readyForPublish>true</readyForPublish>"
            + "<createMask>false</createMask><emailSetting>None</emailSetting></uploadParams>";

    /** An UploadFile answer: its HTTP status, its root element (null when it is not XML) and its text. */
    record Posted(int status, Element root, String body) {
        boolean is(String namespace, String name) {
            return root != null && namespace.equals(root.getNamespaceURI()) && name.equals(root.getLocalName());
        }

        /** The text of a child of the root in the root's namespace, or null. */
        String text(String name) {
            if (root == null) {
                return null;
            }
            var children = root.getElementsByTagNameNS(root.getNamespaceURI(), name);
            return children.getLength() == 0 ? null : children.item(0).getTextContent();
        }

        String jobHandle() {
            return text("jobHandle");
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body.replaceAll("\\s+", " ");
        }
    }

    /**
     * One POST to the UploadFile servlet with a multipart/form-data body built by hand: an auth part (an
     * authHeader document), an uploadParams part (an uploadPostParam document around the given fields)
     * and one file part.
     */
    Posted uploadPost(String paramFields, String fileName, byte[] content) throws Exception {
        String boundary = "ips-interop-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String auth = "<authHeader xmlns=\"" + API_NS + "\"><user>" + xml(user) + "</user><password>" + xml(password)
                + "</password><appName>ips-interop-java-cxf</appName><appVersion>1.0</appVersion></authHeader>";
        String params = "<uploadPostParam xmlns=\"" + API_NS + "\">" + paramFields + "</uploadPostParam>";
        // the XML parts are form fields (no filename); only the file part carries one
        for (String[] part : List.of(new String[] {"auth", auth}, new String[] {"uploadParams", params})) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part[0] + "\"\r\n"
                    + "Content-Type: text/xml; charset=UTF-8\r\n\r\n" + part[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file1\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uploadFile)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body())).getDocumentElement();
        } catch (Exception e) {
            root = null; // reported through the check's text
        }
        return new Posted(response.statusCode(), root, new String(response.body(), StandardCharsets.UTF_8));
    }

    /**
     * Checks the log of a finished upload run through getJobLogDetails: one UploadSuccess line for each
     * source (a URL or a posted file's name) naming it, its size and a new asset, and no errors or warnings.
     */
    void checkStored(IpsApiPortType api, String handle, ActiveJob run, String what, Map<String, Integer> files)
            throws Exception {
        GetJobLogDetailsParam param = new GetJobLogDetailsParam();
        param.setCompanyHandle(company);
        param.setJobHandle(handle);
        List<JobLog> logs = api.getJobLogDetails(param).getJobLogArray().getItems();
        JobLog log = logs.size() == 1 ? logs.get(0) : null;
        if (!check(what + ": getJobLogDetails returns the run's log (" + logs.size() + " logs)",
                log != null && run != null && run.getJobHandle().equals(log.getJobHandle()))) {
            return;
        }
        int n = files.size();
        check(what + ": fileSuccessCount " + n + ", no errors or warnings, of " + n + " (" + log.getFileSuccessCount()
                + "/" + log.getFileErrorCount() + "/" + log.getFileWarningCount() + "/" + log.getTotalFileCount() + ")",
                log.getFileSuccessCount() == n && log.getFileErrorCount() == 0 && log.getFileWarningCount() == 0
                        && log.getTotalFileCount() == n);
        List<JobLogDetail> rows = log.getDetailArray() == null ? List.of() : log.getDetailArray().getItems();
        List<JobLogDetail> successes = rows.stream().filter(r -> "UploadSuccess".equals(r.getLogType())).toList();
        check(what + ": " + n + " UploadSuccess line(s) and no UploadError "
                + rows.stream().map(r -> r.getLogType() + ": " + r.getLogMessage()).toList(),
                successes.size() == n && rows.stream().noneMatch(r -> "UploadError".equals(r.getLogType())));
        files.forEach((source, size) -> {
            // "<source> was uploaded to <path> as asset a|<cid>|<n> (Image, <size> bytes)."
            JobLogDetail row = successes.stream().filter(r -> r.getLogMessage() != null && r.getLogMessage().contains(source))
                    .findFirst().orElse(null);
            check(what + ": " + source + " stored as an image asset of " + size + " bytes"
                    + (row == null ? "" : " (" + row.getLogMessage() + ")"),
                    row != null && row.getLogMessage().contains("(Image, " + size + " bytes)") && row.getAssetHandle() != null
                            && row.getAssetHandle().matches("a\\|" + Pattern.quote(cid) + "\\|\\d+"));
        });
    }

    /** Serves fixed files on a free loopback port with the JDK's HttpServer, noting each path asked for. */
    static final class FileServer implements AutoCloseable {
        final List<String> requested = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        FileServer(Map<String, byte[]> files) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                requested.add(path);
                byte[] bytes = files.get(path);
                if (bytes == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.getResponseHeaders().set("Content-Type", "image/png");
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A small PNG of one colour, written by ImageIO: the service recognises files by their content. */
    static byte[] png(int width, int height, int rgb) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A port whose every request carries an authHeader SOAP header with these credentials. */
    IpsApiPortType port(boolean soap12, String headerPassword) throws JAXBException {
        IpsApiPortType port = soap12 ? service.getIpsApiSoap12Port() : service.getIpsApiSoapPort();
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, env("IPS_ENDPOINT"));
        AuthHeader auth = new AuthHeader();
        auth.setUser(user);
        auth.setPassword(headerPassword);
        auth.setAppName("ips-interop-java-cxf");
        auth.setAppVersion("1.0");
        context.put(Header.HEADER_LIST, new ArrayList<>(List.of(
                new Header(new QName(API_NS, "authHeader"), auth, new JAXBDataBinding(AuthHeader.class)))));
        // responses are checked against the WSDL's schema as they are read
        context.put("schema-validation-enabled", "IN");
        return port;
    }

    /**
     * Polls getActiveJobs with a job's handle until its run is Done (30 s at most), checking each answer
     * on the way. The listing holds runs of the job; the one with the submitted name as originalName is
     * returned (null if never listed).
     */
    ActiveJob awaitDone(IpsApiPortType api, String handle, String name, String what) throws Exception {
        GetActiveJobsParam param = new GetActiveJobsParam();
        param.setCompanyHandle(company);
        param.setJobHandle(handle);
        long deadline = System.nanoTime() + 30_000_000_000L;
        int lastProgress = -1;
        boolean grows = true;
        boolean typed = true;
        int polls = 0;
        ActiveJob job = null;
        Set<String> runHandles = new java.util.LinkedHashSet<>();
        while (System.nanoTime() < deadline) {
            List<ActiveJob> items = api.getActiveJobs(param).getJobArray().getItems();
            polls++;
            job = items.stream().filter(j -> name.equals(j.getOriginalName())).findFirst().orElse(null);
            if (job != null) {
                runHandles.add(job.getJobHandle());
                grows &= job.getProgress() >= lastProgress;
                lastProgress = job.getProgress();
                typed &= wellTyped(job);
                if ("Done".equals(job.getState())) {
                    break;
                }
            }
            Thread.sleep(50);
        }
        boolean done = job != null && "Done".equals(job.getState());
        check(what + " reaches Done after " + polls + " poll(s)", done);
        Matcher run = job == null ? null : runHandle(name).matcher(job.getJobHandle());
        check(what + " is listed as one run j|" + cid + "||<name>_<time>|<id> named <name>_<time> " + runHandles,
                run != null && run.matches() && runHandles.size() == 1 && (name + "_" + run.group(1)).equals(job.getName()));
        check(what + " progress never decreased and ends at 100", done && grows && job.getProgress() == 100);
        check(what + " fields parse into typed values (zoned dates, ints, task progress)", done && typed);
        return job;
    }

    /** A run handle of the named job, j|<cid>||<name>_<time>|<id>; group 1 is the time. */
    Pattern runHandle(String name) {
        return Pattern.compile("j\\|" + Pattern.quote(cid) + "\\|\\|" + Pattern.quote(name)
                + "_(\\d{4}-\\d\\d-\\d\\d-\\d\\d:\\d\\d:\\d\\d\\.\\d{3})\\|\\d+");
    }

    /**
     * Polls getActiveJobs with a run's handle until the run is in the state, or Done, which ends the wait
     * (30 s at most); returns the states seen, in order, without repeats.
     */
    List<String> awaitState(IpsApiPortType api, String runHandle, String name, String state) throws Exception {
        GetActiveJobsParam param = new GetActiveJobsParam();
        param.setCompanyHandle(company);
        param.setJobHandle(runHandle);
        List<String> states = new ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            ActiveJob job = api.getActiveJobs(param).getJobArray().getItems().stream()
                    .filter(j -> name.equals(j.getOriginalName())).findFirst().orElse(null);
            if (job != null && (states.isEmpty() || !states.get(states.size() - 1).equals(job.getState()))) {
                states.add(job.getState());
            }
            if (!states.isEmpty() && (state.equals(states.get(states.size() - 1)) || "Done".equals(states.get(states.size() - 1)))) {
                break;
            }
            Thread.sleep(20);
        }
        return states;
    }

    /** Fields the scenario relies on: present, in range, dates with a zone. */
    boolean wellTyped(ActiveJob job) {
        boolean ok = company.equals(job.getCompanyHandle())
                && STATES.contains(job.getState()) && job.getProgress() >= 0 && job.getProgress() <= 100
                && job.getTotalSize() >= 0 && isZoned(job.getStartDate()) && isZoned(job.getTriggerTime())
                && isZoned(job.getLastProgressUpdate()) && job.getTaskProgressArray() != null;
        if (!ok) {
            return false;
        }
        for (TaskProgress task : job.getTaskProgressArray().getItems()) {
            // a task's progress is a fraction (1.0 when done), unlike the job's 0-100
            ok &= task.getProgress() >= 0 && task.getProgress() <= 1 && isZoned(task.getLastProgressUpdate())
                    && task.getNumProcessed() >= 0 && task.getNumPending() >= 0;
            if (task.getTaskItemProgressArray() != null) {
                for (TaskItemProgress item : task.getTaskItemProgressArray().getItems()) {
                    ok &= isZoned(item.getLastProgressUpdate());
                }
            }
        }
        return ok;
    }

    ScheduledJob scheduled(IpsApiPortType api, String handle) throws Exception {
        GetScheduledJobsParam param = new GetScheduledJobsParam();
        param.setCompanyHandle(company);
        param.setJobHandle(handle);
        return api.getScheduledJobs(param).getJobArray().getItems().stream()
                .filter(j -> handle.equals(j.getJobHandle())).findFirst().orElse(null);
    }

    boolean isJobHandle(String handle) {
        return handle != null && jobHandlePattern.matcher(handle).matches();
    }

    CheckLoginParam login(String email, String pw) {
        CheckLoginParam p = new CheckLoginParam();
        p.setCompanyHandle(company);
        p.setEmail(email);
        p.setPassword(pw);
        return p;
    }

    SubmitJobParam publishJob(String name, String execSchedule) {
        ImageServingPublishJob publish = new ImageServingPublishJob();
        publish.setPublishType("Full");
        publish.setEmailSetting("None");
        SubmitJobParam p = new SubmitJobParam();
        p.setCompanyHandle(company);
        p.setJobName(name);
        p.setExecSchedule(execSchedule);
        p.setImageServingPublishJob(publish);
        return p;
    }

    SubmitJobParam uploadJob(String name, List<String> sources) {
        UploadUrlArray urls = new UploadUrlArray();
        for (String source : sources) {
            UploadUrl url = new UploadUrl();
            url.setSourceUrl(source);
            url.setDestPath("interop/java-" + runId + "/");
            urls.getItems().add(url);
        }
        UploadUrlsJob upload = new UploadUrlsJob();
        upload.setUrlArray(urls);
        upload.setOverwrite(true);
        upload.setReadyForPublish(true);
        upload.setCreateMask(false);
        upload.setEmailSetting("None");
        SubmitJobParam p = new SubmitJobParam();
        p.setCompanyHandle(company);
        p.setJobName(name);
        p.setUploadUrlsJob(upload);
        return p;
    }

    /** Fills the (companyHandle, jobHandle) pair every job-control request has. */
    <P> P control(P param, String handle, java.util.function.BiConsumer<P, String> setCompany,
            java.util.function.BiConsumer<P, String> setHandle) {
        setCompany.accept(param, company);
        setHandle.accept(param, handle);
        return param;
    }

    static boolean isZoned(XMLGregorianCalendar value) {
        return value != null && value.getTimezone() != DatatypeConstants.FIELD_UNDEFINED && toOffset(value) != null;
    }

    static OffsetDateTime toOffset(XMLGregorianCalendar value) {
        return value.toGregorianCalendar().toZonedDateTime().toOffsetDateTime();
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    boolean check(String what, boolean ok) {
        if (ok) {
            passed++;
        } else {
            failed++;
        }
        System.out.println((ok ? "ok   " : "FAIL ") + what);
        return ok;
    }

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
