import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The interop client for the plain-XML API, written the way Adobe Experience Manager's Scene7 client
 * classes talk to IPS: a POST of a Request element (wrapper in one API version, authHeader and Param
 * in another) to /scene7/api/IpsApiService, and answers read with a namespace-unaware parser and
 * XPath over local names. The service is steered through its admin API (IPS_ADMIN, JSON over the
 * same HttpClient): reset at the start, a fault rule that fails one job at an item, the request
 * journal's count at the end. Plain JDK, run with `java PlainXmlScenario.java`.
 */
public class PlainXmlScenario {

    static final String WRAPPER_NS = "http://www.scene7.com/IpsApi/xsd/2017-10-29-beta";
    static final String NS = "http://www.scene7.com/IpsApi/xsd/2021-01-11-beta";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final XPath XPATH = XPathFactory.newInstance().newXPath();

    static String url;
    static String user;
    static String password;
    static String company;
    static String adminUrl;
    /** submitJob requests sent, compared with the journal's count at the end. */
    static int submitCalls;
    static int passed;
    static int failed;

    record Answer(int status, Document document, String text) {
        String value(String path) throws Exception {
            return XPATH.evaluate(path, document);
        }

        int count(String path) throws Exception {
            return ((NodeList) XPATH.evaluate(path, document, XPathConstants.NODESET)).getLength();
        }
    }

