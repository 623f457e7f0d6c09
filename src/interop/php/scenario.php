<?php
/*
 * IPS job API interop scenario for PHP, using the built-in SoapClient (ext-soap) in WSDL mode.
 *
 * The contract is read from IPS_WSDL at start-up. ActiveJob, ScheduledJob and JobLog are decoded into
 * the classes below through SoapClient's classmap, with typed properties, so a value of the wrong type
 * or a missing required element shows up as an error or an uninitialized property. xsd:dateTime values
 * become DateTimeImmutable through a typemap. The authHeader travels as a SoapHeader; SOAP faults
 * arrive as SoapFault and are turned into IpsFault using the element inside <detail>. The service is
 * steered through its admin API (IPS_ADMIN, JSON over HTTP with file_get_contents and a stream context):
 * reset at the start, a fault rule that fails one job at an item, the request journal's count at the end.
 * Prints "N passed, M failed" as its last line.
 */
declare(strict_types=1);
error_reporting(E_ALL);
set_error_handler(function (int $no, string $message, string $file, int $line): bool {
    throw new ErrorException($message, 0, $no, $file, $line); // deprecations and warnings are errors too
});

const NS = 'http://www.scene7.com/IpsApi/xsd/2022-11-01-beta';
const FAULT_NS = 'http://www.scene7.com/IpsApi/xsd';

function env(string $name): string
{
    $value = getenv($name);
    if ($value === false || $value === '') {
        throw new RuntimeException("environment variable $name is not set");
    }
    return $value;
}

/** Job-detail elements shared by ActiveJob and ScheduledJob (kept as stdClass: not checked here). */
trait JobDetails
{
    public ?object $imageServingPublishJob = null;
    public ?object $imageRenderingPublishJob = null;
    public ?object $videoPublishJob = null;
    public ?object $serverDirectoryPublishJob = null;
    public ?object $metadataPublishJob = null;
    public ?object $uploadDirectoryJob = null;
    public ?object $uploadUrlsJob = null;
    public ?object $optimizeImagesJob = null;
    public ?object $ripPdfsJob = null;
    public ?object $reprocessAssetsJob = null;
    public ?object $createVideoSitemapJob = null;
    public ?object $exportJob = null;
    public ?object $automatedSetGenerationJob = null;
}

/** Properties without a default are required by the schema; the optional ones default to null. */
class ActiveJob
{
    use JobDetails;
    public string $companyHandle;
    public string $jobHandle;
    public string $name;
    public string $originalName;
    public string $type;
    public string $state;
    public string $submitUserEmail;
    public ?string $locale = null;
    public ?string $description = null;
    public string $serverName;
    public DateTimeImmutable $startDate;
    public DateTimeImmutable $triggerTime;
    public int $totalSize;
    public int $progress;
    public string $progressMessage;
    public DateTimeImmutable $lastProgressUpdate;
    public object $taskProgressArray;
    public ?object $uploadPostJob = null;
}

class ScheduledJob
{
    use JobDetails;
    public string $companyHandle;
    public string $jobHandle;
    public string $name;
    public string $originalName;
    public string $type;
    public string $submitUserEmail;
    public ?string $locale = null;
    public ?string $description = null;
    public ?string $execSchedule = null;
    public ?DateTimeImmutable $nextFireTime = null;
    public ?string $timeZone = null;
    public ?string $triggerState = null;
}

class JobLog
{
    public string $companyHandle;
    public string $jobHandle;
    public string $jobName;
    public string $originalJobName;
    public string $submitUserEmail;
    public string $logType;
    public string $jobSubType;
    public ?DateTimeImmutable $startDate = null;
    public ?DateTimeImmutable $endDate = null;
    public string $description;
    public int $fileSuccessCount;
    public int $fileErrorCount;
    public int $fileWarningCount;
    public int $fileDuplicateCount;
    public int $fileUpdateCount;
    public int $totalFileCount;
    public int $transferSuccessCount;
    public int $transferErrorCount;
    public int $transferWarningCount;
    public bool $fatalError;
    public ?int $detailTotalRows = null;
    public ?object $detailArray = null;
}

