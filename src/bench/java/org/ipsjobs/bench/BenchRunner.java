package org.ipsjobs.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ipsjobs.auth.Pbkdf2Password;
import org.ipsjobs.soap.BenchInterceptorLadder;

/**
 * Runs the whole benchmark and writes its report; started by src/bench/run.sh after the build.
 *
 * <p>Plan: start the service (store preloaded), the references (the bare CXF floor, the stack floor
 * with all of the service's interceptors, the bare CXF endpoint with prebuilt big answers, the
 * canned-bytes Jetty ceiling and WireMock) and the interceptor ladder, each in its own JVM; warm each
 * up; then
 * measure them in rounds, alternating between them for every workload and connection count, so
 * drift on this shared machine hits all of them alike. Then the scale phase (heap per job, lookup
 * latency at 1,000 and 1,000,000 jobs) on a fresh server, and the start-up time of the jar.
 *
 * <p>Options: {@code --seconds N} per measurement (5), {@code --rounds N} (2), {@code --warmup N}
 * seconds for the service (24; the references get less), {@code --scale-jobs N} (1000000),
 * {@code --out DIR} (src/bench/results), {@code --only throughput|scale|startup} (everything),
 * {@code --skip PART,...} (nothing; parts as for --only), {@code --label TEXT} (none; the report is
 * then named {@code <date>-<label>}, for runs that are not the full measurement).
 */
public final class BenchRunner {

    static final String USER = "bench@example.com";
    static final String PASSWORD = "bench-secret";
    static final String PATH = "/scene7/services/IpsApiService";
    static final List<Workload> WORKLOADS = List.of(Workload.BY_HANDLE, Workload.BY_COMPANY, Workload.SUBMIT,
            Workload.LOGS);
    static final int[] CONNECTIONS = {64, 8, 1};
    static final int WARM_CONNECTIONS = 4;
    /** The workloads with big answers, measured against the bare endpoint that returns prebuilt ones. */
    static final List<Workload> BIG_ANSWERS = List.of(Workload.BY_COMPANY, Workload.LOGS);
    /** The interceptor table's rows are measured with this workload and connection count. */
    static final Workload LADDER_WORKLOAD = Workload.BY_HANDLE;
    static final int LADDER_CONNECTIONS = 64;

    private final Map<String, String> options;
    private final Path work = Path.of("target/bench/work");
    private final Path jar = Path.of("target/ips-job-service.jar").toAbsolutePath();
    private final Path benchJar = benchJar();
    private final Path wiremockJar = Path.of("target/bench/wiremock-standalone.jar").toAbsolutePath();
    private final Wrk wrk = new Wrk(Path.of("src/bench/lua/soap.lua").toAbsolutePath());
    private final List<ChildProcess> running = new ArrayList<>();
    private final Report report = new Report();
    private final HttpClient http = HttpClient.newHttpClient();

    private BenchRunner(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        BenchRunner runner = new BenchRunner(options);
        Runtime.getRuntime().addShutdownHook(new Thread(runner::stopAll));
        runner.run();
    }

