// Interop scenario for the IPS job service, driven by C++ stubs that gSOAP generates at run time
// from the WSDL the server publishes (see Makefile). Uses the generated IpsApiServiceSoapBindingProxy, puts
// the authHeader into the generated SOAP_ENV__Header (soap->header) and reads faults from the
// generated SOAP_ENV__Detail. Prints "N passed, M failed" as its last line.
#include "soapIpsApiServiceSoapBindingProxy.h"
#include "IpsApiServiceSoapBinding.nsmap"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <unistd.h>

using Clock = std::chrono::system_clock;

static int passed = 0, failed = 0;

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

static std::string company;

static const ips__ActiveJob *findActive(Client &c, std::string handle, _ips__getActiveJobsReturn &res) {
    _ips__getActiveJobsParam req;
    req.companyHandle = &company;
    req.jobHandle = &handle;
    c.call("getActiveJobs", [&](IpsApiServiceSoapBindingProxy &p) { return p.getActiveJobs(&req, res); });
    if (res.jobArray)
        for (const ips__ActiveJob *j : res.jobArray->items)
            if (j && j->jobHandle == handle) return j;
    return nullptr;
}

// Polls getActiveJobs until the job is Done; checks progress never drops and fields are typed.
static void waitDone(Client &c, const std::string &handle, const std::string &label) {
    static_assert(std::is_same<decltype(ips__ActiveJob::progress), int>::value, "progress is an int");
    static_assert(std::is_same<decltype(ips__ActiveJob::startDate), Clock::time_point>::value, "startDate is a time_point");
    int last = -1;
    bool monotonic = true, typed = true, listed = false;
    std::string state, states;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        _ips__getActiveJobsReturn res;
        const ips__ActiveJob *job = findActive(c, handle, res);
        if (job) {
            listed = true;
            if (job->progress < last) monotonic = false;
            last = job->progress;
            if (job->state != state) states += (states.empty() ? "" : " -> ") + job->state;
            state = job->state;
            typed = typed && plausible(job->startDate) && plausible(job->triggerTime)
                    && plausible(job->lastProgressUpdate) && job->taskProgressArray != nullptr
                    && job->progress >= 0 && job->progress <= 100;
            if (job->taskProgressArray)
                for (const ips__TaskProgress *t : job->taskProgressArray->items)
                    typed = typed && t && plausible(t->lastProgressUpdate) && t->numProcessed >= 0;
            if (state == "Done") break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    check(label + ": reaches Done", state == "Done", listed ? states + ", progress " + std::to_string(last) : "never listed");
    check(label + ": progress never decreases", monotonic, "last " + std::to_string(last));
    check(label + ": dates parse to time_point, taskProgressArray present", listed && typed);
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

static bool handleOk(const std::string &h) { return h.rfind(company + "|", 0) == 0 && h.back() == '|'; }

static void scenario() {
    const std::string endpoint = env("IPS_ENDPOINT"), user = env("IPS_USER"), password = env("IPS_PASSWORD");
    company = env("IPS_COMPANY");
    const std::string run = "cpp-" + std::to_string(std::time(nullptr)) + "-" + std::to_string(getpid());
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

    // Submit an Image Serving publish job and an upload of two URLs.
    std::string publishHandle, uploadHandle;
    {
        ips__ImageServingPublishJob publish;
        publish.publishType = "Full";
        publish.emailSetting = "None";
        _ips__submitJobParam req;
        _ips__submitJobReturn res;
        req.companyHandle = company;
        req.jobName = run + "-publish";
        req.imageServingPublishJob = &publish;
        c.call("submitJob", [&](IpsApiServiceSoapBindingProxy &p) { return p.submitJob(&req, res); });
        publishHandle = res.jobHandle;
        check("submitJob imageServingPublishJob returns a handle", handleOk(publishHandle), publishHandle);

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
        _ips__submitJobParam req2;
        req2.companyHandle = company;
        req2.jobName = run + "-upload";
        req2.uploadUrlsJob = &upload;
        c.call("submitJob", [&](IpsApiServiceSoapBindingProxy &p) { return p.submitJob(&req2, res); });
        uploadHandle = res.jobHandle;
        check("submitJob uploadUrlsJob returns a handle", handleOk(uploadHandle), uploadHandle);
    }

    waitDone(c, publishHandle, "publish job");
    waitDone(c, uploadHandle, "upload job");

    // Logs of the publish job.
    {
        _ips__getJobLogsParam req;
        _ips__getJobLogsReturn res;
        req.companyHandle = &company;
        c.call("getJobLogs", [&](IpsApiServiceSoapBindingProxy &p) { return p.getJobLogs(&req, res); });
        const ips__JobLog *log = nullptr;
        if (res.jobLogArray)
            for (const ips__JobLog *l : res.jobLogArray->items)
                if (l && l->jobHandle == publishHandle) log = l;
        check("getJobLogs lists the publish job", log != nullptr);
        check("job log counts are ints", log && log->fileSuccessCount >= 0 && log->totalFileCount >= log->fileSuccessCount,
              log ? "success " + std::to_string(log->fileSuccessCount) + "/" + std::to_string(log->totalFileCount) : "");

        _ips__getJobLogDetailsParam dreq;
        _ips__getJobLogDetailsReturn dres;
        dreq.companyHandle = company;
        dreq.jobHandle = &publishHandle;
        c.call("getJobLogDetails", [&](IpsApiServiceSoapBindingProxy &p) { return p.getJobLogDetails(&dreq, dres); });
        int rows = 0;
        bool parsed = true;
        std::string first;
        if (dres.jobLogArray)
            for (const ips__JobLog *l : dres.jobLogArray->items)
                if (l && l->detailArray)
                    for (const ips__JobLogDetail *d : l->detailArray->items) {
                        rows++;
                        parsed = parsed && d && !d->logType.empty() && plausible(d->dateCreated);
                        if (first.empty() && d) first = d->logType + ": " + d->logMessage + " @ " + iso(d->dateCreated);
                    }
        check("getJobLogDetails returns detail rows", rows > 0, std::to_string(rows) + " rows");
        check("detail rows parse (type, time_point)", rows > 0 && parsed, first);
    }

    // A scheduled job through its life.
    {
        ips__ImageServingPublishJob publish;
        publish.publishType = "Full";
        publish.emailSetting = "None";
        std::string schedule = "00 00 03 * * ";
        _ips__submitJobParam req;
        _ips__submitJobReturn res;
        req.companyHandle = company;
        req.jobName = run + "-nightly";
        req.execSchedule = &schedule;
        req.imageServingPublishJob = &publish;
        c.call("submitJob", [&](IpsApiServiceSoapBindingProxy &p) { return p.submitJob(&req, res); });
        const std::string handle = res.jobHandle;
        check("submitJob with execSchedule returns a handle", handleOk(handle), handle);

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
        waitDone(c, handle, "executed run");
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
        _ips__stopJobParam stop;
        _ips__stopJobReturn stopped;
        stop.companyHandle = company;
        stop.jobHandle = company + "|" + run + "-no-such-job|";
        try {
            c.call("stopJob", [&](IpsApiServiceSoapBindingProxy &p) { return p.stopJob(&stop, stopped); });
            check("stopJob unknown handle -> ipsApiFault 30001", false, "no fault");
        } catch (const IpsFault &f) {
            check("stopJob unknown handle -> ipsApiFault 30001", f.kind == "ipsApiFault" && f.code == 30001, f.what());
        }
    }
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