/** A SOAP fault from the service: $kind is the detail element's name, $faultCode its code. */
class IpsFault extends Exception
{
    public function __construct(public readonly string $kind, public readonly int $faultCode, string $reason)
    {
        parent::__construct("$kind $faultCode: $reason");
    }
}

/** Names of required (no default) typed properties the decoder left unset, i.e. missing elements. */
function missing(object $value): array
{
    $names = [];
    foreach ((new ReflectionObject($value))->getProperties() as $property) {
        if (!$property->hasDefaultValue() && !$property->isInitialized($value)) {
            $names[] = $property->getName();
        }
    }
    return $names;
}

$dateProblems = [];   // dateTime texts that were not ISO 8601 with a time zone

$client = new SoapClient(env('IPS_WSDL'), [
    'location' => env('IPS_ENDPOINT'),
    'cache_wsdl' => WSDL_CACHE_NONE,   // each harness run is a new server on a new port
    'exceptions' => true,
    // Without SOAP_SINGLE_ELEMENT_ARRAYS, an unbounded element such as <items> that occurs once is
    // decoded as a lone object instead of a one-element array, so a list of one job (the usual case
    // when asking by jobHandle) would have a different shape than a list of two.
    'features' => SOAP_SINGLE_ELEMENT_ARRAYS,
    'classmap' => ['ActiveJob' => ActiveJob::class, 'ScheduledJob' => ScheduledJob::class, 'JobLog' => JobLog::class],
    // ext-soap hands xsd:dateTime over as a plain string; decode it into DateTimeImmutable instead.
    'typemap' => [[
        'type_ns' => 'http://www.w3.org/2001/XMLSchema',
        'type_name' => 'dateTime',
        'from_xml' => function (string $xml) use (&$dateProblems): DateTimeImmutable {
            $text = trim(strip_tags($xml));
            if (!preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/', $text)) {
                $dateProblems[] = $text;
            }
            return new DateTimeImmutable($text);
        },
    ]],
]);

$user = env('IPS_USER');
$password = env('IPS_PASSWORD');
$company = env('IPS_COMPANY');
$admin = rtrim(env('IPS_ADMIN'), '/');
$submitCalls = 0;   // compared with the journal's count at the end
$runId = 'php-' . time() . '-' . getmypid();   // job names must be unique per run
// Handles carry the company handle without a leading "c|": a job is j|<cid>|<name>||, one run of it
// (as getActiveJobs and the logs name it) j|<cid>||<name>_<yyyy-MM-dd-HH:mm:ss.SSS>|<run id>.
$cid = str_starts_with($company, 'c|') ? substr($company, 2) : $company;

function jobHandleOf(string $name): string
{
    global $cid;
    return "j|$cid|$name||";
}

/** The trigger time in a run handle of the named job, or null when the handle is not one. */
function runStamp(string $name, string $handle): ?string
{
    global $cid;
    $pattern = '/^j\|' . preg_quote($cid, '/') . '\|\|' . preg_quote($name, '/')
        . '_(\d{4}-\d\d-\d\d-\d\d:\d\d:\d\d\.\d{3})\|\d+$/';
    return preg_match($pattern, $handle, $m) ? $m[1] : null;
}

/** Calls an operation with the authHeader in the SOAP header; throws IpsFault on a declared fault. */
function call(string $operation, array $params, ?string $headerPassword = null): object
{
    global $client, $user, $password, $submitCalls;
    if ($operation === 'submitJob') {
        $submitCalls++;
    }
    $header = new SoapHeader(NS, 'authHeader', [
        'user' => $user, 'password' => $headerPassword ?? $password,
        'appName' => 'ips-interop-php', 'appVersion' => '1.0',
    ]);
    try {
        return $client->__soapCall($operation, [$params], null, [$header]);
    } catch (SoapFault $fault) {
        // ext-soap decodes <detail> without the WSDL's fault types: we get an object keyed by the
        // detail element's local name, with code as a string.
        foreach (['authenticationFault', 'authorizationFault', 'ipsApiFault'] as $kind) {
            if (isset($fault->detail->$kind)) {
                $info = $fault->detail->$kind;
                throw new IpsFault($kind, (int) $info->code, (string) $info->reason);
            }
        }
        throw $fault;
    }
}

