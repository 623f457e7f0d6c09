'use strict';
// Interop scenario for the IPS job service, driven by node-soap.
// The client is built at run time from the WSDL the server publishes (IPS_WSDL); the credentials
// travel in the authHeader SOAP header; faults are turned into IpsFault objects read from the
// parsed fault detail. The service is steered through its admin API (IPS_ADMIN, JSON over HTTP with
// Node's fetch): reset at the start, a fault rule that fails one job at an item, and the request
// journal's count at the end. Prints "N passed, M failed" as its last line.
const soap = require('soap');

const TNS = 'http://www.scene7.com/IpsApi/xsd/2022-11-01-beta';
const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
};
const WSDL = env('IPS_WSDL');
const ENDPOINT = env('IPS_ENDPOINT');
const USER = env('IPS_USER');
const PASSWORD = env('IPS_PASSWORD');
const COMPANY = env('IPS_COMPANY');
const ADMIN = env('IPS_ADMIN').replace(/\/+$/, '');
const RUN = `node-${Date.now().toString(36)}-${process.pid}`;
// Job and run handles carry the company handle without a leading "c|".
const CID = COMPANY.replace(/^c\|/, '');
const reEscape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// submitJob answers the job's handle j|<cid>|<name>||; getActiveJobs and the logs name one run of it,
// j|<cid>||<name>_<yyyy-MM-dd-HH:mm:ss.SSS>|<run id>.
const jobHandleRe = new RegExp(`^j\\|${reEscape(CID)}\\|.+\\|\\|$`);
const runHandleRe = (name) => new RegExp(`^j\\|${reEscape(CID)}\\|\\|${reEscape(name)}_(\\d{4}-\\d\\d-\\d\\d-\\d\\d:\\d\\d:\\d\\d\\.\\d{3})\\|\\d+$`);

let passed = 0;
let failed = 0;
let submitCalls = 0; // compared with the journal's count at the end
function check(label, ok, detail) {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${label}${detail === undefined ? '' : ` (${detail})`}`);
  return ok;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const items = (array) => (array && array.items ? [].concat(array.items) : []);
const isDate = (v) => v instanceof Date && !Number.isNaN(v.getTime());
const isInt = (v) => Number.isInteger(v);

// The client's own fault type: which IPS fault element the detail held, its code and reason.
class IpsFault extends Error {
  constructor(kind, code, reason, faultcode) {
    super(`${kind} ${code}: ${reason}`);
    this.kind = kind;
    this.code = code;
    this.reason = reason;
    this.faultcode = faultcode;
  }
}
// node-soap rejects with an Error whose .root is the parsed envelope of a SOAP fault.
function toIpsFault(err) {
  const fault = err && err.root && err.root.Envelope && err.root.Envelope.Body && err.root.Envelope.Body.Fault;
  if (!fault) return err;
  const detail = fault.detail || {};
  for (const kind of ['authenticationFault', 'authorizationFault', 'ipsApiFault']) {
    if (detail[kind]) return new IpsFault(kind, Number(detail[kind].code), detail[kind].reason, fault.faultcode);
  }
  return err;
}
async function call(client, operation, args) {
  if (operation === 'submitJob') submitCalls++;
  try {
    const [result] = await client[`${operation}Async`](args);
    return result;
  } catch (err) {
    const fault = toIpsFault(err);
    if (fault instanceof IpsFault || !err.response) throw fault;
    // Not a SOAP fault: say what HTTP answer node-soap could not use.
    const body = typeof err.body === 'string' ? err.body.slice(0, 200) : '';
    throw new Error(`${operation}: ${err.message}; HTTP ${err.response.status} ${body}`);
  }
}

// POSTs a JSON body (none for reset) to the admin API; resolves to { status, body } with the decoded
// answer, whatever the status, so a refusal can be reported by the check that reads it.
async function admin(path, body) {
  const response = await fetch(`${ADMIN}/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? '' : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function newClient(user, password) {
  const client = await soap.createClientAsync(WSDL, {}, ENDPOINT);
  client.addSoapHeader(
    { authHeader: { user, password, appName: 'ips-interop-node', appVersion: '1.0' } },
    '', 'tns', TNS);
  return client;
}

// Polls getActiveJobs with a job's handle until its run is Done. The listing holds runs of the job,
// found by originalName (the submitted name); checks the run keeps one run handle, fields are typed
// and progress never drops. Returns the last ActiveJob seen (the run), or null.
async function waitDone(client, jobHandle, jobName, label) {
  let last = -1;
  let monotonic = true;
  let typed = true;
  let seen = null;
  let sameRun = true;
  const states = [];
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const answer = await call(client, 'getActiveJobs', { companyHandle: COMPANY, jobHandle });
    const job = items(answer.jobArray).find((j) => j.originalName === jobName);
    if (job) {
      if (seen && seen.jobHandle !== job.jobHandle) sameRun = false;
      seen = job;
      if (states[states.length - 1] !== job.state) states.push(job.state);
      if (job.progress < last) monotonic = false;
      last = job.progress;
      typed = typed && isInt(job.progress) && isInt(job.totalSize) && isDate(job.startDate)
        && isDate(job.triggerTime) && isDate(job.lastProgressUpdate) && job.taskProgressArray !== undefined
        && items(job.taskProgressArray).every((t) => isInt(t.numProcessed) && typeof t.progress === 'number'
          && t.progress >= 0 && t.progress <= 1 && isDate(t.lastProgressUpdate));
      if (job.state === 'Done') break;
    }
    await sleep(50);
  }
  check(`${label}: reaches Done`, seen && seen.state === 'Done', seen ? `${states.join(' -> ')}, progress ${seen.progress}` : 'never listed');
  const stamp = seen && runHandleRe(jobName).exec(seen.jobHandle);
  check(`${label}: listed as one run j|${CID}||<name>_<time>|<id> named <name>_<time>`,
    !!stamp && sameRun && seen.name === `${jobName}_${stamp[1]}`, seen ? `${seen.jobHandle}, name ${seen.name}` : 'never listed');
  check(`${label}: progress never decreases`, monotonic, `last ${last}`);
  check(`${label}: fields parse as Date/int`, seen && typed,
    seen ? `startDate ${seen.startDate && seen.startDate.toISOString ? seen.startDate.toISOString() : seen.startDate}, progress ${typeof seen.progress}` : '');
  return seen;
}

