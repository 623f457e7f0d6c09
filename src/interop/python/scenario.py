"""IPS job API interop scenario for Python, using zeep.

zeep reads the contract from IPS_WSDL when the script starts and builds its types from it: nothing is
generated ahead of time. The authHeader goes in the SOAP header through zeep's _soapheaders argument;
a SOAP fault arrives as zeep.exceptions.Fault, whose <detail> element we decode with the WSDL's own
fault element definitions into IpsFault. The service is steered through its admin API (IPS_ADMIN,
JSON over HTTP, with urllib): reset at the start, a fault rule that fails one job at an item, and the
request journal's count at the end, and /metrics, read with the Prometheus client library's own
text-format parser, counting the calls this script made. Real files: an uploadUrlsJob fetches a PNG from a file server this
script runs on loopback, and two POSTs to the UploadFile servlet (with requests, which zeep depends on)
upload two more; the job logs read through zeep must show each one stored. Prints "N passed, M failed"
as its last line.
"""
import datetime
import http.server
import json
import os
import re
import struct
import sys
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
import zlib
from xml.sax.saxutils import escape

import requests
import zeep
from prometheus_client.parser import text_string_to_metric_families
from zeep.exceptions import Fault

NS = "http://www.scene7.com/IpsApi/xsd/2022-11-01-beta"
FAULT_NS = "http://www.scene7.com/IpsApi/xsd"
WSDL = os.environ["IPS_WSDL"]
ENDPOINT = os.environ["IPS_ENDPOINT"]
USER = os.environ["IPS_USER"]
PASSWORD = os.environ["IPS_PASSWORD"]
COMPANY = os.environ["IPS_COMPANY"]
ADMIN = os.environ["IPS_ADMIN"].rstrip("/")
METRICS = urllib.parse.urljoin(ENDPOINT, "/metrics")
# the servlet sits beside the SOAP endpoint: http://host:port/scene7/UploadFile
UPLOAD_FILE = urllib.parse.urljoin(ENDPOINT, "/scene7/UploadFile")
RUN_ID = f"py-{int(time.time())}-{os.getpid()}"  # job names must be unique per run
# Handles carry the company handle without a leading "c|": a job is j|<cid>|<name>||, one run of it
# (as getActiveJobs and the logs name it) j|<cid>||<name>_<yyyy-MM-dd-HH:mm:ss.SSS>|<run id>.
CID = COMPANY[2:] if COMPANY.startswith("c|") else COMPANY


def job_handle_of(name):
    return f"j|{CID}|{name}||"


def run_handle_match(name, handle):
    """The trigger time in a run handle of the named job, or None when the handle is not one."""
    match = re.fullmatch(rf"j\|{re.escape(CID)}\|\|{re.escape(name)}_(\d{{4}}-\d\d-\d\d-\d\d:\d\d:\d\d\.\d{{3}})\|\d+",
                         handle or "")
    return match and match.group(1)

passed = failed = 0
submit_calls = 0  # compared with the journal's count at the end