/**
 * POSTs a JSON body (none for reset) to the admin API; returns [HTTP status, decoded answer]. A 4xx
 * answer is returned rather than thrown (ignore_errors), so the check reading it can report it.
 */
function admin(string $path, ?array $body = null): array
{
    global $admin;
    $context = stream_context_create(['http' => [
        'method' => 'POST',
        'header' => "Content-Type: application/json\r\n",
        'content' => $body === null ? '' : json_encode($body, JSON_UNESCAPED_SLASHES),
        'ignore_errors' => true,
        'timeout' => 30,
    ]]);
    $answer = file_get_contents("$admin/$path", false, $context);
    // the status line the stream wrapper saw, e.g. "HTTP/1.1 201 Created"
    $status = preg_match('#^HTTP/\S+ (\d{3})#', $http_response_header[0] ?? '', $m) ? (int) $m[1] : 0;
    return [$status, json_decode((string) $answer, true)];
}

$passed = 0;
$failed = 0;
function check(string $name, bool $ok, mixed $info = null): bool
{
    global $passed, $failed;
    if ($ok) {
        $passed++;
        echo "PASS $name\n";
    } else {
        $failed++;
        echo "FAIL $name" . ($info === null ? '' : ': ' . json_encode($info, JSON_UNESCAPED_SLASHES)) . "\n";
    }
    return $ok;
}

/**
 * Polls getActiveJobs with a job's handle until its run is Done; checks progress and types on every
 * poll. The listing holds runs of the job, found by originalName; returns the run once Done.
 */
function waitUntilDone(string $jobHandle, string $jobName, string $label, float $timeout = 30.0): ?ActiveJob
{
    global $dateProblems, $cid;
    $progress = $states = $problems = $runHandles = [];
    $job = null;
    $deadline = microtime(true) + $timeout;
    while (microtime(true) < $deadline) {
        $jobs = call('getActiveJobs', ['jobHandle' => $jobHandle])->jobArray->items ?? [];
        $runs = array_values(array_filter($jobs, fn($j) => ($j->originalName ?? null) === $jobName));
        if (count($runs) === 1) {
            $job = $runs[0];
            if (!$job instanceof ActiveJob) {
                $problems[] = 'item is a ' . get_class($job);
                break;
            }
            $problems = array_merge($problems, missing($job));
            $runHandles[$job->jobHandle] = true;
            $progress[] = $job->progress;
            $states[] = $job->state;
            foreach ($job->taskProgressArray->items ?? [] as $task) {
                if (!is_float($task->progress) || $task->progress < 0.0 || $task->progress > 1.0
                    || !$task->lastProgressUpdate instanceof DateTimeImmutable) {
                    $problems[] = 'taskProgressArray item types';
                }
            }
            if ($job->state === 'Done') {
                break;
            }
        }
        usleep(20000);
    }
    $done = $job instanceof ActiveJob && $job->state === 'Done';
    check("$label: getActiveJobs reached Done", $done, array_slice($states, -5));
    $stamp = $job instanceof ActiveJob ? runStamp($jobName, $job->jobHandle) : null;
    check("$label: listed as one run, j|$cid||<name>_<time>|<id> named <name>_<time>",
        $stamp !== null && count($runHandles) === 1 && $job->name === "{$jobName}_$stamp",
        [array_keys($runHandles), $job?->name]);
    $grows = $progress !== [];
    for ($i = 1; $i < count($progress); $i++) {
        $grows = $grows && $progress[$i - 1] <= $progress[$i];
    }
    check("$label: progress never decreased (" . count($progress) . ' polls)', $grows, $progress);
    check("$label: states are known ones",
        array_diff($states, ['WaitingCoordinator', 'Running', 'Stopping', 'Done']) === [], $states);
    check("$label: every ActiveJob field decoded into its PHP type", $problems === [] && $dateProblems === [],
        [$problems, $dateProblems]);
    return $done ? $job : null;
}

