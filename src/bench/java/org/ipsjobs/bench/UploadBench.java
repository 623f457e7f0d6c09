package org.ipsjobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ipsjobs.auth.Pbkdf2Password;

/**
 * The upload throughput benchmark of issue 12: the real service fetching a set of files from a local
 * file server with one uploadUrlsJob, beside curl fetching the same files from the same server; files
 * per second, MB per second and the service's memory, for many small files and a few large ones.
 * Started by src/bench/upload.sh after the build; method and results in src/bench/README.md.
 *
 * <p>Options: {@code --rounds N} (3), {@code --max-heap SIZE} for the service JVM (256m), {@code
 * --small-files N} (1000), {@code --large-files N} (20), {@code --warmup-small N} (1000) and {@code --warmup-large N} (2) files in the warm-up job, {@code
 * --out DIR} (src/bench/results), {@code --jvm-option OPTION} added to the service's JVM (to profile
 * it, say), {@code --profile DIR} (a flight recording of each measured job, in DIR).
 */
public final class UploadBench {

    static final String COMPANY = "bench";
    static final String ROOT_FOLDER = "Bench";
    private static final long SMALL_BYTES = 100_000;
    private static final long LARGE_BYTES = 20_000_000;
    private static final Duration JOB_LIMIT = Duration.ofMinutes(5);

    private final Map<String, String> options;
    private final Path work = Path.of("target/bench/work/upload").toAbsolutePath();
    private final Path sources = work.resolve("files");
    private final Path store = work.resolve("store");
    private final Path curlOut = work.resolve("curl");
    private final Path jar = Path.of("target/ips-job-service.jar").toAbsolutePath();
    private final UploadReport report = new UploadReport();
    private ChildProcess fileServer;
    private Path profiles;