def check(name, ok, info=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS {name}")
    else:
        failed += 1
        print(f"FAIL {name}{': ' + str(info) if info else ''}")
    return ok


class IpsFault(Exception):
    """A SOAP fault from the service: kind is the detail element's name, code an int."""

    def __init__(self, kind, code, reason):
        super().__init__(f"{kind} {code}: {reason}")
        self.kind, self.code, self.reason = kind, code, reason


client = zeep.Client(WSDL)
# Bind the SOAP 1.1 port to the endpoint we were given rather than the WSDL's soap:address.
service = client.create_service(f"{{{NS}}}IpsApiServiceSoapBinding", ENDPOINT)
AuthHeader = client.get_element(f"{{{NS}}}authHeader")


def call(operation, header_password=PASSWORD, **params):
    """Calls an operation with the authHeader in the SOAP header; raises IpsFault on a SOAP fault."""
    global submit_calls
    header = AuthHeader(user=USER, password=header_password, appName="ips-interop-python", appVersion="1.0")
    if operation == "submitJob":
        submit_calls += 1
    try:
        return getattr(service, operation)(**params, _soapheaders=[header])
    except Fault as fault:
        infos = [] if fault.detail is None else [e for e in fault.detail if isinstance(e.tag, str)]
        if len(infos) != 1 or not infos[0].tag.startswith(f"{{{FAULT_NS}}}"):
            raise  # not one of the declared faults: let the scenario report it
        # Parse the detail with the WSDL's element, so code comes back as an int.
        info = client.get_element(infos[0].tag).parse(infos[0], client.wsdl.types)
        raise IpsFault(infos[0].tag.split("}")[1], info.code, info.reason) from fault


def admin(path, body=None):
    """POSTs a JSON body (none for reset) to the admin API; returns (HTTP status, decoded JSON answer).
    A 4xx answer is returned, not raised, so the caller can report what the service refused."""
    data = b"" if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{ADMIN}/{path}", data=data, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def png_bytes(width, height, rgb):
    """A valid PNG of one colour, built by hand (signature, IHDR, one zlib-compressed IDAT, IEND), so no
    imaging library is needed; the service recognises files by their content, so it must be a real one."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    row = b"\x00" + bytes(rgb) * width  # each scanline starts with its filter type, 0 (none)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


class FileServer:
    """Serves fixed bytes by path on a free loopback port from a thread, and notes each path asked for,
    so the scenario can tell that the service really fetched the file."""

    def __init__(self, files):
        self.files, self.requested = files, []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                owner.requested.append(self.path)
                body = owner.files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass  # the scenario's output is its checks

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def upload_post(params, files, job_options=False):
    """One POST to the UploadFile servlet: an auth part (an authHeader document), an uploadParams part (an
    uploadPostParam document with these fields, and the job's UploadPostJob options when asked) and a file
    part per (name, bytes). Returns the HTTP status, the answer's root element (None if it is not XML) and
    its text."""
    auth = (f'<authHeader xmlns="{NS}"><user>{escape(USER)}</user><password>{escape(PASSWORD)}</password>'
            '<appName>ips-interop-python</appName><appVersion>1.0</appVersion></authHeader>')
    fields = "".join(f"<{name}>{escape(value)}</{name}>" for name, value in params.items())
    if job_options:  # the four fields UploadPostJob requires; later POSTs' options are ignored anyway
        fields += ("<uploadParams><overwrite>true</overwrite><readyForPublish>true</readyForPublish>"
                   "<createMask>false</createMask><emailSetting>None</emailSetting></uploadParams>")
    # (None, text, type): a form field without a filename, so only the files count as file parts
    parts = [("auth", (None, auth, "text/xml; charset=UTF-8")),
             ("uploadParams", (None, f'<uploadPostParam xmlns="{NS}">{fields}</uploadPostParam>',
                               "text/xml; charset=UTF-8"))]
    parts += [(f"file{n}", (name, data, "image/png")) for n, (name, data) in enumerate(files, 1)]
    response = requests.post(UPLOAD_FILE, files=parts, timeout=30)
    try:
        root = ET.fromstring(response.content)
    except ET.ParseError:
        root = None
    return response.status_code, root, response.text


# Python types zeep must produce for the XSD simple types the contract uses.
PYTHON_TYPES = {"string": str, "int": int, "long": int, "double": float, "boolean": bool,
                "dateTime": datetime.datetime}


def may_be_empty(xsd_type):
    """zeep reads an element with no content as None: <x></x> for a string, and <x/> for a complex type
    whose children are all optional (such as <taskProgressArray/> before a job has tasks)."""
    if hasattr(xsd_type, "elements"):
        return all(element.min_occurs == 0 for _, element in xsd_type.elements)
    return xsd_type.qname.localname == "string"


def type_problems(value, type_name, path=""):
    """Lists the fields of a zeep object that do not hold the Python type of their XSD type
    (a datetime with a time zone for xsd:dateTime, int for xsd:int, ...), walking nested types."""
    problems = []
    for name, element in client.get_type(f"{{{NS}}}{type_name}").elements:
        field = getattr(value, name)
        if field is None:
            if element.min_occurs > 0 and not may_be_empty(element.type):
                problems.append(f"{path}{name} missing")
            continue
        for item in field if element.max_occurs == "unbounded" else [field]:
            if hasattr(element.type, "elements"):
                problems += type_problems(item, element.type.name, f"{path}{name}.")
                continue
            expected = PYTHON_TYPES[element.type.qname.localname]
            if not isinstance(item, expected) or (expected is int and isinstance(item, bool)):
                problems.append(f"{path}{name}={item!r} is not {expected.__name__}")
            elif expected is datetime.datetime and item.tzinfo is None:
                problems.append(f"{path}{name}={item!r} has no time zone")
    return problems


# WaitingClient: an UploadFile job between POSTs
KNOWN_STATES = {"WaitingCoordinator", "Running", "WaitingClient", "Stopping", "Done"}


def wait_until_done(job_handle, job_name, label, timeout=30.0):
    """Polls getActiveJobs with a job's handle until its run is Done; checks progress and types on every
    poll. The listing holds runs of the job, found by originalName; returns the run (None if not Done)."""
    progress, states, problems, run_handles = [], [], [], set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = call("getActiveJobs", jobHandle=job_handle) or []
        job = next((j for j in jobs if j.originalName == job_name), None)
        if job is not None:
            run_handles.add(job.jobHandle)
            progress.append(job.progress)
            states.append(job.state)
            problems += type_problems(job, "ActiveJob")
            tasks = job.taskProgressArray["items"] if job.taskProgressArray else []
            problems += [f"task progress {t.progress} is not a fraction" for t in tasks
                         if isinstance(t.progress, float) and not 0.0 <= t.progress <= 1.0]
            if job.state == "Done":
                break
        time.sleep(0.02)
    else:
        job = None
    check(f"{label}: getActiveJobs reached Done", job is not None and job.state == "Done", states[-5:])
    stamp = run_handle_match(job_name, job.jobHandle) if job is not None else None
    check(f"{label}: listed as one run, j|{CID}||<name>_<time>|<id> named <name>_<time>",
          stamp is not None and len(run_handles) == 1 and job.name == f"{job_name}_{stamp}",
          (sorted(run_handles), job and job.name))
    check(f"{label}: progress never decreased ({len(progress)} polls)",
          len(progress) > 0 and all(a <= b for a, b in zip(progress, progress[1:])), progress)
    check(f"{label}: states are known ones", set(states) <= KNOWN_STATES, set(states))
    check(f"{label}: every ActiveJob field parsed into its Python type", not problems, problems[:5])
    return job


def wait_for_state(run_handle, job_name, state, timeout=30.0):
    """Polls getActiveJobs with a run's handle until the run is in the state (or Done, which ends the
    wait); returns the states seen, in order, without repeats."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = call("getActiveJobs", companyHandle=COMPANY, jobHandle=run_handle) or []
        job = next((j for j in jobs if j.originalName == job_name), None)
        if job is not None and (not seen or seen[-1] != job.state):
            seen.append(job.state)
        if seen and seen[-1] in (state, "Done"):
            break
        time.sleep(0.02)
    return seen


def check_stored(job_handle, run, label, files):
    """Checks the log of a finished upload run through getJobLogDetails: one UploadSuccess line for each
    (source, size) in files, naming the source, its size and a new asset, and no errors or warnings."""
    details = call("getJobLogDetails", companyHandle=COMPANY, jobHandle=job_handle) or []
    if not check(f"{label}: getJobLogDetails returns the run's log",
                 len(details) == 1 and run is not None and details[0].jobHandle == run.jobHandle,
                 [d.jobHandle for d in details]):
        return
    log = details[0]
    counts = (log.fileSuccessCount, log.fileErrorCount, log.fileWarningCount, log.totalFileCount)
    check(f"{label}: fileSuccessCount {len(files)}, no errors or warnings, of {len(files)}",
          counts == (len(files), 0, 0, len(files)), counts)
    rows = log.detailArray["items"] if log.detailArray else []
    successes = [r for r in rows if r.logType == "UploadSuccess"]
    check(f"{label}: {len(files)} UploadSuccess line(s) and no UploadError",
          len(successes) == len(files) and not any(r.logType == "UploadError" for r in rows),
          [(r.logType, r.logMessage) for r in rows])
    for source, size in files:
        # "<source> was uploaded to <path> as asset a|<cid>|<n> (Image, <size> bytes)."
        row = next((r for r in successes if source in (r.logMessage or "")), None)
        check(f"{label}: {source} stored as an image asset of {size} bytes",
              row is not None and f"(Image, {size} bytes)" in row.logMessage
              and re.fullmatch(rf"a\|{re.escape(CID)}\|\d+", row.assetHandle or "") is not None,
              row and (row.logMessage, row.assetHandle))


def scrape():
    """/metrics parsed by prometheus_client: {(sample name, frozenset of labels): value}."""
    with urllib.request.urlopen(METRICS, timeout=10) as response:
        content_type = response.headers.get("Content-Type", "")
        text = response.read().decode("utf-8")
    samples = {}
    for family in text_string_to_metric_families(text):  # raises on text Prometheus could not read
        for sample in family.samples:
            samples[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return content_type, samples


def total(samples, name, **labels):
    """The sum over the series of this name whose labels include these."""
    wanted = set(labels.items())
    return sum(v for (n, ls), v in samples.items() if n == name and wanted <= ls)


def scenario():
    # 0. A clean service: run-all.sh runs the clients one after another against one server
    status, answer = admin("reset")
    check("admin reset", (status, answer) == (200, {"reset": True}), (status, answer))
    # counters survive a reset, as Prometheus expects of counters: compare with this first scrape
    content_type, metrics_before = scrape()
    check("/metrics: Prometheus text format 0.0.4", content_type.startswith("text/plain; version=0.0.4"),
          content_type)

    # 1. Contract
    operations = set(dir(service))  # the proxy lists the operations of the bound port
    check("WSDL loaded with the job operations",
          {"checkLogin", "submitJob", "getActiveJobs", "getJobLogs", "getJobLogDetails", "getScheduledJobs",
           "pauseJob", "resumeJob", "executeJob", "deleteJob", "stopJob"} <= operations, operations)

    # 2. checkLogin
    check("checkLogin with good credentials",
          call("checkLogin", companyHandle=COMPANY, email=USER, password=PASSWORD) == "ValidLogin")
    check("checkLogin with bad credentials",
          call("checkLogin", companyHandle=COMPANY, email=USER, password="not-" + PASSWORD) == "InvalidLogin")

    # 3 and 4. submitJob, then poll each job right away so the polls see it running
    publish_name, upload_name = f"{RUN_ID}-publish", f"{RUN_ID}-upload"
    publish = call("submitJob", companyHandle=COMPANY, jobName=publish_name,
                   imageServingPublishJob={"publishType": "Full", "emailSetting": "None"})
    check("submitJob imageServingPublishJob returns its job handle", publish == job_handle_of(publish_name), publish)
    job = publish_run = wait_until_done(publish, publish_name, "publish job")
    if job is not None:
        check("publish job: finished at 100% with its job details",
              job.progress == 100 and job.imageServingPublishJob.publishType == "Full", job.progress)

    # The URLs name a made-up host: the service cannot fetch them (unknown, or off the interop server's
    # loopback-only allow list), so each item fails with an UploadError line; the job still runs to Done.
    # Real fetches are step 5c.
    urls = [{"sourceUrl": f"https://example.com/{RUN_ID}/{n}.jpg", "destPath": f"interop/{n}.jpg"}
            for n in ("one", "two")]
    upload = call("submitJob", companyHandle=COMPANY, jobName=upload_name,
                  uploadUrlsJob={"urlArray": {"items": urls}, "overwrite": True, "readyForPublish": True,
                                 "createMask": False, "emailSetting": "None"})
    check("submitJob uploadUrlsJob returns its job handle", upload == job_handle_of(upload_name), upload)
    job = upload_run = wait_until_done(upload, upload_name, "upload job")
    if job is not None:
        items = job.taskProgressArray["items"][0].taskItemProgressArray["items"]
        check("upload job: one task item per URL", [i.itemName for i in items] == [u["sourceUrl"] for u in urls],
              [i.itemName for i in items])
        check("upload job: urlArray echoed back", len(job.uploadUrlsJob.urlArray["items"]) == 2)

    # 5. Job logs: found by the submitted name; each carries the handle and name of the run it logs
    logs = {log.originalJobName: log for log in call("getJobLogs", companyHandle=COMPANY) or []}
    for name, run, label, counts in ((publish_name, publish_run, "publish job", (3, 0, 3)),
                                     (upload_name, upload_run, "upload job", (0, 2, 2))):
        log = logs.get(name)
        if check(f"getJobLogs lists the {label}'s run", log is not None and run is not None
                 and (log.jobHandle, log.jobName) == (run.jobHandle, run.name),
                 (log and (log.jobHandle, log.jobName), sorted(logs))):
            check(f"getJobLogs {label}: (success, error, total) counts {counts}",
                  (log.fileSuccessCount, log.fileErrorCount, log.totalFileCount) == counts,
                  (log.fileSuccessCount, log.fileErrorCount, log.totalFileCount))
            check(f"getJobLogs {label}: fields parsed into Python types", not type_problems(log, "JobLog"),
                  type_problems(log, "JobLog"))
    details = call("getJobLogDetails", companyHandle=COMPANY, jobHandle=upload) or []
    if check("getJobLogDetails returns the one run's log for the upload job",
             len(details) == 1 and upload_run is not None and details[0].jobHandle == upload_run.jobHandle, details):
        rows = details[0].detailArray["items"]
        check("getJobLogDetails: detail rows with messages and dates",
              len(rows) >= 2 and all(r.logMessage and isinstance(r.dateCreated, datetime.datetime) for r in rows),
              rows)
        check("getJobLogDetails: a row names each URL",
              all(any(u["sourceUrl"] in (r.logMessage or "") + (r.assetName or "") for r in rows) for u in urls),
              [r.logMessage for r in rows])
        check("getJobLogDetails: each URL's line is an UploadError (nothing was fetched)",
              all(any(r.logType == "UploadError" and u["sourceUrl"] in (r.logMessage or "") for r in rows)
                  for u in urls) and not any(r.logType == "UploadSuccess" for r in rows),
              [(r.logType, r.logMessage) for r in rows])
        check("getJobLogDetails: fields parsed into Python types", not type_problems(details[0], "JobLog"),
              type_problems(details[0], "JobLog"))

    # 5b. An injected failure: a fault rule fails item 2 of runs of jobs named <run>-fail-*, which no other
    # job of this scenario matches; the log read through zeep must show it
    fail_name, injected = f"{RUN_ID}-fail-publish", f"injected failure for {RUN_ID}"
    status, rule = admin("faults", {"match": {"jobName": f"{RUN_ID}-fail-*"}, "failAtItem": 2, "message": injected})
    check("admin faults: failAtItem rule added", status == 201 and bool(rule.get("id")), (status, rule))
    failing = call("submitJob", companyHandle=COMPANY, jobName=fail_name,
                   imageServingPublishJob={"publishType": "Full", "emailSetting": "None"})
    fail_run = wait_until_done(failing, fail_name, "job with an injected failure")
    details = call("getJobLogDetails", companyHandle=COMPANY, jobHandle=failing) or []
    if check("injected failure: getJobLogDetails returns the run's log",
             len(details) == 1 and fail_run is not None and details[0].jobHandle == fail_run.jobHandle, details):
        log = details[0]
        check("injected failure: 2 succeeded, 1 failed of 3",
              (log.fileSuccessCount, log.fileErrorCount, log.totalFileCount) == (2, 1, 3),
              (log.fileSuccessCount, log.fileErrorCount, log.totalFileCount))
        rows = log.detailArray["items"] if log.detailArray else []
        errors = [r for r in rows if (r.logType or "").endswith("Error")]
        check("injected failure: one error row for item 2 carrying the message",
              len(errors) == 1 and injected in (errors[0].logMessage or "") and errors[0].assetName == "item 2",
              [(r.logType, r.logMessage, r.assetName) for r in rows])

    # 5c. A real fetch: a file server in this process serves a PNG made here; the service downloads it
    png = png_bytes(2, 2, (200, 30, 30))
    path = f"/{RUN_ID}/pixel.png"
    fetch_name = f"{RUN_ID}-fetch"
    with FileServer({path: png}) as files:
        url = files.base + path
        fetching = call("submitJob", companyHandle=COMPANY, jobName=fetch_name,
                        uploadUrlsJob={"urlArray": {"items": [{"sourceUrl": url, "destPath": f"interop/{RUN_ID}/"}]},
                                       "overwrite": True, "readyForPublish": True, "createMask": False,
                                       "emailSetting": "None"})
        fetch_run = wait_until_done(fetching, fetch_name, "upload from a local file server")
        check("local file server: the service asked for the PNG once", files.requested == [path], files.requested)
    check_stored(fetching, fetch_run, "upload from a local file server", [(url, len(png))])

    # 5d. UploadFile: one job, two POSTs, as IPS's HTTP upload does it. The first POST names the job and
    # answers the run's handle; the job then waits for the client until a POST says endJob.
    post_name, folder = f"{RUN_ID}-posted", f"interop/{RUN_ID}/posted"
    first, second = png_bytes(3, 1, (30, 200, 30)), png_bytes(1, 3, (30, 30, 200))
    status, root, text = upload_post({"companyHandle": COMPANY, "jobName": post_name, "destFolder": folder},
                                     [("first.png", first)], job_options=True)
    post_run = root.findtext(f"{{{NS}}}jobHandle") if root is not None else None
    check("UploadFile first POST: HTTP 200, uploadPostReturn with the run's handle",
          status == 200 and root is not None and root.tag == f"{{{NS}}}uploadPostReturn"
          and run_handle_match(post_name, post_run) is not None,
          (status, text))
    if post_run:
        states = wait_for_state(post_run, post_name, "WaitingClient")
        check("UploadFile job: getActiveJobs shows it WaitingClient for the next POST",
              states[-1:] == ["WaitingClient"], states)
        status, root, text = upload_post({"companyHandle": COMPANY, "jobHandle": post_run, "destFolder": folder,
                                          "endJob": "true"}, [("second.png", second)])
        check("UploadFile second POST (endJob): HTTP 200, the same run's handle",
              status == 200 and root is not None and root.findtext(f"{{{NS}}}jobHandle") == post_run, (status, text))
        done = wait_until_done(post_run, post_name, "UploadFile job")
        check_stored(post_run, done, "UploadFile job", [("first.png", len(first)), ("second.png", len(second))])
        # the job has ended: a late POST is refused with the API's fault document, and nothing is kept
        status, root, text = upload_post({"companyHandle": COMPANY, "jobHandle": post_run},
                                         [("late.png", first)])
        check("UploadFile POST to the ended job: HTTP 500, ipsApiFault 30001",
              status == 500 and root is not None and root.tag == f"{{{FAULT_NS}}}ipsApiFault"
              and root.findtext(f"{{{FAULT_NS}}}code") == "30001", (status, text))

    # 6. Scheduled job lifecycle
    sched_name = f"{RUN_ID}-scheduled"
    sched = call("submitJob", companyHandle=COMPANY, jobName=sched_name, execSchedule="00 00 03 * * ",
                 imageServingPublishJob={"publishType": "Full", "emailSetting": "None"})
    check("submitJob with execSchedule returns its job handle", sched == job_handle_of(sched_name), sched)

    def scheduled():
        jobs = call("getScheduledJobs", companyHandle=COMPANY) or []
        return next((j for j in jobs if j.jobHandle == sched), None)

    job = scheduled()
    if check("getScheduledJobs lists the scheduled job", job is not None):
        check("scheduled job: nextFireTime is a future datetime",
              isinstance(job.nextFireTime, datetime.datetime)
              and job.nextFireTime > datetime.datetime.now(datetime.timezone.utc), job.nextFireTime)
        check("scheduled job: execSchedule and triggerState Normal",
              (job.execSchedule.strip(), job.triggerState) == ("00 00 03 * *", "Normal"),
              (job.execSchedule, job.triggerState))
        check("scheduled job: fields parsed into Python types", not type_problems(job, "ScheduledJob"),
              type_problems(job, "ScheduledJob"))
    call("pauseJob", companyHandle=COMPANY, jobHandle=sched)
    state = getattr(scheduled(), "triggerState", None)
    check("pauseJob: triggerState Paused", state == "Paused", state)
    call("resumeJob", companyHandle=COMPANY, jobHandle=sched)
    state = getattr(scheduled(), "triggerState", None)
    check("resumeJob: triggerState Normal", state == "Normal", state)
    call("executeJob", companyHandle=COMPANY, jobHandle=sched)
    wait_until_done(sched, sched_name, "executeJob run")
    call("deleteJob", companyHandle=COMPANY, jobHandle=sched)
    check("deleteJob: gone from getScheduledJobs", scheduled() is None)

    # 7. Faults
    try:
        call("getActiveJobs", header_password="wrong-password", companyHandle=COMPANY)
        check("wrong password raises authenticationFault", False, "no fault")
    except IpsFault as fault:
        check("wrong password raises authenticationFault 10001",
              (fault.kind, fault.code) == ("authenticationFault", 10001), fault)
    try:
        # the publish job's finished run lingers, so the company still holds the name
        call("submitJob", companyHandle=COMPANY, jobName=publish_name,
             imageServingPublishJob={"publishType": "Full", "emailSetting": "None"})
        check("submitJob with a name the company holds raises ipsApiFault", False, "no fault")
    except IpsFault as fault:
        check("submitJob with a name the company holds raises ipsApiFault 30001",
              (fault.kind, fault.code) == ("ipsApiFault", 30001), fault)
    try:
        call("stopJob", companyHandle=COMPANY, jobHandle=job_handle_of(f"{RUN_ID}-no-such-job"))
        check("stopJob on an unknown handle raises ipsApiFault", False, "no fault")
    except IpsFault as fault:
        check("stopJob on an unknown handle raises ipsApiFault 30001",
              (fault.kind, fault.code) == ("ipsApiFault", 30001), fault)

    # 8. The journal saw every submitJob this scenario sent since the reset, faulted ones included
    status, answer = admin("requests/count", {"operation": "submitJob"})
    check(f"admin requests/count: {submit_calls} submitJob calls journalled",
          status == 200 and answer.get("count") == submit_calls, (status, answer))

    # 9. /metrics counted the same calls, read back with the Prometheus library's parser
    _, after = scrape()

    def delta(name, **labels):
        return total(after, name, **labels) - total(metrics_before, name, **labels)

    submits = delta("ips_requests_seconds_count", operation="submitJob")
    check(f"/metrics: {submit_calls} submitJob requests counted", submits == submit_calls, submits)
    faults = delta("ips_requests_seconds_count", operation="submitJob", outcome="30001")
    check("/metrics: the refused submitJob counted under outcome 30001", faults == 1, faults)
    logins = delta("ips_login_failures_total", reason="invalid_credentials")
    check("/metrics: the wrong password counted as a failed login", logins == 1, logins)
    publishes = delta("ips_job_runs_finished_total", type="ImageServingPublish", outcome="completed")
    check("/metrics: the publish job's run counted as completed", publishes >= 1, publishes)
    label_values = {v for (_, ls) in after for (_, v) in ls}
    check("/metrics: no label carries a user's email or a job handle",
          not any("@" in v or v.startswith("j|") for v in label_values),
          [v for v in label_values if "@" in v or v.startswith("j|")])


if __name__ == "__main__":
    try:
        scenario()
    except Exception:
        traceback.print_exc()
        check("scenario ran to the end", False)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