function scenario(): void
{
    global $client, $company, $user, $password, $runId, $dateProblems, $submitCalls;

    // 0. A clean service: run-all.sh runs the clients one after another against one server
    [$status, $answer] = admin('reset');
    check('admin reset', $status === 200 && $answer === ['reset' => true], [$status, $answer]);

    // 1. Contract
    $operations = implode(' ', $client->__getFunctions());
    $wanted = ['checkLogin', 'submitJob', 'getActiveJobs', 'getJobLogs', 'getJobLogDetails', 'getScheduledJobs',
        'pauseJob', 'resumeJob', 'executeJob', 'deleteJob', 'stopJob'];
    check('WSDL loaded with the job operations',
        array_filter($wanted, fn($op) => !str_contains($operations, " $op(")) === [], $operations);

    // 2. checkLogin
    $status = call('checkLogin', ['companyHandle' => $company, 'email' => $user, 'password' => $password])->status;
    check('checkLogin with good credentials', $status === 'ValidLogin', $status);
    $status = call('checkLogin', ['companyHandle' => $company, 'email' => $user, 'password' => "not-$password"])->status;
    check('checkLogin with bad credentials', $status === 'InvalidLogin', $status);

    // 3 and 4. submitJob, then poll each job right away so the polls see it running
    $publishName = "$runId-publish";
    $publish = call('submitJob', ['companyHandle' => $company, 'jobName' => $publishName,
        'imageServingPublishJob' => ['publishType' => 'Full', 'emailSetting' => 'None']])->jobHandle;
    check('submitJob imageServingPublishJob returns its job handle', $publish === jobHandleOf($publishName), $publish);
    $job = $publishRun = waitUntilDone($publish, $publishName, 'publish job');
    if ($job !== null) {
        check('publish job: finished at 100% with its job details',
            $job->progress === 100 && $job->imageServingPublishJob?->publishType === 'Full', $job->progress);
    }

    // The URLs name a made-up host: the service cannot fetch them (unknown, or off the interop server's
    // loopback-only allow list), so each item fails with an UploadError line; the job still runs to Done.
    $uploadName = "$runId-upload";
    $urls = [];
    foreach (['one', 'two'] as $n) {
        $urls[] = ['sourceUrl' => "https://example.com/$runId/$n.jpg", 'destPath' => "interop/$n.jpg"];
    }
    $upload = call('submitJob', ['companyHandle' => $company, 'jobName' => $uploadName,
        'uploadUrlsJob' => ['urlArray' => ['items' => $urls], 'overwrite' => true, 'readyForPublish' => true,
            'createMask' => false, 'emailSetting' => 'None']])->jobHandle;
    check('submitJob uploadUrlsJob returns its job handle', $upload === jobHandleOf($uploadName), $upload);
    $job = $uploadRun = waitUntilDone($upload, $uploadName, 'upload job');
    if ($job !== null) {
        $names = array_map(fn($i) => $i->itemName, $job->taskProgressArray->items[0]->taskItemProgressArray->items ?? []);
        check('upload job: one task item per URL', $names === array_column($urls, 'sourceUrl'), $names);
        check('upload job: urlArray echoed back', count($job->uploadUrlsJob?->urlArray->items ?? []) === 2);
    }

    // 5. Job logs: found by the submitted name; each carries the handle and name of the run it logs
    $logs = [];
    foreach (call('getJobLogs', ['companyHandle' => $company])->jobLogArray->items ?? [] as $log) {
        $logs[$log->originalJobName] = $log;
    }
    foreach ([[$publishName, $publishRun, 'publish job', [3, 0, 3]], [$uploadName, $uploadRun, 'upload job', [0, 2, 2]]]
             as [$name, $run, $label, $expected]) {
        $log = $logs[$name] ?? null;
        if (check("getJobLogs lists the $label's run", $log instanceof JobLog && $run !== null
            && [$log->jobHandle, $log->jobName] === [$run->jobHandle, $run->name],
            $log instanceof JobLog ? [$log->jobHandle, $log->jobName] : array_keys($logs))) {
            $counts = [$log->fileSuccessCount, $log->fileErrorCount, $log->totalFileCount];
            check("getJobLogs $label: (success, error, total) counts " . json_encode($expected), $counts === $expected,
                $counts);
            check("getJobLogs $label: fields decoded into PHP types",
                missing($log) === [] && $log->endDate instanceof DateTimeImmutable, missing($log));
        }
    }
    $details = call('getJobLogDetails', ['companyHandle' => $company, 'jobHandle' => $upload])->jobLogArray->items ?? [];
    if (check("getJobLogDetails returns the one run's log for the upload job",
        count($details) === 1 && $details[0] instanceof JobLog && $uploadRun !== null
        && $details[0]->jobHandle === $uploadRun->jobHandle)) {
        $rows = $details[0]->detailArray->items ?? [];
        $rowsOk = count($rows) >= 2;
        foreach ($rows as $row) {
            $rowsOk = $rowsOk && $row->logMessage !== '' && $row->dateCreated instanceof DateTimeImmutable;
        }
        check('getJobLogDetails: detail rows with messages and dates', $rowsOk, $rows);
        $text = implode("\n", array_map(fn($r) => $r->logMessage . ' ' . ($r->assetName ?? ''), $rows));
        check('getJobLogDetails: a row names each URL',
            array_filter($urls, fn($u) => !str_contains($text, $u['sourceUrl'])) === [], $text);
        $errors = array_filter($rows, fn($r) => $r->logType === 'UploadError');
        $successes = array_filter($rows, fn($r) => $r->logType === 'UploadSuccess');
        check("getJobLogDetails: each URL's line is an UploadError (nothing was fetched)",
            $successes === [] && array_filter($urls, fn($u) => array_filter($errors,
                fn($r) => str_contains($r->logMessage, $u['sourceUrl'])) === []) === [],
            array_map(fn($r) => "$r->logType: $r->logMessage", $rows));
        check('getJobLogDetails: fields decoded into PHP types',
            missing($details[0]) === [] && is_int($details[0]->detailTotalRows), missing($details[0]));
    }

    // 5b. An injected failure: a fault rule fails item 2 of runs of jobs named <run>-fail-*, which no other
    // job of this scenario matches; the log read through SoapClient must show it
    $failName = "$runId-fail-publish";
    $injected = "injected failure for $runId";
    [$status, $rule] = admin('faults', ['match' => ['jobName' => "$runId-fail-*"], 'failAtItem' => 2, 'message' => $injected]);
    check('admin faults: failAtItem rule added', $status === 201 && is_string($rule['id'] ?? null), [$status, $rule]);
    $failing = call('submitJob', ['companyHandle' => $company, 'jobName' => $failName,
        'imageServingPublishJob' => ['publishType' => 'Full', 'emailSetting' => 'None']])->jobHandle;
    $failRun = waitUntilDone($failing, $failName, 'job with an injected failure');
    $details = call('getJobLogDetails', ['companyHandle' => $company, 'jobHandle' => $failing])->jobLogArray->items ?? [];
    if (check("injected failure: getJobLogDetails returns the run's log",
        count($details) === 1 && $details[0] instanceof JobLog && $failRun !== null
        && $details[0]->jobHandle === $failRun->jobHandle)) {
        $log = $details[0];
        $counts = [$log->fileSuccessCount, $log->fileErrorCount, $log->totalFileCount];
        check('injected failure: 2 succeeded, 1 failed of 3', $counts === [2, 1, 3], $counts);
        $rows = $log->detailArray->items ?? [];
        $errors = array_values(array_filter($rows, fn($r) => str_ends_with((string) ($r->logType ?? ''), 'Error')));
        check('injected failure: one error row for item 2 carrying the message',
            count($errors) === 1 && str_contains((string) $errors[0]->logMessage, $injected)
            && ($errors[0]->assetName ?? null) === 'item 2',
            array_map(fn($r) => "$r->logType: $r->logMessage", $rows));
    }

    // 6. Scheduled job lifecycle
    $schedName = "$runId-scheduled";
    $sched = call('submitJob', ['companyHandle' => $company, 'jobName' => $schedName, 'execSchedule' => '00 00 03 * * ',
        'imageServingPublishJob' => ['publishType' => 'Full', 'emailSetting' => 'None']])->jobHandle;
    check('submitJob with execSchedule returns its job handle', $sched === jobHandleOf($schedName), $sched);
    $scheduled = function () use ($company, $sched): ?ScheduledJob {
        foreach (call('getScheduledJobs', ['companyHandle' => $company])->jobArray->items ?? [] as $job) {
            if ($job->jobHandle === $sched) {
                return $job;
            }
        }
        return null;
    };
    $job = $scheduled();
    if (check('getScheduledJobs lists the scheduled job', $job instanceof ScheduledJob)) {
        check('scheduled job: nextFireTime is a future DateTimeImmutable',
            $job->nextFireTime instanceof DateTimeImmutable && $job->nextFireTime > new DateTimeImmutable(),
            $job->nextFireTime);
        check('scheduled job: execSchedule and triggerState Normal',
            [trim((string) $job->execSchedule), $job->triggerState] === ['00 00 03 * *', 'Normal'],
            [$job->execSchedule, $job->triggerState]);
        check('scheduled job: fields decoded into PHP types', missing($job) === [] && $dateProblems === [],
            [missing($job), $dateProblems]);
    }
    call('pauseJob', ['companyHandle' => $company, 'jobHandle' => $sched]);
    $state = $scheduled()?->triggerState;
    check('pauseJob: triggerState Paused', $state === 'Paused', $state);
    call('resumeJob', ['companyHandle' => $company, 'jobHandle' => $sched]);
    $state = $scheduled()?->triggerState;
    check('resumeJob: triggerState Normal', $state === 'Normal', $state);
    call('executeJob', ['companyHandle' => $company, 'jobHandle' => $sched]);
    waitUntilDone($sched, $schedName, 'executeJob run');
    call('deleteJob', ['companyHandle' => $company, 'jobHandle' => $sched]);
    check('deleteJob: gone from getScheduledJobs', $scheduled() === null);

    // 7. Faults
    try {
        call('getActiveJobs', ['companyHandle' => $company], 'wrong-password');
        check('wrong password throws authenticationFault', false, 'no fault');
    } catch (IpsFault $fault) {
        check('wrong password throws authenticationFault 10001',
            [$fault->kind, $fault->faultCode] === ['authenticationFault', 10001], $fault->getMessage());
    }
    try {
        // the publish job's finished run lingers, so the company still holds the name
        call('submitJob', ['companyHandle' => $company, 'jobName' => $publishName,
            'imageServingPublishJob' => ['publishType' => 'Full', 'emailSetting' => 'None']]);
        check('submitJob with a name the company holds throws ipsApiFault', false, 'no fault');
    } catch (IpsFault $fault) {
        check('submitJob with a name the company holds throws ipsApiFault 30001',
            [$fault->kind, $fault->faultCode] === ['ipsApiFault', 30001], $fault->getMessage());
    }
    try {
        call('stopJob', ['companyHandle' => $company, 'jobHandle' => jobHandleOf("$runId-no-such-job")]);
        check('stopJob on an unknown handle throws ipsApiFault', false, 'no fault');
    } catch (IpsFault $fault) {
        check('stopJob on an unknown handle throws ipsApiFault 30001',
            [$fault->kind, $fault->faultCode] === ['ipsApiFault', 30001], $fault->getMessage());
    }

    // 8. The journal saw every submitJob sent since the reset, faulted ones included
    [$status, $answer] = admin('requests/count', ['operation' => 'submitJob']);
    check("admin requests/count: $submitCalls submitJob calls journalled",
        $status === 200 && ($answer['count'] ?? null) === $submitCalls, [$status, $answer]);
}

try {
    scenario();
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n", $e->getTraceAsString(), "\n";
    check('scenario ran to the end', false);
}
echo "$passed passed, $failed failed\n";
exit($failed > 0 ? 1 : 0);