    /** The jar of the benchmark classes that the bench profile builds beside the service jar. */
    private static Path benchJar() {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-bench.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/*-bench.jar: build with -Pbench"))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        int seconds = option("seconds", 5);
        int rounds = option("rounds", 2);
        int warmup = option("warmup", 40);
        int scaleJobs = option("scale-jobs", 1_000_000);
        Path out = Path.of(options.getOrDefault("out", "src/bench/results"));
        prepareWork();
        report.setting("seconds per measurement", seconds);
        report.setting("rounds", rounds);
        report.setting("service warm-up seconds", warmup);
        report.environment();

        // --only throughput|scale|startup runs one part, for a quick look at what a change did to it
        // --skip scale,startup leaves parts out, e.g. the million-job scale phase in a quick run
        String only = options.get("only");
        if ("profile".equals(only)) { // not part of a full run: one workload under async-profiler
            profile(out);
            return;
        }
        List<String> skip = List.of(options.getOrDefault("skip", "").split(","));
        java.util.function.Predicate<String> runs = part -> (only == null || only.equals(part)) && !skip.contains(part);
        if (runs.test("throughput")) {
            throughput(seconds, rounds, warmup);
        }
        if (runs.test("scale")) {
            scale(seconds, scaleJobs);
        }
        if (runs.test("startup")) {
            startup("config-plain-password.yaml", 5);
            startup("config.yaml", 3);
            startup(BARE_STARTUP, 5);
            extensionStartup(5);
            warmupCurve(false, 40);
            warmupCurve(true, 40);
        }

        report.setting("total minutes", String.format("%.1f", (System.nanoTime() - started) / 60e9));
        report.write(out, options.get("label"));
    }

    // ------------------------------------------------------------------ preparation

    private void prepareWork() throws IOException {
        if (Files.exists(work)) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(work.resolve("wiremock/mappings"));
        Files.createDirectories(work.resolve("wiremock/__files"));
        String hash = Pbkdf2Password.hash(PASSWORD.toCharArray(), new SecureRandom());
        Files.writeString(work.resolve("config.yaml"), config(hash));
        Files.writeString(work.resolve("config-plain-password.yaml"), config(PASSWORD));

        for (Workload w : List.of(Workload.BY_HANDLE, Workload.BY_COMPANY, Workload.SUBMIT, Workload.LOGS,
                Workload.SCALE_LOOKUP, Workload.STARTUP)) {
            Files.writeString(body(w), w.envelope(USER, PASSWORD));
        }
    }

    private static String config(String password) {
        return String.join("\n",
                "# written by the benchmark harness",
                "server:", "  name: bench", "  timeZone: UTC",
                "companies:",
                "  - handle: bench", "  - handle: twenty", "  - handle: submit", "  - handle: logs",
                "  - handle: scale",
                "users:",
                "  - email: " + USER, "    password: \"" + password + "\"", "    role: IpsAdmin",
                "    companies: [bench, twenty, submit, logs, scale]",
                "jobs:", "  runner: simulated", "  pace: 0s", "  doneLinger: 24h", "");
    }

    private Path body(Workload w) {
        return work.resolve(w.id() + "-request.xml").toAbsolutePath();
    }

    private List<String> benchJvm(String mainClass, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + benchJar, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private ChildProcess startBenchServer(String name, String mode, List<String> jvmOptions, String preload)
            throws IOException {
        int port = ChildProcess.freePort();
        int control = ChildProcess.freePort();
        ChildProcess p = ChildProcess.start(name, benchJvm(BenchServer.class.getName(), jvmOptions, mode, "--config",
                work.resolve("config.yaml").toString(), "--port", String.valueOf(port), "--control",
                String.valueOf(control), "--preload", preload), port, control, work.resolve(name + ".log"));
        running.add(p);
        return p;
    }

    // ------------------------------------------------------------------ throughput and latency

    private void throughput(int seconds, int rounds, int warmup) throws Exception {
        log("starting the service, the stack floor, the bare floor and the interceptor ladder");
        ChildProcess service = startBenchServer("service", "service", List.of(), "bench=10000,twenty=20,logs=100000");
        ChildProcess stackFloor = startBenchServer("stack-floor", "floor", List.of(), "");
        ChildProcess bareFloor = startBareServer("bare-floor", "bare", "--port");
        List<Integer> ladderPorts = new ArrayList<>();
        for (int i = 0; i < BenchInterceptorLadder.Step.values().length; i++) {
            ladderPorts.add(ChildProcess.freePort());
        }
        // the ladder's servers start in step order, so once the last one accepts, all do
        ChildProcess ladder = ChildProcess.start("ladder", benchJvm(BareCxfServer.class.getName(), List.of(), "ladder",
                "--config", work.resolve("config.yaml").toString(), "--ports", ladderPorts.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(","))),
                ladderPorts.get(ladderPorts.size() - 1), 0, work.resolve("ladder.log"));
        running.add(ladder);
        for (ChildProcess p : List.of(service, stackFloor, bareFloor, ladder)) {
            p.awaitReady(Duration.ofMinutes(3));
        }

        log("capturing the service's answers for the canned references");
        List<String> rules = new ArrayList<>();
        for (Workload w : WORKLOADS) {
            String answer = post(service.port, w);
            if (!w.answerIsRight().test(answer)) {
                throw new IllegalStateException("the service's answer to " + w.id() + " is not as expected: " + answer);
            }
            Files.writeString(work.resolve("wiremock/__files/" + w.id() + ".xml"), answer);
            Files.writeString(work.resolve("wiremock/mappings/" + w.id() + ".json"), wiremockStub(w));
            rules.add(w.action() + "|" + w.stubMatch() + "|" + work.resolve("wiremock/__files/" + w.id() + ".xml"));
            report.responseSize(w.id(), answer.getBytes(StandardCharsets.UTF_8).length);
        }
        int ceilingPort = ChildProcess.freePort();
        List<String> ceilingArgs = new ArrayList<>(List.of(String.valueOf(ceilingPort)));
        ceilingArgs.addAll(rules);
        ChildProcess ceiling = ChildProcess.start("ceiling", benchJvm(CannedResponseServer.class.getName(), List.of(),
                ceilingArgs.toArray(String[]::new)), ceilingPort, 0, work.resolve("ceiling.log"));
        running.add(ceiling);
        int wiremockPort = ChildProcess.freePort();
        ChildProcess wiremock = ChildProcess.start("wiremock", List.of("java", "-jar", wiremockJar.toString(),
                "--port", String.valueOf(wiremockPort), "--bind-address", "127.0.0.1", "--root-dir",
                work.resolve("wiremock").toString(), "--no-request-journal", "--disable-banner"), wiremockPort, 0,
                work.resolve("wiremock.log"));
        running.add(wiremock);
        // the bare endpoint that returns the service's own big answers, unmarshalled once at its start
        ChildProcess prebuilt = startBareServer("bare-prebuilt", "prebuilt", "--answers",
                work.resolve("wiremock/__files/" + Workload.BY_COMPANY.id() + ".xml") + ","
                        + work.resolve("wiremock/__files/" + Workload.LOGS.id() + ".xml"), "--port");
        ceiling.awaitReady(Duration.ofMinutes(1));
        wiremock.awaitReady(Duration.ofMinutes(1));
        prebuilt.awaitReady(Duration.ofMinutes(1));

        Map<String, ChildProcess> targets = new LinkedHashMap<>();
        targets.put("service", service);
        targets.put("bare-floor", bareFloor);
        targets.put("stack-floor", stackFloor);
        targets.put("ceiling", ceiling);
        targets.put("wiremock", wiremock);
        for (Map.Entry<String, ChildProcess> t : targets.entrySet()) {
            for (Workload w : WORKLOADS) {
                String answer = post(t.getValue().port, w);
                if (answer == null || answer.isEmpty()) {
                    throw new IllegalStateException(t.getKey() + " gave no answer to " + w.id());
                }
            }
        }
        for (Workload w : BIG_ANSWERS) {
            String answer = post(prebuilt.port, w);
            if (!w.answerIsRight().test(answer)) {
                throw new IllegalStateException("the prebuilt answer to " + w.id() + " is not as expected: " + answer);
            }
            report.referenceResponseSize("bare-prebuilt", w.id(), answer.getBytes(StandardCharsets.UTF_8).length);
        }
        for (int port : ladderPorts) {
            post(port, LADDER_WORKLOAD); // throws unless HTTP 200
        }
        report.ladderSteps(java.util.Arrays.stream(BenchInterceptorLadder.Step.values())
                .map(BenchInterceptorLadder.Step::label).toList());

        log("warming up (JIT) at " + WARM_CONNECTIONS + " connections: service " + warmup + " s, the others less");
        warm(service, WORKLOADS, warmup);
        warm(bareFloor, WORKLOADS, warmup * 3 / 4);
        warm(stackFloor, WORKLOADS, warmup * 3 / 4);
        warm(prebuilt, BIG_ANSWERS, warmup / 2);
        warm(wiremock, WORKLOADS, warmup / 2);
        warm(ceiling, WORKLOADS, warmup / 4);
        // one JVM serves every step, so the JIT work is shared: each step gets a share of the time
        for (int port : ladderPorts) {
            wrk.run(url(port), body(LADDER_WORKLOAD), LADDER_WORKLOAD.action(), WARM_CONNECTIONS,
                    Math.max(1, warmup / 8), null);
        }

        List<String> order = new ArrayList<>(targets.keySet());
        for (int round = 1; round <= rounds; round++) {
            for (int c : CONNECTIONS) {
                for (Workload w : WORKLOADS) {
                    log("round " + round + ", " + w.id() + ", C=" + c);
                    for (String name : order) {
                        WrkResult r = wrk.run(url(targets.get(name).port), body(w), w.action(), c, seconds, null);
                        report.sample(name, w.id(), c, round, r);
                    }
                    if (BIG_ANSWERS.contains(w)) {
                        WrkResult r = wrk.run(url(prebuilt.port), body(w), w.action(), c, seconds, null);
                        report.sample("bare-prebuilt", w.id(), c, round, r);
                    }
                    if (c == 64 && (w == Workload.BY_HANDLE || w == Workload.BY_COMPANY)) {
                        // the same JVM, just warmed up the same way, with only the request log off
                        service.control("request-log?level=off", Duration.ofSeconds(5));
                        WrkResult r = wrk.run(url(service.port), body(w), w.action(), c, seconds, null);
                        service.control("request-log?level=shipped", Duration.ofSeconds(5));
                        report.sample("service-no-request-log", w.id(), c, round, r);
                    }
                }
            }
            order.add(order.remove(0)); // the next round starts with another target
            ladder(ladderPorts, ladder.pid(), round, seconds);
        }
        report.storeAfterSubmits(service.control("counts", Duration.ofSeconds(10)));
        stopAll();
    }

    /**
     * One row per step of the interceptor table, each step's server measured once per round; the
     * steps run upwards in odd rounds and downwards in even ones, so a drift of the machine's speed
     * during a round does not always favour the same end of the table.
     */
    private void ladder(List<Integer> ports, long ladderPid, int round, int seconds) throws Exception {
        log("round " + round + ", interceptor table (" + LADDER_WORKLOAD.id() + ", C=" + LADDER_CONNECTIONS + ")");
        List<Integer> steps = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            steps.add(i);
        }
        if (round % 2 == 0) {
            java.util.Collections.reverse(steps);
        }
        for (int step : steps) {
            String threads = BareJetty.threadNamePrefix(ports.get(step));
            double cpuBefore = PortThreadsCpu.micros(ladderPid, threads);
            WrkResult r = wrk.run(url(ports.get(step)), body(LADDER_WORKLOAD), LADDER_WORKLOAD.action(),
                    LADDER_CONNECTIONS, seconds, null);
            double cpu = PortThreadsCpu.micros(ladderPid, threads) - cpuBefore;
            report.sample(Report.ladderTarget(step), LADDER_WORKLOAD.id(), LADDER_CONNECTIONS, round, r);
            report.ladderCpu(step, round, r.requests() == 0 ? Double.NaN : cpu / r.requests());
        }
    }