async function scenario() {
  // 0. A clean service: run-all.sh runs the clients one after another against one server.
  const reset = await admin('reset');
  check('admin reset', reset.status === 200 && reset.body.reset === true, JSON.stringify(reset));

  // 1. Contract from the served WSDL.
  const client = await newClient(USER, PASSWORD);
  const ops = Object.keys(client.describe().IpsApiService.IpsApiSoapPort);
  check('WSDL loaded with the job operations', ['submitJob', 'getActiveJobs', 'getJobLogs', 'checkLogin'].every((o) => ops.includes(o)), `${ops.length} operations`);

  // 2. checkLogin.
  const good = await call(client, 'checkLogin', { companyHandle: COMPANY, email: USER, password: PASSWORD });
  check('checkLogin good credentials -> ValidLogin', good.status === 'ValidLogin', good.status);
  const bad = await call(client, 'checkLogin', { companyHandle: COMPANY, email: USER, password: 'wrong' });
  check('checkLogin bad credentials -> InvalidLogin', bad.status === 'InvalidLogin', bad.status);

  // 3. Submit an Image Serving publish job and an upload of two URLs. The URLs name a made-up host: the
  // service cannot fetch them (unknown, or off the interop server's loopback-only allow list), so each
  // item fails with an UploadError line; the job still runs to Done.
  const publishName = `${RUN}-publish`;
  const uploadName = `${RUN}-upload`;
  const publish = await call(client, 'submitJob', {
    companyHandle: COMPANY, jobName: publishName,
    imageServingPublishJob: { publishType: 'Full', emailSetting: 'None' },
  });
  check('submitJob imageServingPublishJob returns a job handle', jobHandleRe.test(publish.jobHandle), publish.jobHandle);
  const upload = await call(client, 'submitJob', {
    companyHandle: COMPANY, jobName: uploadName,
    uploadUrlsJob: {
      urlArray: { items: [
        { sourceUrl: 'http://example.com/a.jpg', destPath: 'interop/a.jpg' },
        { sourceUrl: 'http://example.com/b.jpg', destPath: 'interop/b.jpg' },
      ] },
      overwrite: true, readyForPublish: true, createMask: false, emailSetting: 'None',
    },
  });
  check('submitJob uploadUrlsJob returns a job handle', jobHandleRe.test(upload.jobHandle), upload.jobHandle);

  // 4. Poll both until Done.
  const publishRun = await waitDone(client, publish.jobHandle, publishName, 'publish job');
  const uploadRun = await waitDone(client, upload.jobHandle, uploadName, 'upload job');

  // 5. Logs of the publish job: found by the submitted name, they carry the run's handle and name;
  // then the upload job's counts.
  const logs = await call(client, 'getJobLogs', { companyHandle: COMPANY });
  const log = items(logs.jobLogArray).find((l) => l.originalJobName === publishName);
  check('getJobLogs lists the publish run by originalJobName, with its run handle and name',
    !!log && !!publishRun && log.jobHandle === publishRun.jobHandle && log.jobName === publishRun.name,
    log ? `${log.jobHandle}, ${log.jobName}` : `${items(logs.jobLogArray).length} logs`);
  check('job log counts are ints', log && isInt(log.fileSuccessCount) && isInt(log.totalFileCount) && typeof log.fatalError === 'boolean',
    log && `success ${log.fileSuccessCount}/${log.totalFileCount}`);
  const uploadLog = items(logs.jobLogArray).find((l) => l.originalJobName === uploadName);
  check('getJobLogs: the upload run failed both URLs (0 succeeded, 2 failed of 2)',
    !!uploadLog && !!uploadRun && uploadLog.jobHandle === uploadRun.jobHandle && uploadLog.fileSuccessCount === 0
      && uploadLog.fileErrorCount === 2 && uploadLog.totalFileCount === 2,
    uploadLog ? `${uploadLog.fileSuccessCount}/${uploadLog.fileErrorCount}/${uploadLog.totalFileCount}` : 'not listed');
  const details = await call(client, 'getJobLogDetails', { companyHandle: COMPANY, jobHandle: publish.jobHandle });
  const detailLogs = items(details.jobLogArray);
  const rows = detailLogs.flatMap((l) => items(l.detailArray));
  check('getJobLogDetails by job handle returns detail rows of its run',
    rows.length > 0 && !!publishRun && detailLogs.every((l) => l.jobHandle === publishRun.jobHandle),
    `${rows.length} rows, ${detailLogs.map((l) => l.jobHandle).join(', ')}`);
  check('detail rows parse (message, type, Date)', rows.length > 0 && rows.every((r) => typeof r.logMessage === 'string' && typeof r.logType === 'string' && isDate(r.dateCreated)),
    rows[0] && `${rows[0].logType}: ${rows[0].logMessage}`);

  // 5b. An injected failure: a fault rule fails item 2 of runs of jobs named <run>-fail-*, which no
  // other job here matches; the log read through node-soap must show it.
  const failName = `${RUN}-fail-publish`;
  const injected = `injected failure for ${RUN}`;
  const rule = await admin('faults', { match: { jobName: `${RUN}-fail-*` }, failAtItem: 2, message: injected });
  check('admin faults: failAtItem rule added', rule.status === 201 && typeof rule.body.id === 'string', JSON.stringify(rule));
  const failing = await call(client, 'submitJob', {
    companyHandle: COMPANY, jobName: failName,
    imageServingPublishJob: { publishType: 'Full', emailSetting: 'None' },
  });
  const failRun = await waitDone(client, failing.jobHandle, failName, 'job with an injected failure');
  const failLogs = items((await call(client, 'getJobLogDetails', { companyHandle: COMPANY, jobHandle: failing.jobHandle })).jobLogArray);
  const failLog = failLogs[0];
  if (check('injected failure: getJobLogDetails returns the run\'s log',
    failLogs.length === 1 && !!failRun && failLog.jobHandle === failRun.jobHandle, `${failLogs.length} logs`)) {
    check('injected failure: 2 succeeded, 1 failed of 3',
      failLog.fileSuccessCount === 2 && failLog.fileErrorCount === 1 && failLog.totalFileCount === 3,
      `${failLog.fileSuccessCount}/${failLog.fileErrorCount}/${failLog.totalFileCount}`);
    const failRows = items(failLog.detailArray);
    const errors = failRows.filter((r) => typeof r.logType === 'string' && r.logType.endsWith('Error'));
    check('injected failure: one error row for item 2 carrying the message',
      errors.length === 1 && errors[0].logMessage.includes(injected) && errors[0].assetName === 'item 2',
      failRows.map((r) => `${r.logType}: ${r.logMessage}`).join(' | '));
  }

  // 6. A scheduled job through its life.
  const nightlyName = `${RUN}-nightly`;
  const scheduled = await call(client, 'submitJob', {
    companyHandle: COMPANY, jobName: nightlyName, execSchedule: '00 00 03 * * ',
    imageServingPublishJob: { publishType: 'Full', emailSetting: 'None' },
  });
  const handle = scheduled.jobHandle;
  check('submitJob with execSchedule returns a job handle', jobHandleRe.test(handle), handle);
  const findScheduled = async () => items((await call(client, 'getScheduledJobs', { companyHandle: COMPANY })).jobArray)
    .find((j) => j.jobHandle === handle);
  let sj = await findScheduled();
  check('getScheduledJobs lists it with a nextFireTime Date', sj && isDate(sj.nextFireTime),
    sj && `${sj.execSchedule} next ${isDate(sj.nextFireTime) ? sj.nextFireTime.toISOString() : sj.nextFireTime} ${sj.triggerState}`);
  await call(client, 'pauseJob', { companyHandle: COMPANY, jobHandle: handle });
  sj = await findScheduled();
  check('pauseJob -> Paused', sj && sj.triggerState === 'Paused', sj && sj.triggerState);
  await call(client, 'resumeJob', { companyHandle: COMPANY, jobHandle: handle });
  sj = await findScheduled();
  check('resumeJob -> Normal', sj && sj.triggerState === 'Normal', sj && sj.triggerState);
  await call(client, 'executeJob', { companyHandle: COMPANY, jobHandle: handle });
  await waitDone(client, handle, nightlyName, 'executed run');
  await call(client, 'deleteJob', { companyHandle: COMPANY, jobHandle: handle });
  sj = await findScheduled();
  check('deleteJob -> gone from getScheduledJobs', sj === undefined);

  // 7. Faults surface as IpsFault.
  const intruder = await newClient(USER, 'not-the-password');
  try {
    await call(intruder, 'getActiveJobs', { companyHandle: COMPANY });
    check('wrong password -> authenticationFault 10001', false, 'no fault');
  } catch (err) {
    check('wrong password -> authenticationFault 10001', err instanceof IpsFault && err.kind === 'authenticationFault' && err.code === 10001, err.message);
  }
  try {
    // the publish job's run is Done but lingers, so the company still holds its name
    await call(client, 'submitJob', {
      companyHandle: COMPANY, jobName: publishName,
      imageServingPublishJob: { publishType: 'Full', emailSetting: 'None' },
    });
    check('submitJob with a name the company holds -> ipsApiFault 30001', false, 'no fault');
  } catch (err) {
    check('submitJob with a name the company holds -> ipsApiFault 30001', err instanceof IpsFault && err.kind === 'ipsApiFault' && err.code === 30001, err.message);
  }
  try {
    await call(client, 'stopJob', { companyHandle: COMPANY, jobHandle: `j|${CID}|${RUN}-no-such-job||` });
    check('stopJob unknown handle -> ipsApiFault 30001', false, 'no fault');
  } catch (err) {
    check('stopJob unknown handle -> ipsApiFault 30001', err instanceof IpsFault && err.kind === 'ipsApiFault' && err.code === 30001, err.message);
  }

  // 8. The journal saw every submitJob sent since the reset, faulted ones included.
  const counted = await admin('requests/count', { operation: 'submitJob' });
  check(`admin requests/count: ${submitCalls} submitJob calls journalled`,
    counted.status === 200 && counted.body.count === submitCalls, JSON.stringify(counted));
}

scenario()
  .catch((err) => check('scenario ran to the end', false, err && err.stack ? err.stack : String(err)))
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
  });