    public static void main(String[] args) throws Exception {
        url = System.getenv("IPS_ENDPOINT").replace("/services/IpsApiService", "/api/IpsApiService");
        user = System.getenv("IPS_USER");
        password = System.getenv("IPS_PASSWORD");
        company = System.getenv("IPS_COMPANY");
        adminUrl = System.getenv("IPS_ADMIN").replaceAll("/+$", "");
        String run = "plain-" + System.currentTimeMillis();
        // handles carry the company handle without a leading "c|"
        String cid = company.startsWith("c|") ? company.substring(2) : company;

        // a clean service: run-all.sh runs the clients one after another against one server
        Admin reset = admin("reset", "");
        check("admin reset", reset.status == 200 && reset.body.matches("(?s)\\{\\s*\"reset\"\\s*:\\s*true\\s*}\\s*"),
                reset.toString());

        Answer info = call("getCompanyInfo", "<companyHandle>" + company + "</companyHandle>");
        check("getCompanyInfo by handle", company.equals(info.value("/getCompanyInfoReturn/companyInfo/companyHandle")),
                info.text);

        Answer submitted = call("submitJob", "<companyHandle>" + company + "</companyHandle><jobName>" + run
                + "</jobName><imageServingPublishJob><publishType>Full</publishType><emailSetting>None</emailSetting>"
                + "</imageServingPublishJob>");
        String handle = submitted.value("/submitJobReturn/jobHandle");
        check("submitJob returns the job handle j|" + cid + "|<name>||", ("j|" + cid + "|" + run + "||").equals(handle),
                submitted.text);

        // asked with the job's handle, getActiveJobs lists the job's runs; the run is found by originalName
        String runPath = "/getActiveJobsReturn/jobArray/items[originalName='" + run + "']";
        String state = waitFor(() -> {
            try {
                return call("getActiveJobs", "<companyHandle>" + company + "</companyHandle><jobHandle>" + escape(handle)
                        + "</jobHandle>").value(runPath + "/state");
            } catch (Exception e) {
                return e.toString();
            }
        }, "Done");
        check("getActiveJobs shows the job's run reach Done", "Done".equals(state), state);
        Answer active = call("getActiveJobs", "<companyHandle>" + company + "</companyHandle><jobHandle>" + escape(handle)
                + "</jobHandle>");
        String runHandle = active.value(runPath + "/jobHandle");
        var stamp = Pattern.compile("j\\|" + Pattern.quote(cid) + "\\|\\|" + Pattern.quote(run)
                + "_(\\d{4}-\\d\\d-\\d\\d-\\d\\d:\\d\\d:\\d\\d\\.\\d{3})\\|\\d+").matcher(runHandle);
        check("the run is listed once as j|" + cid + "||<name>_<time>|<id>, named <name>_<time>",
                active.count(runPath) == 1 && stamp.matches()
                        && (run + "_" + stamp.group(1)).equals(active.value(runPath + "/name")), active.text);

        Answer logs = call("getJobLogs", "<companyHandle>" + company + "</companyHandle><numRows>1000</numRows>");
        check("getJobLogs lists the run's log by originalJobName, with the run's handle",
                logs.count("/getJobLogsReturn/jobLogArray/items[originalJobName='" + run + "']") == 1
                        && runHandle.equals(logs.value("/getJobLogsReturn/jobLogArray/items[originalJobName='" + run
                                + "']/jobHandle")), logs.text);

        Answer details = call("getJobLogDetails", "<companyHandle>" + company + "</companyHandle><jobHandle>"
                + escape(handle) + "</jobHandle>");
        check("getJobLogDetails has detail rows",
                details.count("/getJobLogDetailsReturn/jobLogArray/items/detailArray/items") > 0, details.text);

        // an injected failure: a fault rule fails item 2 of runs of jobs named <run>-fail-*, which no other job
        // here matches; the log read through the plain-XML API must show it
        String failName = run + "-fail-publish";
        String injected = "injected failure for " + run;
        Admin rule = admin("faults", "{\"match\": {\"jobName\": \"" + run + "-fail-*\"}, \"failAtItem\": 2, \"message\": \""
                + injected + "\"}");
        check("admin faults: failAtItem rule added", rule.status == 201 && rule.field("id") != null, rule.toString());
        String failHandle = call("submitJob", "<companyHandle>" + company + "</companyHandle><jobName>" + failName
                + "</jobName><imageServingPublishJob><publishType>Full</publishType><emailSetting>None</emailSetting>"
                + "</imageServingPublishJob>").value("/submitJobReturn/jobHandle");
        String failPath = "/getActiveJobsReturn/jobArray/items[originalName='" + failName + "']/state";
        String failState = waitFor(() -> {
            try {
                return call("getActiveJobs", "<companyHandle>" + company + "</companyHandle><jobHandle>"
                        + escape(failHandle) + "</jobHandle>").value(failPath);
            } catch (Exception e) {
                return e.toString();
            }
        }, "Done");
        check("the job with an injected failure reaches Done", "Done".equals(failState), failState);
        Answer failDetails = call("getJobLogDetails", "<companyHandle>" + company + "</companyHandle><jobHandle>"
                + escape(failHandle) + "</jobHandle>");
        String failLog = "/getJobLogDetailsReturn/jobLogArray/items[originalJobName='" + failName + "']";
        check("injected failure: the run's log counts 2 succeeded, 1 failed of 3",
                failDetails.count("/getJobLogDetailsReturn/jobLogArray/items") == 1
                        && "2".equals(failDetails.value(failLog + "/fileSuccessCount"))
                        && "1".equals(failDetails.value(failLog + "/fileErrorCount"))
                        && "3".equals(failDetails.value(failLog + "/totalFileCount")), failDetails.text);
        String errorRow = failLog + "/detailArray/items[substring(logType, string-length(logType) - 4) = 'Error']";
        check("injected failure: one error row for item 2 carrying the message", failDetails.count(errorRow) == 1
                && failDetails.value(errorRow + "/logMessage").contains(injected)
                && "item 2".equals(failDetails.value(errorRow + "/assetName")), failDetails.text);

        Answer scheduled = call("submitJob", "<companyHandle>" + company + "</companyHandle><jobName>" + run
                + "-nightly</jobName><execSchedule>00 00 03 * * </execSchedule><imageServingPublishJob><publishType>"
                + "Incremental</publishType><emailSetting>None</emailSetting></imageServingPublishJob>");
        String nightly = scheduled.value("/submitJobReturn/jobHandle");
        Answer listed = call("getScheduledJobs", "<companyHandle>" + company + "</companyHandle>");
        check("getScheduledJobs lists the schedule", listed.count("/getScheduledJobsReturn/jobArray/items[jobHandle='"
                + nightly + "']") == 1, listed.text);
        call("pauseJob", "<companyHandle>" + company + "</companyHandle><jobHandle>" + escape(nightly) + "</jobHandle>");
        Answer paused = call("getScheduledJobs", "<companyHandle>" + company + "</companyHandle>");
        check("pauseJob pauses it", "Paused".equals(paused.value("/getScheduledJobsReturn/jobArray/items[jobHandle='"
                + nightly + "']/triggerState")), paused.text);
        Answer deleted = call("deleteJob", "<companyHandle>" + company + "</companyHandle><jobHandle>" + escape(nightly)
                + "</jobHandle>");
        check("deleteJob answers the bare deleteJobReturn", deleted.status == 200
                && deleted.document.getDocumentElement().getNodeName().equals("deleteJobReturn"), deleted.text);

        Answer login = call("checkLogin", "<companyHandle>" + company + "</companyHandle><email>" + user
                + "</email><password>" + password + "</password>");
        check("checkLogin", "ValidLogin".equals(login.value("/checkLoginReturn/status")), login.text);

        Answer wrong = post(request(header(user, "wrong-password", ""), "getActiveJobs", "<companyHandle>" + company
                + "</companyHandle>"));
        check("a wrong password is the bare authenticationFault 10001 with HTTP 500", wrong.status == 500
                && "10001".equals(wrong.value("/authenticationFault/code")), wrong.text);

        Answer wrong200 = post(request(header(user, "wrong-password", "<faultHttpStatusCode>200</faultHttpStatusCode>"),
                "getActiveJobs", "<companyHandle>" + company + "</companyHandle>"));
        check("faultHttpStatusCode 200 is honoured", wrong200.status == 200
                && "10001".equals(wrong200.value("/authenticationFault/code")), wrong200.text);

        Answer foreign = call("getActiveJobs", "<companyHandle>48</companyHandle>");
        check("another company is the bare authorizationFault 20006", foreign.status == 500
                && "20006".equals(foreign.value("/authorizationFault/code")), foreign.text);

        // the job's finished run lingers, so the company still holds its name
        Answer duplicate = call("submitJob", "<companyHandle>" + company + "</companyHandle><jobName>" + run
                + "</jobName><imageServingPublishJob><publishType>Full</publishType><emailSetting>None</emailSetting>"
                + "</imageServingPublishJob>");
        check("submitting a name the company holds is the bare ipsApiFault 30001",
                "30001".equals(duplicate.value("/ipsApiFault/code")), duplicate.text);

        Answer unknown = call("stopJob", "<companyHandle>" + company + "</companyHandle><jobHandle>j|" + cid + "|" + run
                + "-no-such-job||</jobHandle>");
        check("an unknown job handle is the bare ipsApiFault 30001",
                "30001".equals(unknown.value("/ipsApiFault/code")) && !unknown.value("/ipsApiFault/reason").isEmpty(),
                unknown.text);

        // the journal saw every submitJob sent since the reset, faulted ones included
        Admin counted = admin("requests/count", "{\"operation\": \"submitJob\"}");
        check("admin requests/count: " + submitCalls + " submitJob calls journalled",
                counted.status == 200 && Integer.toString(submitCalls).equals(counted.field("count")), counted.toString());

        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    static String header(String user, String password, String extra) {
        return "<authHeader xmlns=\"" + NS + "\"><user>" + escape(user) + "</user><password>" + escape(password)
                + "</password><appName>plain-xml-interop</appName><appVersion>1.0</appVersion>" + extra + "</authHeader>";
    }

    static String request(String header, String operation, String params) {
        return "<Request xmlns=\"" + WRAPPER_NS + "\">" + header + "<" + operation + "Param xmlns=\"" + NS + "\">"
                + params + "</" + operation + "Param></Request>";
    }

    static Answer call(String operation, String params) throws Exception {
        if (operation.equals("submitJob")) {
            submitCalls++;
        }
        return post(request(header(user, password, ""), operation, params));
    }

    static Answer post(String body) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "text/xml; charset=UTF-8").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false); // as AEM's client reads the answers
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
        return new Answer(response.statusCode(), document, new String(response.body(), StandardCharsets.UTF_8));
    }

    /** An admin API answer: its HTTP status and JSON text. */
    record Admin(int status, String body) {
        /** A top-level string or number field, read with a pattern: the answers used here are flat. */
        String field(String name) {
            var m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(?:\"([^\"]*)\"|(-?\\d+))").matcher(body);
            return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body.replaceAll("\\s+", " ");
        }
    }

    /** POSTs a JSON body to the admin API; a 4xx comes back as an answer for the check to report. */
    static Admin admin(String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(adminUrl + "/" + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Admin(response.statusCode(), response.body());
    }

    static String waitFor(Supplier<String> probe, String wanted) throws InterruptedException {
        String last = "";
        for (int i = 0; i < 150 && !wanted.equals(last); i++) {
            last = probe.get();
            if (!wanted.equals(last)) {
                Thread.sleep(100); // polling a remote server's job state
            }
        }
        return last;
    }

    static void check(String what, boolean ok, String detail) {
        if (ok) {
            passed++;
            System.out.println("PASS " + what);
        } else {
            failed++;
            System.out.println("FAIL " + what + ": " + (detail.length() > 400 ? detail.substring(0, 400) + "..." : detail));
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }
}
