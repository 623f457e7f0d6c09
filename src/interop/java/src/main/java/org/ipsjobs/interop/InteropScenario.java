package org.ipsjobs.interop;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;

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

/**
 * The interop scenario, run with the stubs CXF's wsdl2java generated from the served WSDL. The service
 * is steered through its admin API (IPS_ADMIN, JSON over java.net.http): reset at the start, a fault
 * rule that fails one job at an item, the request journal's count at the end. Each check prints one
 * line; the last line is "N passed, M failed" and the exit code is non-zero on any failure.
 */
public final class InteropScenario {

    static final String API_NS = "http://www.scene7.com/IpsApi/xsd/2022-11-01-beta";
    static final Set<String> STATES = Set.of("WaitingCoordinator", "Running", "Stopping", "Done");

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

        // 3. two jobs to run now
        String publishName = "java-cxf publish " + runId;
        String uploadName = "java-cxf upload " + runId;
        String publishHandle = submit(api, publishJob(publishName, null));
        check("submitJob imageServingPublishJob returns a job handle of company " + company + " (" + publishHandle + ")",
                isJobHandle(publishHandle));
        String uploadHandle = submit(api, uploadJob(uploadName));
        check("submitJob uploadUrlsJob returns a job handle (" + uploadHandle + ")", isJobHandle(uploadHandle));

        // 4. poll until Done
        ActiveJob publish = awaitDone(api, publishHandle, publishName, "publish job");
        check("publish job reports type ImageServingPublish and 3 items",
                publish != null && "ImageServingPublish".equals(publish.getType()) && publish.getTotalSize() == 3);
        ActiveJob upload = awaitDone(api, uploadHandle, uploadName, "upload job");
        check("upload job reports type UrlUpload, 2 urls",
                upload != null && "UrlUpload".equals(upload.getType()) && upload.getTotalSize() == 2
                        && upload.getUploadUrlsJob() != null && Integer.valueOf(2).equals(upload.getUploadUrlsJob().getNumUrls()));

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
        Matcher run = job == null ? null : Pattern.compile("j\\|" + Pattern.quote(cid) + "\\|\\|" + Pattern.quote(name)
                + "_(\\d{4}-\\d\\d-\\d\\d-\\d\\d:\\d\\d:\\d\\d\\.\\d{3})\\|\\d+").matcher(job.getJobHandle());
        check(what + " is listed as one run j|" + cid + "||<name>_<time>|<id> named <name>_<time> " + runHandles,
                run != null && run.matches() && runHandles.size() == 1 && (name + "_" + run.group(1)).equals(job.getName()));
        check(what + " progress never decreased and ends at 100", done && grows && job.getProgress() == 100);
        check(what + " fields parse into typed values (zoned dates, ints, task progress)", done && typed);
        return job;
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

    SubmitJobParam uploadJob(String name) {
        UploadUrlArray urls = new UploadUrlArray();
        for (String source : List.of("http://images.example.com/a.jpg", "https://images.example.com/b.png")) {
            UploadUrl url = new UploadUrl();
            url.setSourceUrl(source);
            url.setDestPath("interop/");
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

    void check(String what, boolean ok) {
        if (ok) {
            passed++;
        } else {
            failed++;
        }
        System.out.println((ok ? "ok   " : "FAIL ") + what);
    }

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