    private UploadBench(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        UploadBench bench = new UploadBench(options);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopFileServer));
        bench.run();
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        int rounds = option("rounds", 3);
        int warmupSmall = option("warmup-small", 1000);
        int warmupLarge = option("warmup-large", 2);
        String maxHeap = options.getOrDefault("max-heap", "256m");
        List<String> jvmOptions = options.containsKey("jvm-option") ? List.of(options.get("jvm-option")) : List.of();
        if (options.containsKey("profile")) {
            profiles = Path.of(options.get("profile")).toAbsolutePath();
            Files.createDirectories(profiles);
        }
        report.environment(CurlFetch.version());
        report.setting("rounds", rounds);
        report.setting("service max heap", maxHeap);
        report.setting("warm-up job per service JVM", warmupSmall + " small and " + warmupLarge + " large files");
        report.setting("service JVM options added", String.join(" ", jvmOptions));

        UploadFileSet small = new UploadFileSet("small", option("small-files", 1000), SMALL_BYTES, sources.resolve("small"));
        UploadFileSet large = new UploadFileSet("large", option("large-files", 20), LARGE_BYTES, sources.resolve("large"));
        log("generating the files (kept for later runs) under " + sources);
        small.generate(1);
        large.generate(2);
        Path config = writeConfig();
        startFileServer();

        for (int round = 1; round <= rounds; round++) {
            for (UploadFileSet set : List.of(small, large)) {
                // alternate who goes first, so a drift in the machine's speed does not favour one side
                boolean serviceFirst = round % 2 == 1;
                for (int turn = 0; turn < 2; turn++) {
                    if ((turn == 0) == serviceFirst) {
                        measureService(round, set, warmup(small, warmupSmall, large, warmupLarge), config, maxHeap,
                                jvmOptions);
                    } else {
                        measureCurl(round, set);
                    }
                }
            }
        }
        report.setting("total minutes", String.format("%.1f", (System.nanoTime() - started) / 60e9));
        report.write(Path.of(options.getOrDefault("out", "src/bench/results")));
    }

    // ------------------------------------------------------------------ the two sides

    /** The URLs of the warm-up job: the first files of each set. */
    private List<String> warmup(UploadFileSet small, int smallFiles, UploadFileSet large, int largeFiles) {
        List<String> urls = new java.util.ArrayList<>(urls(small).subList(0, Math.min(smallFiles, small.count)));
        urls.addAll(urls(large).subList(0, Math.min(largeFiles, large.count)));
        return urls;
    }

    private void measureService(int round, UploadFileSet set, List<String> warmupUrls, Path config, String maxHeap,
            List<String> jvmOptions) throws IOException, InterruptedException {
        deleteTree(store);
        try (UploadService service = UploadService.start(jar, config, maxHeap, jvmOptions, work, COMPANY)) {
            if (!warmupUrls.isEmpty()) {
                // a fresh JVM interprets and compiles for a while: the warm-up job, into a folder of its
                // own, brings it to the steady state a running service is in before the measured job
                Instant started = Instant.now();
                String warmup = service.client().submit("warm-up " + round + " " + set.name, warmupUrls, "warmup/");
                Instant ended = service.awaitEnd(warmup, JOB_LIMIT);
                log(String.format("round %d %s service: warm-up job of %d files, %.1f s, log counts %s", round,
                        set.name, warmupUrls.size(), Duration.between(started, ended).toMillis() / 1000.0,
                        service.client().counts(warmup)));
            }
            Path recording = profiles == null ? null : profiles.resolve("service-" + set.name + "-r" + round + ".jfr");
            if (recording != null) {
                service.startRecording(recording);
            }
            int gcLinesBefore = Files.readAllLines(service.gcLog).size();
            double rssBefore = ProcessFacts.peakRssMb(service.pid());
            double cpuBefore = ProcessFacts.cpuSeconds(service.pid());
            Map<String, Double> threadsBefore = ThreadCpu.snapshot(service.pid());

            // from just before the submitJob request to the end time in the job's log, both on this
            // machine's wall clock
            Instant submitted = Instant.now();
            String job = service.client().submit("upload " + round + " " + set.name, urls(set), "measured/");
            Instant ended = service.awaitEnd(job, JOB_LIMIT);
            double seconds = Duration.between(submitted, ended).toNanos() / 1e9;
            String state = service.client().state(job);
            if (!"Done".equals(state)) {
                throw new IllegalStateException("the job has its log but getActiveJobs says '" + state + "', not Done");
            }

            double cpu = ProcessFacts.cpuSeconds(service.pid()) - cpuBefore;
            Map<String, Double> threads = ThreadCpu.between(threadsBefore, ThreadCpu.snapshot(service.pid()));
            if (recording != null) {
                service.stopRecording();
            }
            double peakRss = ProcessFacts.peakRssMb(service.pid());
            ProcessFacts.HeapPeaks heap = ProcessFacts.heapPeaks(service.gcLog, gcLinesBefore);
            UploadJobClient.LogCounts counts = service.client().counts(job);
            if (counts.success() != set.count || counts.errors() != 0 || counts.warnings() != 0) {
                throw new IllegalStateException("the service's job log for " + set.name + " counts " + counts
                        + ", expected " + set.count + " uploaded without errors or warnings; see " + work.resolve("service.log"));
            }
            checkSizes(set, store.resolve(ROOT_FOLDER).resolve("measured"));
            report.service(round, set, seconds, cpu, rssBefore, peakRss, heap, threads);
            log(String.format("round %d %s service: %.2f s, %.1f MB/s, peak RSS %.0f MB (%.0f before the job), "
                    + "heap peak %.0f MB before GC / %.0f MB after GC over %d collections, %.2f CPU s", round, set.name,
                    seconds, set.totalBytes() / seconds / 1e6, peakRss, rssBefore, heap.beforeGcMb(),
                    heap.afterGcMb(), heap.collections(), cpu));
            log("  CPU seconds by service thread during the job: " + threads);
        } finally {
            deleteTree(store);
        }
    }

    private void measureCurl(int round, UploadFileSet set) throws IOException, InterruptedException {
        deleteTree(curlOut);
        try {
            double seconds = CurlFetch.fetch(urls(set), set.fileNames(), curlOut, work);
            checkSizes(set, curlOut);
            report.curl(round, set, seconds);
            log(String.format("round %d %s curl: %.2f s, %.1f MB/s", round, set.name, seconds,
                    set.totalBytes() / seconds / 1e6));
        } finally {
            deleteTree(curlOut);
        }
    }

    /** Every file of the set is in the folder, whole. */
    private static void checkSizes(UploadFileSet set, Path folder) throws IOException {
        for (String name : set.fileNames()) {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file) || Files.size(file) != set.fileBytes) {
                throw new IllegalStateException(file + " is missing or not " + set.fileBytes + " bytes");
            }
        }
    }

    // ------------------------------------------------------------------ set-up

    private List<String> urls(UploadFileSet set) {
        String base = "http://127.0.0.1:" + fileServer.port + "/" + set.folder.getFileName() + "/";
        return set.fileNames().stream().map(name -> base + name).toList();
    }

    private void startFileServer() throws IOException, InterruptedException {
        int port = ChildProcess.freePort();
        fileServer = ChildProcess.start("file server", List.of("java", "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), StaticFileServer.class.getName(), String.valueOf(port),
                sources.toString()), port, 0, work.resolve("file-server.log"));
        fileServer.awaitReady(Duration.ofSeconds(30));
    }

    private void stopFileServer() {
        if (fileServer != null) {
            fileServer.close();
        }
    }

    /** The service's configuration: real runners (the default), its store under the work folder. */
    private Path writeConfig() throws IOException {
        String hash = Pbkdf2Password.hash(BenchRunner.PASSWORD.toCharArray(), new SecureRandom());
        Path config = work.resolve("config.yaml");
        Files.writeString(config, String.join("\n",
                "# written by the upload benchmark (UploadBench)",
                "server:", "  name: upload-bench", "  timeZone: UTC",
                "companies:", "  - handle: " + COMPANY, "    name: " + ROOT_FOLDER, "    rootPath: \"" + ROOT_FOLDER + "/\"",
                "users:",
                "  - email: " + BenchRunner.USER, "    password: \"" + hash + "\"", "    role: IpsAdmin",
                "    companies: [" + COMPANY + "]",
                "jobs:", "  runner: real", "  doneLinger: 1h", "  maxWorkItems: 1100",
                "assets:", "  root: " + store,
                "uploads:", "  dropRoot: " + work.resolve("drop"),
                "publish:", "  root: " + work.resolve("publish"), "  exportRoot: " + work.resolve("export"),
                ""));
        return config;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void log(String message) {
        BenchRunner.log(message);
    }
}