    /** Starts a {@link BareCxfServer}; the last argument names the port option, whose value is picked here. */
    private ChildProcess startBareServer(String name, String mode, String... optionsThenPortOption)
            throws IOException {
        int port = ChildProcess.freePort();
        List<String> args = new ArrayList<>(List.of(mode, "--config", work.resolve("config.yaml").toString()));
        args.addAll(List.of(optionsThenPortOption));
        args.add(String.valueOf(port));
        ChildProcess p = ChildProcess.start(name, benchJvm(BareCxfServer.class.getName(), List.of(),
                args.toArray(String[]::new)), port, 0, work.resolve(name + ".log"));
        running.add(p);
        return p;
    }

    /**
     * Warms the JIT up at 4 connections: at 64, the request threads leave the two compiler threads so
     * little of the two cores that compilation drags on for minutes.
     */
    private void warm(ChildProcess target, List<Workload> workloads, int seconds) throws Exception {
        int each = Math.max(1, seconds / workloads.size());
        for (Workload w : workloads) {
            wrk.run(url(target.port), body(w), w.action(), WARM_CONNECTIONS, each, null);
        }
    }

    private String wiremockStub(Workload w) {
        String body = w.stubMatch().isEmpty() ? ""
                : ",\"bodyPatterns\":[{\"contains\":\"" + w.stubMatch().replace("\"", "\\\"") + "\"}]";
        return "{\"request\":{\"method\":\"POST\",\"url\":\"" + PATH + "\",\"headers\":{\"SOAPAction\":{\"contains\":\""
                + w.action() + "\"}}" + body + "},\"response\":{\"status\":200,\"headers\":{\"Content-Type\":"
                + "\"text/xml;charset=utf-8\"},\"bodyFileName\":\"" + w.id() + ".xml\"}}\n";
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port + PATH;
    }

