// Interop scenario for the IPS job service, driven by C++ stubs that gSOAP generates at run time
// from the WSDL the server publishes (see Makefile). Uses the generated IpsApiServiceSoapBindingProxy, puts
// the authHeader into the generated SOAP_ENV__Header (soap->header) and reads faults from the
// generated SOAP_ENV__Detail. The service is steered through its admin API (IPS_ADMIN, JSON over HTTP
// sent with gSOAP's own REST calls): reset at the start, a fault rule that fails one job at an item,
// the request journal's count at the end. Prints "N passed, M failed" as its last line.
#include "soapIpsApiServiceSoapBindingProxy.h"
#include "IpsApiServiceSoapBinding.nsmap"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>
#include <unistd.h>

using Clock = std::chrono::system_clock;

static int passed = 0, failed = 0;
static int submitCalls = 0;  // compared with the journal's count at the end

static bool check(const std::string &label, bool ok, const std::string &detail = "") {
    (ok ? passed : failed)++;
    std::cout << (ok ? "PASS " : "FAIL ") << label << (detail.empty() ? "" : " (" + detail + ")") << std::endl;
    return ok;
}

static std::string env(const char *name) {
    const char *value = std::getenv(name);
    if (!value || !*value) throw std::runtime_error(std::string("environment variable ") + name + " is not set");
    return value;
}