    /** Stands in for UNIQUE in the bodies this class posts itself (the wrk script has its own). */
    private final java.util.concurrent.atomic.AtomicLong uniques = new java.util.concurrent.atomic.AtomicLong();

    private String post(int port, Workload w) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(port))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", w.action())
                .POST(HttpRequest.BodyPublishers.ofString(Files.readString(body(w))
                        .replace("UNIQUE", "java-" + uniques.incrementAndGet()), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("port " + port + " answered " + w.id() + " with " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }

    // ------------------------------------------------------------------ scale

    private static final int SCALE_WARMUP_SECONDS = 60;

    private void scale(int seconds, int scaleJobs) throws Exception {
        log("scale: a fresh service with 1,000 jobs");
        ChildProcess server = startBenchServer("scale", "service", List.of("-Xmx12g"), "scale=1000");
        server.awaitReady(Duration.ofMinutes(2));
        Workload w = Workload.SCALE_LOOKUP;
        // both sizes are measured after the same warm-up, long enough for the JIT to settle (a fresh
        // server takes about 25 s to 80% of its rate): with 30 s before the small store and 10 s
        // after growing the large one, the comparison measured the JIT and the growth's aftermath
        wrk.run(url(server.port), body(w), w.action(), WARM_CONNECTIONS, SCALE_WARMUP_SECONDS, 1000);
        for (int round = 1; round <= 2; round++) {
            report.scaleSample(1000, 8, round, wrk.run(url(server.port), body(w), w.action(), 8, seconds, 1000));
            report.scaleSample(1000, 1, round, wrk.run(url(server.port), body(w), w.action(), 1, seconds, 1000));
        }
        report.heap(1000, server.control("histogram", Duration.ofMinutes(2)));
        for (int jobs : scaleJobs > 100_000 ? new int[] {100_000, scaleJobs} : new int[] {scaleJobs}) {
            log("scale: growing to " + jobs + " jobs");
            String grown = server.control("grow?company=scale&to=" + jobs, Duration.ofMinutes(10));
            report.growth(jobs, grown);
            report.heap(jobs, server.control("histogram", Duration.ofMinutes(2)));
        }
        wrk.run(url(server.port), body(w), w.action(), WARM_CONNECTIONS, SCALE_WARMUP_SECONDS, scaleJobs);
        for (int round = 1; round <= 2; round++) {
            report.scaleSample(scaleJobs, 8, round, wrk.run(url(server.port), body(w), w.action(), 8, seconds, scaleJobs));
            report.scaleSample(scaleJobs, 1, round, wrk.run(url(server.port), body(w), w.action(), 1, seconds, scaleJobs));
        }
        stopAll();
    }

    // ------------------------------------------------------------------ profile

    /**
     * {@code --only profile [--workload w1] [--connections 8] [--seconds 15] [--warmup 40]}: the service
     * under one workload, measured once without and once with async-profiler sampling its CPU (loaded
     * into the running JVM with jcmd), then {@link ProfileSummary} writes where the time went to
     * {@code <out>/<date>-profile-<workload>-c<C>[-label].md}; the raw profile stays in the work folder.
     */
    private void profile(Path out) throws Exception {
        String id = options.getOrDefault("workload", "w1");
        Workload w = WORKLOADS.stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no workload " + id));
        int c = option("connections", 8);
        int seconds = option("seconds", 15);
        int warmup = option("warmup", 40);
        Path lib = Path.of("target/bench/async-profiler/linux-x64/libasyncProfiler.so").toAbsolutePath();
        if (!Files.exists(lib)) {
            throw new IllegalStateException("no " + lib + ": build with -Pbench (it unpacks async-profiler there)");
        }
        ChildProcess service = startBenchServer("service", "service", List.of(), "bench=10000,twenty=20,logs=100000");
        service.awaitReady(Duration.ofMinutes(3));
        log("warming up at " + WARM_CONNECTIONS + " connections for " + warmup + " s");
        wrk.run(url(service.port), body(w), w.action(), WARM_CONNECTIONS, warmup, null);
        log(w.id() + " at C=" + c + " for " + seconds + " s, then again with the profiler");
        WrkResult plain = wrk.run(url(service.port), body(w), w.action(), c, seconds, null);
        Path collapsed = work.resolve("profile-" + w.id() + "-c" + c + ".collapsed");
        asyncProfiler(service, lib, "start,event=cpu,interval=500us,threads");
        WrkResult profiled = wrk.run(url(service.port), body(w), w.action(), c, seconds, null);
        asyncProfiler(service, lib, "stop,file=" + collapsed + ",collapsed");
        stopAll();

        String label = options.get("label");
        String name = java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "-profile-" + w.id() + "-c" + c
                + (label == null ? "" : "-" + label) + ".md";
        String md = "# Where the CPU goes: " + w.id() + " " + w.title() + ", C=" + c + "\n\n"
                + "Written by `src/bench/run.sh --only profile --workload " + w.id() + " --connections " + c
                + "` (async-profiler, CPU samples every 0.5 ms, in the service's JVM). Commit "
                + Report.command("git", "rev-parse", "--short", "HEAD").strip() + ", " + Report.cpuModel()
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, load average at start "
                + Report.loadAverage() + ".\n\n"
                + String.format("Without the profiler: %.0f req/s, p99 %.2f ms. With it: %.0f req/s, p99 %.2f ms.%n%n",
                        plain.requestsPerSecond(), plain.p99() / 1000.0, profiled.requestsPerSecond(),
                        profiled.p99() / 1000.0)
                + ProfileSummary.markdown(collapsed, "Profile");
        Files.createDirectories(out);
        Files.writeString(out.resolve(name), md, StandardCharsets.UTF_8);
        log("wrote " + out.resolve(name));
    }

    private static void asyncProfiler(ChildProcess process, Path lib, String command)
            throws IOException, InterruptedException {
        // jcmd takes a word holding '=' for one of its own name=value options unless the word is quoted
        Process jcmd = new ProcessBuilder("jcmd", String.valueOf(process.pid()), "JVMTI.agent_load", lib.toString(),
                "\"" + command + "\"").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0 || !output.contains("return code: 0")) {
            throw new IllegalStateException("async-profiler " + command + " failed: " + output);
        }
    }

    // ------------------------------------------------------------------ start-up

    /** The start-up part's name for the bare CXF endpoint (BareCxfServer startup), measured like the service. */
    static final String BARE_STARTUP = "bare CXF endpoint";

    /** A fresh server's command: {@code java -jar} with the given configuration, or the bare CXF endpoint. */
    private List<String> freshServer(String config, int port) {
        return config.equals(BARE_STARTUP)
                ? benchJvm(BareCxfServer.class.getName(), List.of(), "startup", "--port", String.valueOf(port))
                : List.of("java", "-jar", jar.toString(), "--config", work.resolve(config).toString(), "--port",
                        String.valueOf(port));
    }

    private void startup(String config, int times) throws Exception {
        log("start-up with " + config + ": java -jar to the first answer, " + times + " times");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        for (int i = 0; i < times; i++) {
            int port = ChildProcess.freePort();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url(port))).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "getActiveJobs")
                    .POST(HttpRequest.BodyPublishers.ofFile(body(Workload.STARTUP))).build();
            long t0 = System.nanoTime();
            ChildProcess p = ChildProcess.start("startup", freshServer(config, port), port, 0,
                    work.resolve("startup-" + config.replace(' ', '-') + "-" + i + ".log"));
            running.add(p);
            Double millis = null;
            while (System.nanoTime() - t0 < 30e9) {
                try {
                    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && Workload.STARTUP.answerIsRight().test(r.body())) {
                        millis = (System.nanoTime() - t0) / 1e6;
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(2);
            }
            report.startup(config, millis);
            stopAll();
        }
    }

    /**
     * How fast a fresh server gets up to speed: {@code java -jar} with the plain configuration (or, as the
     * reference, the bare CXF endpoint alone), and from its first answer on, the start-up request
     * (getActiveJobs of a company) at {@link #WARM_CONNECTIONS} connections in one-second slices, each
     * slice's rate recorded.
     */
    private void warmupCurve(boolean bare, int seconds) throws Exception {
        log("warm-up of a fresh " + (bare ? "bare CXF endpoint" : "server") + ": " + seconds
                + " one-second slices at " + WARM_CONNECTIONS + " connections");
        int port = ChildProcess.freePort();
        ChildProcess p = ChildProcess.start("warmup", freshServer(bare ? BARE_STARTUP : "config-plain-password.yaml",
                port), port, 0, work.resolve(bare ? "warmup-bare.log" : "warmup.log"));
        running.add(p);
        p.awaitReady(Duration.ofMinutes(1));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) { // the first answer, as in the start-up measure
            try {
                post(port, Workload.STARTUP);
                break;
            } catch (IOException | IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            rates.add(wrk.run(url(port), body(Workload.STARTUP), Workload.STARTUP.action(), WARM_CONNECTIONS, 1, null)
                    .requestsPerSecond());
        }
        report.warmupRates(bare, rates);
        stopAll();
    }

    /** The JUnit extension, in fresh JVMs: its first start (a suite's first class) and its second. */
    private void extensionStartup(int times) throws Exception {
        log("JUnit extension start-up, cold and warm, " + times + " fresh JVMs");
        Path junit = jar.getParent().resolve("bench/junit-jupiter-api.jar");
        for (int i = 0; i < times; i++) {
            Process p = new ProcessBuilder("java", "-cp", jar + java.io.File.pathSeparator + benchJar
                    + java.io.File.pathSeparator + junit, ExtensionStartup.class.getName(),
                    work.resolve("config-plain-password.yaml").toString(), body(Workload.STARTUP).toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("extension-" + i + ".log").toFile()).start();
            if (!p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("the extension start-up probe failed; see " + work.resolve("extension-"
                        + i + ".log"));
            }
            String out = Files.readAllLines(work.resolve("extension-" + i + ".log")).stream()
                    .filter(l -> l.startsWith("cold=")).findFirst().orElseThrow();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("cold=([\\d.]+) warm=([\\d.]+)").matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("unexpected probe output: " + out);
            }
            report.extensionStartup(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
        }
    }

    // ------------------------------------------------------------------

    private void stopAll() {
        for (ChildProcess p : running) {
            p.close();
        }
        running.clear();
    }

    static void log(String message) {
        System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), message);
    }
}