static std::string iso(Clock::time_point t) {
    std::time_t secs = Clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// A date the server sent: parsed into a time_point within a day of now.
static bool plausible(Clock::time_point t) {
    auto gap = t - Clock::now();
    return gap < std::chrono::hours(24) && gap > -std::chrono::hours(24);
}

// The client's own fault type, filled from the generated SOAP_ENV__Detail members.
struct IpsFault : std::runtime_error {
    std::string kind;
    int code;
    std::string reason;
    IpsFault(std::string k, int c, std::string r)
        : std::runtime_error(k + " " + std::to_string(c) + ": " + r), kind(std::move(k)), code(c), reason(std::move(r)) {}
};

struct Client {
    std::string endpoint;
    IpsApiServiceSoapBindingProxy proxy;
    _ips__authHeader auth;

    Client(const std::string &url, const std::string &user, const std::string &password)
        : endpoint(url), proxy(endpoint.c_str()) {
        auth.user = soap_new_std__string(proxy.soap);
        *auth.user = user;
        auth.password = soap_new_std__string(proxy.soap);
        *auth.password = password;
        auth.appName = "ips-interop-cpp";
        auth.appVersion = "1.0";
    }

    // Runs one generated proxy method; a SOAP fault with an IPS detail becomes an IpsFault.
    template <typename Op>
    void call(const char *what, Op op) {
        // The received message replaces soap->header, so set ours again before every request.
        ::soap_header(proxy.soap);
        proxy.soap->header->ips__authHeader = &auth;
        if (std::string(what) == "submitJob") submitCalls++;
        if (op(proxy) == SOAP_OK) return;
        SOAP_ENV__Fault *fault = proxy.soap->fault;
        SOAP_ENV__Detail *detail = fault ? (fault->detail ? fault->detail : fault->SOAP_ENV__Detail) : nullptr;
        if (proxy.soap->error == SOAP_FAULT && detail) {
            if (detail->ipsf__authenticationFault)
                throw IpsFault("authenticationFault", detail->ipsf__authenticationFault->code, detail->ipsf__authenticationFault->reason);
            if (detail->ipsf__authorizationFault)
                throw IpsFault("authorizationFault", detail->ipsf__authorizationFault->code, detail->ipsf__authorizationFault->reason);
            if (detail->ipsf__ipsApiFault)
                throw IpsFault("ipsApiFault", detail->ipsf__ipsApiFault->code, detail->ipsf__ipsApiFault->reason);
        }
        char text[1024];
        proxy.soap_sprint_fault(text, sizeof text);
        throw std::runtime_error(std::string(what) + " failed: " + text);
    }
};

// An admin API answer: the HTTP status (0 when there was none) and the JSON text, or what went wrong.
struct AdminAnswer {
    int status = 0;
    std::string body;

    // A top-level string or number field, read with a pattern: the answers used here are flat.
    std::string field(const std::string &name) const {
        const std::regex re("\"" + name + "\"\\s*:\\s*(?:\"([^\"]*)\"|(-?\\d+))");
        std::smatch m;
        if (!std::regex_search(body, m, re)) return "";
        return m[1].matched ? m[1].str() : m[2].str();
    }

    std::string show() const {
        return "HTTP " + std::to_string(status) + " " + std::regex_replace(body, std::regex("\\s+"), " ");
    }
};

static std::string adminUrl;

// POSTs a JSON body to the admin API with gSOAP's REST functions (soap_POST, then the raw body), on a
// context of its own so the SOAP proxy's state is untouched. gSOAP hands a 4xx answer back like a 2xx
// one here (it is not XML), so the check reading it can report it.
static AdminAnswer admin(const std::string &path, const std::string &json) {
    AdminAnswer answer;
    struct soap *ctx = soap_new1(SOAP_C_UTFSTRING);
    const std::string url = adminUrl + "/" + path;
    if (soap_POST(ctx, url.c_str(), nullptr, "application/json") == SOAP_OK
        && soap_send_raw(ctx, json.data(), json.size()) == SOAP_OK && soap_end_send(ctx) == SOAP_OK
        && soap_begin_recv(ctx) == SOAP_OK) {
        size_t len = 0;
        const char *body = soap_http_get_body(ctx, &len);
        answer.body.assign(body ? body : "", body ? len : 0);
        answer.status = soap_end_recv(ctx) == SOAP_OK ? ctx->status : 0;
    }
    if (answer.status == 0) {
        char text[1024];
        soap_sprint_fault(ctx, text, sizeof text);
        answer.body += text;
    }
    soap_closesock(ctx);
    soap_destroy(ctx);
    soap_end(ctx);
    soap_free(ctx);
    return answer;
}

static std::string company;
// Handles carry the company handle without a leading "c|": a job is j|<cid>|<name>||, one run of it
// (as getActiveJobs and the logs name it) j|<cid>||<name>_<yyyy-MM-dd-HH:mm:ss.SSS>|<run id>.
static std::string cid;

static bool jobHandleOk(const std::string &h) {
    const std::string prefix = "j|" + cid + "|";
    return h.rfind(prefix, 0) == 0 && h.size() > prefix.size() + 2 && h.compare(h.size() - 2, 2, "||") == 0;
}

// The trigger time in a run handle of the named job, or "" when the handle is not one.
static std::string runStamp(const std::string &name, const std::string &h) {
    const std::string prefix = "j|" + cid + "||" + name + "_";
    static const std::regex rest(R"((\d{4}-\d\d-\d\d-\d\d:\d\d:\d\d\.\d{3})\|\d+)");
    std::smatch m;
    const std::string tail = h.rfind(prefix, 0) == 0 ? h.substr(prefix.size()) : "";
    return std::regex_match(tail, m, rest) ? m[1].str() : "";
}

// Asks getActiveJobs with a job's handle; the answer lists runs of the job: the one with the job's
// submitted name as originalName, or null.
// Submits an Image Serving publish job (on a schedule when one is given); returns its handle.
static std::string submitPublish(Client &c, const std::string &name, std::string *schedule = nullptr) {
    ips__ImageServingPublishJob publish;
    publish.publishType = "Full";
    publish.emailSetting = "None";
    _ips__submitJobParam req;
    _ips__submitJobReturn res;
    req.companyHandle = company;
    req.jobName = name;
    req.execSchedule = schedule;
    req.imageServingPublishJob = &publish;
    c.call("submitJob", [&](IpsApiServiceSoapBindingProxy &p) { return p.submitJob(&req, res); });
    return res.jobHandle;
}

static const ips__ActiveJob *findRun(Client &c, std::string handle, const std::string &name, _ips__getActiveJobsReturn &res) {
    _ips__getActiveJobsParam req;
    req.companyHandle = &company;
    req.jobHandle = &handle;
    c.call("getActiveJobs", [&](IpsApiServiceSoapBindingProxy &p) { return p.getActiveJobs(&req, res); });
    if (res.jobArray)
        for (const ips__ActiveJob *j : res.jobArray->items)
            if (j && j->originalName == name) return j;
    return nullptr;
}

struct Run {
    std::string handle, name;
};

// Polls getActiveJobs until the job's run is Done; checks the run keeps its run handle, progress
// never drops and fields are typed. Returns the run's handle and name (empty if never listed).
static Run waitDone(Client &c, const std::string &handle, const std::string &jobName, const std::string &label) {
    static_assert(std::is_same<decltype(ips__ActiveJob::progress), int>::value, "progress is an int");
    static_assert(std::is_same<decltype(ips__ActiveJob::startDate), Clock::time_point>::value, "startDate is a time_point");
    int last = -1;
    bool monotonic = true, typed = true, listed = false, sameRun = true;
    std::string state, states;
    Run run;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        _ips__getActiveJobsReturn res;
        const ips__ActiveJob *job = findRun(c, handle, jobName, res);
        if (job) {
            if (listed && job->jobHandle != run.handle) sameRun = false;
            listed = true;
            run = {job->jobHandle, job->name};
            if (job->progress < last) monotonic = false;
            last = job->progress;
            if (job->state != state) states += (states.empty() ? "" : " -> ") + job->state;
            state = job->state;
            typed = typed && plausible(job->startDate) && plausible(job->triggerTime)
                    && plausible(job->lastProgressUpdate) && job->taskProgressArray != nullptr
                    && job->progress >= 0 && job->progress <= 100;
            if (job->taskProgressArray)
                for (const ips__TaskProgress *t : job->taskProgressArray->items)
                    typed = typed && t && plausible(t->lastProgressUpdate) && t->numProcessed >= 0
                            && t->progress >= 0.0 && t->progress <= 1.0;
            if (state == "Done") break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    check(label + ": reaches Done", state == "Done", listed ? states + ", progress " + std::to_string(last) : "never listed");
    const std::string stamp = runStamp(jobName, run.handle);
    check(label + ": listed as one run j|" + cid + "||<name>_<time>|<id> named <name>_<time>",
          !stamp.empty() && sameRun && run.name == jobName + "_" + stamp, run.handle + ", name " + run.name);
    check(label + ": progress never decreases", monotonic, "last " + std::to_string(last));
    check(label + ": dates parse to time_point, taskProgressArray present", listed && typed);
    return run;
}

static const ips__ScheduledJob *findScheduled(Client &c, const std::string &handle, _ips__getScheduledJobsReturn &res) {
    _ips__getScheduledJobsParam req;
    req.companyHandle = &company;
    c.call("getScheduledJobs", [&](IpsApiServiceSoapBindingProxy &p) { return p.getScheduledJobs(&req, res); });
    if (res.jobArray)
        for (const ips__ScheduledJob *j : res.jobArray->items)
            if (j && j->jobHandle == handle) return j;
    return nullptr;
}

static void scenario() {
    const std::string endpoint = env("IPS_ENDPOINT"), user = env("IPS_USER"), password = env("IPS_PASSWORD");
    company = env("IPS_COMPANY");
    cid = company.rfind("c|", 0) == 0 ? company.substr(2) : company;
    adminUrl = std::regex_replace(env("IPS_ADMIN"), std::regex("/+$"), "");
    const std::string run = "cpp-" + std::to_string(std::time(nullptr)) + "-" + std::to_string(getpid());

    // A clean service: run-all.sh runs the clients one after another against one server.
    const AdminAnswer reset = admin("reset", "");
    check("admin reset", reset.status == 200 && std::regex_match(reset.body, std::regex("\\{\\s*\"reset\"\\s*:\\s*true\\s*\\}\\s*")),
          reset.show());

    Client c(endpoint, user, password);
    check("generated IpsApiServiceSoapBindingProxy has a soap context", c.proxy.soap != nullptr);

    // checkLogin with good and bad credentials.
    {
        _ips__checkLoginParam req;
        _ips__checkLoginReturn res;
        req.companyHandle = &company;
        req.email = user;
        req.password = password;
        c.call("checkLogin", [&](IpsApiServiceSoapBindingProxy &p) { return p.checkLogin(&req, res); });
        check("checkLogin good credentials -> ValidLogin", res.status == "ValidLogin", res.status);
        req.password = "wrong";
        c.call("checkLogin", [&](IpsApiServiceSoapBindingProxy &p) { return p.checkLogin(&req, res); });
        check("checkLogin bad credentials -> InvalidLogin", res.status == "InvalidLogin", res.status);
    }

    // Submit an Image Serving publish job and an upload of two URLs. The URLs name a made-up host: the
    // service cannot fetch them (unknown, or off the interop server's loopback-only allow list), so each
    // item fails with an UploadError line; the job still runs to Done.
    const std::string publishName = run + "-publish", uploadName = run + "-upload";
    std::string publishHandle, uploadHandle;
    {
        publishHandle = submitPublish(c, publishName);
        check("submitJob imageServingPublishJob returns a job handle", jobHandleOk(publishHandle), publishHandle);

        ips__UploadUrl a, b;
        a.sourceUrl = "http://example.com/a.jpg";
        a.destPath = "interop/a.jpg";
        b.sourceUrl = "http://example.com/b.jpg";
        b.destPath = "interop/b.jpg";
        ips__UploadUrlArray urls;
        urls.items = {&a, &b};
        ips__UploadUrlsJob upload;
        upload.urlArray = &urls;
        upload.overwrite = true;
        upload.readyForPublish = true;
        upload.createMask = false;
        upload.emailSetting = "None";
        _ips__submitJobParam req;
        _ips__submitJobReturn res;
        req.companyHandle = company;
        req.jobName = uploadName;
        req.uploadUrlsJob = &upload;
        c.call("submitJob", [&](IpsApiServiceSoapBindingProxy &p) { return p.submitJob(&req, res); });
        uploadHandle = res.jobHandle;
        check("submitJob uploadUrlsJob returns a job handle", jobHandleOk(uploadHandle), uploadHandle);
    }

    const Run publishRun = waitDone(c, publishHandle, publishName, "publish job");
    const Run uploadRun = waitDone(c, uploadHandle, uploadName, "upload job");

    // Logs of the publish job: found by the submitted name, they carry the run's handle and name; then the
    // upload job's counts.
    {
        _ips__getJobLogsParam req;
        _ips__getJobLogsReturn res;
        req.companyHandle = &company;
        c.call("getJobLogs", [&](IpsApiServiceSoapBindingProxy &p) { return p.getJobLogs(&req, res); });
        const ips__JobLog *log = nullptr, *uploadLog = nullptr;
        if (res.jobLogArray)
            for (const ips__JobLog *l : res.jobLogArray->items) {
                if (l && l->originalJobName == publishName) log = l;
                if (l && l->originalJobName == uploadName) uploadLog = l;
            }
        check("getJobLogs lists the publish run by originalJobName, with its run handle and name",
              log && !publishRun.handle.empty() && log->jobHandle == publishRun.handle && log->jobName == publishRun.name,
              log ? log->jobHandle + ", " + log->jobName : "not listed");
        check("job log counts are ints", log && log->fileSuccessCount >= 0 && log->totalFileCount >= log->fileSuccessCount,
              log ? "success " + std::to_string(log->fileSuccessCount) + "/" + std::to_string(log->totalFileCount) : "");
        check("getJobLogs: the upload run failed both URLs (0 succeeded, 2 failed of 2)",
              uploadLog && !uploadRun.handle.empty() && uploadLog->jobHandle == uploadRun.handle
                  && uploadLog->fileSuccessCount == 0 && uploadLog->fileErrorCount == 2 && uploadLog->totalFileCount == 2,
              uploadLog ? std::to_string(uploadLog->fileSuccessCount) + "/" + std::to_string(uploadLog->fileErrorCount)
                              + "/" + std::to_string(uploadLog->totalFileCount)
                        : "not listed");

        _ips__getJobLogDetailsParam dreq;
        _ips__getJobLogDetailsReturn dres;
        dreq.companyHandle = company;
        dreq.jobHandle = &publishHandle;
        c.call("getJobLogDetails", [&](IpsApiServiceSoapBindingProxy &p) { return p.getJobLogDetails(&dreq, dres); });
        int rows = 0;
        bool parsed = true, ofRun = !publishRun.handle.empty();
        std::string first;
        if (dres.jobLogArray)
            for (const ips__JobLog *l : dres.jobLogArray->items) {
                ofRun = ofRun && l && l->jobHandle == publishRun.handle;
                if (l && l->detailArray)
                    for (const ips__JobLogDetail *d : l->detailArray->items) {
                        rows++;
                        parsed = parsed && d && !d->logType.empty() && plausible(d->dateCreated);
                        if (first.empty() && d) first = d->logType + ": " + d->logMessage + " @ " + iso(d->dateCreated);
                    }
            }
        check("getJobLogDetails by job handle returns detail rows of its run", rows > 0 && ofRun, std::to_string(rows) + " rows");
        check("detail rows parse (type, time_point)", rows > 0 && parsed, first);
    }

    // An injected failure: a fault rule fails item 2 of runs of jobs named <run>-fail-*, which no other job
    // here matches; the log read through the generated proxy must show it.
    {
        const std::string failName = run + "-fail-publish", injected = "injected failure for " + run;
        const AdminAnswer rule = admin("faults", "{\"match\": {\"jobName\": \"" + run + "-fail-*\"}, \"failAtItem\": 2, "
                                                 "\"message\": \"" + injected + "\"}");
        check("admin faults: failAtItem rule added", rule.status == 201 && !rule.field("id").empty(), rule.show());
        std::string failHandle = submitPublish(c, failName);
        const Run failRun = waitDone(c, failHandle, failName, "job with an injected failure");

        _ips__getJobLogDetailsParam dreq;
        _ips__getJobLogDetailsReturn dres;
        dreq.companyHandle = company;
        dreq.jobHandle = &failHandle;
        c.call("getJobLogDetails", [&](IpsApiServiceSoapBindingProxy &p) { return p.getJobLogDetails(&dreq, dres); });
        const ips__JobLog *log = dres.jobLogArray && dres.jobLogArray->items.size() == 1 ? dres.jobLogArray->items[0] : nullptr;
        if (check("injected failure: getJobLogDetails returns the run's log",
                  log && !failRun.handle.empty() && log->jobHandle == failRun.handle, log ? log->jobHandle : "no single log")) {
            check("injected failure: 2 succeeded, 1 failed of 3",
                  log->fileSuccessCount == 2 && log->fileErrorCount == 1 && log->totalFileCount == 3,
                  std::to_string(log->fileSuccessCount) + "/" + std::to_string(log->fileErrorCount) + "/"
                      + std::to_string(log->totalFileCount));
            std::vector<const ips__JobLogDetail *> errors;
            std::string rows;
            if (log->detailArray)
                for (const ips__JobLogDetail *d : log->detailArray->items) {
                    if (!d) continue;
                    rows += (rows.empty() ? "" : " | ") + d->logType + ": " + d->logMessage;
                    if (d->logType.size() >= 5 && d->logType.compare(d->logType.size() - 5, 5, "Error") == 0) errors.push_back(d);
                }
            check("injected failure: one error row for item 2 carrying the message",
                  errors.size() == 1 && errors[0]->logMessage.find(injected) != std::string::npos
                      && errors[0]->assetName && *errors[0]->assetName == "item 2",
                  rows);
        }
    }

    // A scheduled job through its life.
    {
        std::string schedule = "00 00 03 * * ";
        const std::string nightlyName = run + "-nightly";
        const std::string handle = submitPublish(c, nightlyName, &schedule);
        check("submitJob with execSchedule returns a job handle", jobHandleOk(handle), handle);

        _ips__getScheduledJobsReturn listing;
        const ips__ScheduledJob *sj = findScheduled(c, handle, listing);
        check("getScheduledJobs lists it with a nextFireTime time_point", sj && sj->nextFireTime && *sj->nextFireTime > Clock::now(),
              sj && sj->nextFireTime ? "next " + iso(*sj->nextFireTime) : "");
        auto state = [&]() {
            const ips__ScheduledJob *j = findScheduled(c, handle, listing);
            return j && j->triggerState ? *j->triggerState : std::string(j ? "(none)" : "(gone)");
        };
        _ips__pauseJobParam pause;
        _ips__pauseJobReturn paused;
        pause.companyHandle = company;
        pause.jobHandle = handle;
        c.call("pauseJob", [&](IpsApiServiceSoapBindingProxy &p) { return p.pauseJob(&pause, paused); });
        std::string s = state();
        check("pauseJob -> Paused", s == "Paused", s);
        _ips__resumeJobParam resume;
        _ips__resumeJobReturn resumed;
        resume.companyHandle = company;
        resume.jobHandle = handle;
        c.call("resumeJob", [&](IpsApiServiceSoapBindingProxy &p) { return p.resumeJob(&resume, resumed); });
        s = state();
        check("resumeJob -> Normal", s == "Normal", s);
        _ips__executeJobParam exec;
        _ips__executeJobReturn executed;
        exec.companyHandle = company;
        exec.jobHandle = handle;
        c.call("executeJob", [&](IpsApiServiceSoapBindingProxy &p) { return p.executeJob(&exec, executed); });
        waitDone(c, handle, nightlyName, "executed run");
        _ips__deleteJobParam del;
        _ips__deleteJobReturn deleted;
        del.companyHandle = company;
        del.jobHandle = handle;
        c.call("deleteJob", [&](IpsApiServiceSoapBindingProxy &p) { return p.deleteJob(&del, deleted); });
        check("deleteJob -> gone from getScheduledJobs", findScheduled(c, handle, listing) == nullptr);
    }

    // Faults surface as IpsFault.
    {
        Client intruder(endpoint, user, "not-the-password");
        _ips__getActiveJobsParam req;
        _ips__getActiveJobsReturn res;
        req.companyHandle = &company;
        try {
            intruder.call("getActiveJobs", [&](IpsApiServiceSoapBindingProxy &p) { return p.getActiveJobs(&req, res); });
            check("wrong password -> authenticationFault 10001", false, "no fault");
        } catch (const IpsFault &f) {
            check("wrong password -> authenticationFault 10001", f.kind == "authenticationFault" && f.code == 10001, f.what());
        }
        // The publish job's finished run lingers, so the company still holds its name.
        try {
            const std::string taken = submitPublish(c, publishName);
            check("submitJob with a name the company holds -> ipsApiFault 30001", false, "no fault: " + taken);
        } catch (const IpsFault &f) {
            check("submitJob with a name the company holds -> ipsApiFault 30001", f.kind == "ipsApiFault" && f.code == 30001, f.what());
        }
        _ips__stopJobParam stop;
        _ips__stopJobReturn stopped;
        stop.companyHandle = company;
        stop.jobHandle = "j|" + cid + "|" + run + "-no-such-job||";
        try {
            c.call("stopJob", [&](IpsApiServiceSoapBindingProxy &p) { return p.stopJob(&stop, stopped); });
            check("stopJob unknown handle -> ipsApiFault 30001", false, "no fault");
        } catch (const IpsFault &f) {
            check("stopJob unknown handle -> ipsApiFault 30001", f.kind == "ipsApiFault" && f.code == 30001, f.what());
        }
    }

    // The journal saw every submitJob sent since the reset, faulted ones included.
    const AdminAnswer counted = admin("requests/count", "{\"operation\": \"submitJob\"}");
    check("admin requests/count: " + std::to_string(submitCalls) + " submitJob calls journalled",
          counted.status == 200 && counted.field("count") == std::to_string(submitCalls), counted.show());
}

int main() {
    try {
        scenario();
    } catch (const std::exception &e) {
        check("scenario ran to the end", false, e.what());
    }
    std::cout << passed << " passed, " << failed << " failed" << std::endl;
    return failed > 0 ? 1 : 0;
}
