package org.ipsjobs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Collects what the harness measured and writes it as a Markdown report and a JSON file of the raw
 * numbers, both named after the day (UTC).
 */
final class Report {

    record Sample(String target, String workload, int connections, int round, WrkResult result) {
    }

    record ScaleSample(int storedJobs, int connections, int round, WrkResult result) {
    }

    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)", Pattern.MULTILINE);

    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final Map<String, Object> environment = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();
    private final List<ScaleSample> scaleSamples = new ArrayList<>();
    private final Map<String, Integer> responseSizes = new LinkedHashMap<>();
    private final Map<Integer, Map<String, Long>> heapByClass = new LinkedHashMap<>();
    private final Map<Integer, Long> liveHeap = new LinkedHashMap<>();
    private final Map<Integer, String> growth = new LinkedHashMap<>();
    private final Map<String, List<Double>> startupMillis = new LinkedHashMap<>();
    private String storeAfterSubmits;
    private final Map<String, Map<String, Integer>> referenceResponseSizes = new LinkedHashMap<>();
    private List<String> ladderSteps = List.of();
    /** CPU µs per request of each interceptor table row's request threads, by row, one value per round. */
    private final Map<Integer, List<Double>> ladderCpu = new LinkedHashMap<>();

    /** The references the service is compared with in the main table, primary first. */
    private static final List<String> REFERENCES = List.of("bare-floor", "stack-floor", "ceiling", "wiremock");

    /** The sample target name of the interceptor table's row {@code step}. */
    static String ladderTarget(int step) {
        return "ladder-" + step;
    }

    void setting(String name, Object value) {
        settings.put(name, value);
    }

    void environment() {
        environment.put("date (UTC)", ZonedDateTime.now(ZoneOffset.UTC).withNano(0).toString());
        environment.put("commit", command("git", "rev-parse", "--short", "HEAD"));
        environment.put("cpu", cpuModel());
        environment.put("cores", Runtime.getRuntime().availableProcessors());
        environment.put("memory GiB", Math.round(((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        environment.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        environment.put("wrk", command("wrk", "-v").lines().findFirst().orElse("?").replaceAll("\\s+Copyright.*", ""));
        environment.put("load average at start", loadAverage());
    }

    void sample(String target, String workload, int connections, int round, WrkResult result) {
        samples.add(new Sample(target, workload, connections, round, result));
    }

    void scaleSample(int storedJobs, int connections, int round, WrkResult result) {
        scaleSamples.add(new ScaleSample(storedJobs, connections, round, result));
    }

    void responseSize(String workload, int bytes) {
        responseSizes.put(workload, bytes);
    }

    void referenceResponseSize(String target, String workload, int bytes) {
        referenceResponseSizes.computeIfAbsent(target, t -> new LinkedHashMap<>()).put(workload, bytes);
    }

    void ladderCpu(int step, int round, double microsPerRequest) {
        ladderCpu.computeIfAbsent(step, s -> new ArrayList<>()).add(microsPerRequest);
    }

    private double ladderCpuMedian(int step) {
        return median(ladderCpu.getOrDefault(step, List.of()));
    }

    /** The labels of the interceptor table's rows, in order. */
    void ladderSteps(List<String> labels) {
        ladderSteps = List.copyOf(labels);
    }

    void storeAfterSubmits(String countsJson) {
        storeAfterSubmits = countsJson;
    }

    void growth(int jobs, String json) {
        growth.put(jobs, json);
    }

    void heap(int jobs, String histogram) {
        Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
        if (total.find()) {
            liveHeap.put(jobs, Long.parseLong(total.group(2)));
        }
        Map<String, Long> byClass = new HashMap<>();
        for (String line : histogram.split("\n")) {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.find()) {
                byClass.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
            }
        }
        heapByClass.put(jobs, byClass);
    }

    private final List<Double> extensionCold = new ArrayList<>();
    private final List<Double> extensionWarm = new ArrayList<>();

    private final List<Double> warmupRates = new ArrayList<>();
    private final List<Double> bareWarmupRates = new ArrayList<>();

    void warmupRates(boolean bare, List<Double> rates) {
        (bare ? bareWarmupRates : warmupRates).addAll(rates);
    }

    /** The rate a fresh server settles at: the median of the last ten one-second slices. */
    private static double settledRate(List<Double> rates) {
        return median(rates.subList(Math.max(0, rates.size() - 10), rates.size()));
    }

    /** Seconds until the first slice at 80% of the settled rate (the slice's end), or NaN. */
    private static double secondsTo80Percent(List<Double> rates) {
        double settled = settledRate(rates);
        for (int i = 0; i < rates.size(); i++) {
            if (rates.get(i) >= 0.8 * settled) {
                return i + 1;
            }
        }
        return Double.NaN;
    }

    private static void warmupCurve(StringBuilder md, String what, List<Double> rates) {
        md.append(what).append(":\n\n");
        for (int i = 0; i < rates.size(); i++) {
            md.append(i == 0 ? "" : i % 10 == 0 ? ",\n" : ", ").append(String.format("%.0f", rates.get(i)));
        }
        md.append(String.format("%n%nSettled rate (median of the last ten seconds): %.0f req/s; 80%% of it first"
                + " reached after %.0f s.%n%n", settledRate(rates), secondsTo80Percent(rates)));
    }

    void extensionStartup(double coldMillis, double warmMillis) {
        extensionCold.add(coldMillis);
        extensionWarm.add(warmMillis);
    }

    void startup(String config, Double millis) {
        startupMillis.computeIfAbsent(config, c -> new ArrayList<>()).add(millis);
    }

    // ------------------------------------------------------------------ statistics

    private List<Sample> cell(String target, String workload, int c) {
        return samples.stream().filter(s -> s.target().equals(target) && s.workload().equals(workload)
                && s.connections() == c).toList();
    }

    private double median(String target, String workload, int c, ToDoubleFunction<WrkResult> value) {
        return median(cell(target, workload, c).stream().mapToDouble(s -> value.applyAsDouble(s.result())).boxed()
                .toList());
    }

    /** The median over rounds of service / reference, each pair measured back to back. */
    private double ratio(String target, String reference, String workload, int c) {
        List<Double> ratios = new ArrayList<>();
        for (Sample s : cell(target, workload, c)) {
            cell(reference, workload, c).stream().filter(r -> r.round() == s.round()).findFirst()
                    .ifPresent(r -> ratios.add(s.result().requestsPerSecond() / r.result().requestsPerSecond()));
        }
        return median(ratios);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> v != null && !v.isNaN()).sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private double scaleMedian(int jobs, int c, ToDoubleFunction<WrkResult> value) {
        return median(scaleSamples.stream().filter(s -> s.storedJobs() == jobs && s.connections() == c)
                .mapToDouble(s -> value.applyAsDouble(s.result())).boxed().toList());
    }

    private double bytesPerJob(int jobs) {
        Integer base = liveHeap.keySet().stream().min(Integer::compare).orElse(null);
        if (base == null || jobs == base || !liveHeap.containsKey(jobs)) {
            return Double.NaN;
        }
        return (liveHeap.get(jobs) - liveHeap.get(base)) / (double) (jobs - base);
    }

    // ------------------------------------------------------------------ output

    /** Writes {@code <date>.md} and {@code .json}, or {@code <date>-<label>.*} when a label is given. */
    void write(Path dir, String label) throws IOException {
        Files.createDirectories(dir);
        String day = LocalDate.now(ZoneOffset.UTC).toString() + (label == null || label.isBlank() ? "" : "-" + label);
        Files.writeString(dir.resolve(day + ".md"), markdown(), StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", settings);
        json.put("environment", environment);
        json.put("responseBytes", responseSizes);
        json.put("referenceResponseBytes", referenceResponseSizes);
        json.put("interceptorSteps", ladderSteps);
        json.put("ratios", ratiosForJson());
        json.put("samples", samples);
        json.put("storeAfterSubmits", storeAfterSubmits);
        json.put("scaleSamples", scaleSamples);
        json.put("liveHeapBytes", liveHeap);
        json.put("growth", growth);
        json.put("startupMillis", startupMillis);
        json.put("extensionStartupMillis", Map.of("cold", extensionCold, "warm", extensionWarm));
        json.put("warmupRatesPerSecond", Map.of("service", warmupRates, "bare", bareWarmupRates));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(day + ".json").toFile(), json);
        BenchRunner.log("wrote " + dir.resolve(day + ".md") + " and .json");
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results, ").append(environment.get("date (UTC)")).append("\n\n");
        md.append("Written by `src/bench/run.sh`; method and meaning in [src/bench/README.md](../README.md). ");
        md.append("Raw numbers: the `.json` file of the same name.\n\n");
        environment.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        settings.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\nEach number is the median over the rounds; ratios are taken within a round (service and "
                + "reference measured back to back) and their median is shown. Latencies in ms, measured by wrk "
                + "from send to full answer.\n\n");

        md.append("## Throughput and latency\n\n");
        md.append("The bare floor (a no-op CXF endpoint without any interceptor of ours) is the primary reference; "
                + "the stack floor is the same no-op implementation behind all of the service's interceptors.\n\n");
        md.append("| Workload | C | Service req/s | p50 | p99 | p99.9 | Bare floor req/s | ÷ bare floor "
                + "| Stack floor req/s | ÷ stack floor | Ceiling req/s | ÷ ceiling | WireMock req/s | ÷ WireMock |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Workload w : BenchRunner.WORKLOADS) {
            for (int c : BenchRunner.CONNECTIONS) {
                md.append("| ").append(w.id()).append(' ').append(w.title()).append(" | ").append(c)
                        .append(" | ").append(rate(median("service", w.id(), c, WrkResult::requestsPerSecond)))
                        .append(" | ").append(ms(median("service", w.id(), c, WrkResult::p50)))
                        .append(" | ").append(ms(median("service", w.id(), c, WrkResult::p99)))
                        .append(" | ").append(ms(median("service", w.id(), c, WrkResult::p999)));
                for (String ref : REFERENCES) {
                    md.append(" | ").append(rate(median(ref, w.id(), c, WrkResult::requestsPerSecond)))
                            .append(" | ").append(String.format("%.2f", ratio("service", ref, w.id(), c)));
                }
                md.append(" |\n");
            }
        }
        md.append("\nResponse sizes (bytes): ").append(responseSizes).append(". Errors (non-200, timeouts) over all "
                + "runs: ").append(samples.stream().mapToLong(s -> s.result().errors()).sum()).append(".\n\n");

        md.append("### The references' latency (p50 / p99 ms)\n\n| Workload | C | Bare floor | Stack floor | Ceiling "
                + "| WireMock |\n|---|--:|--:|--:|--:|--:|\n");
        for (Workload w : BenchRunner.WORKLOADS) {
            for (int c : BenchRunner.CONNECTIONS) {
                md.append("| ").append(w.id()).append(" | ").append(c);
                for (String ref : REFERENCES) {
                    md.append(" | ").append(ms(median(ref, w.id(), c, WrkResult::p50))).append(" / ")
                            .append(ms(median(ref, w.id(), c, WrkResult::p99)));
                }
                md.append(" |\n");
            }
        }

        md.append(bigAnswers());
        md.append(interceptorCosts());

        md.append("\n### What the shipped request log costs\n\nThe service with the shipped logback configuration "
                + "(one INFO line per request through the async appender) against the same JVM with only "
                + "`org.ipsjobs.requests` switched off, measured back to back at C=64:\n\n"
                + "| Workload | Shipped req/s | Request log off req/s | Shipped ÷ off |\n|---|--:|--:|--:|\n");
        for (String w : List.of("w1", "w2")) {
            md.append("| ").append(w).append(" | ").append(rate(median("service", w, 64, WrkResult::requestsPerSecond)))
                    .append(" | ").append(rate(median("service-no-request-log", w, 64, WrkResult::requestsPerSecond)))
                    .append(" | ").append(String.format("%.2f", ratio("service", "service-no-request-log", w, 64)))
                    .append(" |\n");
        }
        md.append('\n');

        long submits = samples.stream().filter(s -> s.target().equals("service") && s.workload().equals("w3"))
                .mapToLong(s -> s.result().requests()).sum();
        md.append("### Store after the submitJob runs\n\n").append(submits).append(" submitJob requests answered "
                + "during measurement (plus warm-up); the service's store then held ").append(storeAfterSubmits)
                .append(" (runs still listed, logs), preloaded ones included.\n\n");

        md.append("## Scale\n\n| Finished jobs stored | Live heap MB (after full GC) | Heap per job, bytes |\n|--:|--:|--:|\n");
        for (Map.Entry<Integer, Long> e : liveHeap.entrySet()) {
            md.append("| ").append(String.format("%,d", e.getKey())).append(" | ")
                    .append(String.format("%.0f", e.getValue() / 1048576.0)).append(" | ")
                    .append(Double.isNaN(bytesPerJob(e.getKey())) ? "(baseline)" : String.format("%.0f", bytesPerJob(e.getKey())))
                    .append(" |\n");
        }
        md.append("\nGrowing the store in process took: ").append(growth).append(".\n\n");
        md.append(topClassesPerJob());
        md.append("\n| Lookups by random jobHandle | C | req/s | p50 | p99 | p99.9 |\n|---|--:|--:|--:|--:|--:|\n");
        List<Integer> sizes = scaleSamples.stream().map(ScaleSample::storedJobs).distinct().sorted().toList();
        for (int jobs : sizes) {
            for (int c : new int[] {8, 1}) {
                md.append("| ").append(String.format("%,d", jobs)).append(" jobs stored | ").append(c).append(" | ")
                        .append(rate(scaleMedian(jobs, c, WrkResult::requestsPerSecond))).append(" | ")
                        .append(ms(scaleMedian(jobs, c, WrkResult::p50))).append(" | ")
                        .append(ms(scaleMedian(jobs, c, WrkResult::p99))).append(" | ")
                        .append(ms(scaleMedian(jobs, c, WrkResult::p999))).append(" |\n");
            }
        }

        md.append("\n## Start-up\n\n`java -jar target/ips-job-service.jar --config FILE --port N` until the first "
                + "answered getActiveJobs (a fresh JVM each time):\n\n| Configuration | Runs | Median ms | Fastest | Slowest |\n"
                + "|---|--:|--:|--:|--:|\n");
        List<Double> plainStartups = List.of();
        for (Map.Entry<String, List<Double>> e : startupMillis.entrySet()) {
            List<Double> runs = e.getValue().stream().filter(v -> v != null).sorted().toList();
            if (e.getKey().contains("plain")) {
                plainStartups = runs;
            }
            md.append("| ").append(e.getKey().contains("plain") ? "plain-text password"
                    : e.getKey().equals(BenchRunner.BARE_STARTUP)
                            ? "reference: the bare CXF endpoint alone (`BareCxfServer startup`: the same WSDL, port type and Jetty, no configuration file, store, metrics or interceptor of ours; `java -cp` with the same jar)"
                            : "PBKDF2-hashed password (checked once on the first request)")
                    .append(" | ").append(e.getValue().size()).append(" | ").append(String.format("%.0f", median(runs)))
                    .append(" | ").append(runs.isEmpty() ? "?" : String.format("%.0f", runs.get(0))).append(" | ")
                    .append(runs.isEmpty() ? "?" : String.format("%.0f", runs.get(runs.size() - 1))).append(" |\n");
        }
        if (!extensionCold.isEmpty()) {
            md.append("\nThe JUnit 5 extension (`IpsJobServiceExtension`, in process), until the first answered"
                    + " getActiveJobs: its first start in a fresh JVM (a suite's first test class; the JVM's own"
                    + " start not counted) and its second in the same JVM (the next test class):\n\n"
                    + "| Start | Runs | Median ms | Fastest | Slowest |\n|---|--:|--:|--:|--:|\n");
            for (Map.Entry<String, List<Double>> e : Map.of("cold (first class)", extensionCold,
                    "warm (next class)", extensionWarm).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                List<Double> runs = e.getValue().stream().sorted().toList();
                md.append("| ").append(e.getKey()).append(" | ").append(runs.size()).append(" | ")
                        .append(String.format("%.0f", median(runs))).append(" | ")
                        .append(String.format("%.0f", runs.get(0))).append(" | ")
                        .append(String.format("%.0f", runs.get(runs.size() - 1))).append(" |\n");
            }
        }
        if (!warmupRates.isEmpty()) {
            md.append("\n### Warm-up\n\nA fresh server, from its first answer on, asked getActiveJobs of a company"
                    + " at 4 connections in one-second slices; its rate (req/s) in each second.\n\n");
            warmupCurve(md, "The service (`java -jar`, plain-text password configuration)", warmupRates);
            if (!bareWarmupRates.isEmpty()) {
                warmupCurve(md, "Reference: the bare CXF endpoint alone (`BareCxfServer startup`)", bareWarmupRates);
            }
        }
        md.append('\n');
        List<Double> startups = plainStartups;
        md.append(targets(sizes, startups));
        double ceilingBest = median("ceiling", "w1", 64, WrkResult::requestsPerSecond);
        double serviceBest = BenchRunner.WORKLOADS.stream()
                .mapToDouble(w -> median("service", w.id(), 64, WrkResult::requestsPerSecond)).max().orElse(Double.NaN);
        double floorBest = BenchRunner.WORKLOADS.stream()
                .mapToDouble(w -> median("bare-floor", w.id(), 64, WrkResult::requestsPerSecond)).max().orElse(Double.NaN);
        md.append("\n## Is the load generator the limit?\n\nThe same wrk drove the canned-bytes Jetty at ")
                .append(rate(ceilingBest)).append(" req/s (w1, C=64): ")
                .append(String.format("%.1f", ceilingBest / serviceBest)).append("× the service's fastest workload and ")
                .append(String.format("%.1f", ceilingBest / floorBest))
                .append("× the bare floor's fastest, on the same two cores. When both are well above 1, the generator is"
                        + " not what limits the service or the bare floor.\n");
        return md.toString();
    }

    /** Service against a bare CXF endpoint returning a prebuilt answer of the same size, and WireMock. */
    private String bigAnswers() {
        StringBuilder md = new StringBuilder("\n### Big answers against a bare CXF endpoint marshalling the same answer\n\n"
                + "The reference returns the service's own answer, unmarshalled once at its start, on every call, "
                + "so CXF and JAXB marshal it per request; nothing else runs. Answer sizes (bytes): service "
                + responseSizes + ", prebuilt " + referenceResponseSizes.getOrDefault("bare-prebuilt", Map.of())
                + ".\n\n| Workload | C | Service req/s | Prebuilt req/s | ÷ prebuilt | WireMock req/s | ÷ WireMock "
                + "| Prebuilt p50 / p99 ms |\n|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Workload w : BenchRunner.BIG_ANSWERS) {
            for (int c : BenchRunner.CONNECTIONS) {
                md.append("| ").append(w.id()).append(' ').append(w.title()).append(" | ").append(c).append(" | ")
                        .append(rate(median("service", w.id(), c, WrkResult::requestsPerSecond))).append(" | ")
                        .append(rate(median("bare-prebuilt", w.id(), c, WrkResult::requestsPerSecond))).append(" | ")
                        .append(String.format("%.2f", ratio("service", "bare-prebuilt", w.id(), c))).append(" | ")
                        .append(rate(median("wiremock", w.id(), c, WrkResult::requestsPerSecond))).append(" | ")
                        .append(String.format("%.2f", ratio("service", "wiremock", w.id(), c))).append(" | ")
                        .append(ms(median("bare-prebuilt", w.id(), c, WrkResult::p50))).append(" / ")
                        .append(ms(median("bare-prebuilt", w.id(), c, WrkResult::p99))).append(" |\n");
            }
        }
        return md.toString();
    }

    /** The bare floor with the service's interceptor groups added one at a time. */
    private String interceptorCosts() {
        if (ladderSteps.isEmpty()) {
            return "";
        }
        String w = BenchRunner.LADDER_WORKLOAD.id();
        int c = BenchRunner.LADDER_CONNECTIONS;
        StringBuilder md = new StringBuilder("\n### What each of our interceptors costs\n\nThe bare floor with the "
                + "service's interceptor groups added in turn, each row one group more than the row above (all rows "
                + "in one JVM, one Jetty each, measured in one sweep per round: upwards in odd rounds, downwards in "
                + "even ones), " + w + " at C=" + c + ". \"÷ previous\" is the row's rate over the previous row's "
                + "within a round (median over rounds): 0.90 means the group takes 10% of the rate it is added to. "
                + "\"CPU µs/request\" is the CPU time of that row's request threads (from /proc) per answered request, "
                + "median over rounds: it varies less than req/s when other work shares the cores, but leaves out "
                + "work done on other threads (the async log appender, GC, JIT).\n\n"
                + "| Step | req/s | ÷ previous | ÷ bare | CPU µs/request | + µs on previous | p50 / p99 ms |\n"
                + "|---|--:|--:|--:|--:|--:|--:|\n");
        for (int i = 0; i < ladderSteps.size(); i++) {
            String target = ladderTarget(i);
            md.append("| ").append(i).append(". ").append(ladderSteps.get(i)).append(" | ")
                    .append(rate(median(target, w, c, WrkResult::requestsPerSecond))).append(" | ")
                    .append(i == 0 ? "–" : String.format("%.2f", ratio(target, ladderTarget(i - 1), w, c))).append(" | ")
                    .append(String.format("%.2f", ratio(target, ladderTarget(0), w, c))).append(" | ")
                    .append(String.format("%.0f", ladderCpuMedian(i))).append(" | ")
                    .append(i == 0 ? "–" : String.format("%+.0f", ladderCpuMedian(i) - ladderCpuMedian(i - 1)))
                    .append(" | ")
                    .append(ms(median(target, w, c, WrkResult::p50))).append(" / ")
                    .append(ms(median(target, w, c, WrkResult::p99))).append(" |\n");
        }
        String last = ladderTarget(ladderSteps.size() - 1);
        md.append("\nSanity checks, same round but not back to back: the ladder's bare row ÷ the bare floor's own JVM ")
                .append(String.format("%.2f", ratio(ladderTarget(0), "bare-floor", w, c)))
                .append("; the ladder's last row ÷ the stack floor (IpsJobServer with the no-op implementation) ")
                .append(String.format("%.2f", ratio(last, "stack-floor", w, c))).append(".\n");
        return md.toString();
    }

    /** The report's ratios, for the JSON: service ÷ each reference, and the interceptor table. */
    private Map<String, Object> ratiosForJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String ref : List.of("bare-floor", "stack-floor", "bare-prebuilt", "ceiling", "wiremock")) {
            Map<String, Object> byCell = new LinkedHashMap<>();
            for (Workload w : BenchRunner.WORKLOADS) {
                for (int c : BenchRunner.CONNECTIONS) {
                    double r = ratio("service", ref, w.id(), c);
                    if (!Double.isNaN(r)) {
                        byCell.put(w.id() + " C=" + c, round3(r));
                    }
                }
            }
            out.put("service ÷ " + ref, byCell);
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        String w = BenchRunner.LADDER_WORKLOAD.id();
        int c = BenchRunner.LADDER_CONNECTIONS;
        for (int i = 0; i < ladderSteps.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", ladderSteps.get(i));
            row.put("requestsPerSecond", round3(median(ladderTarget(i), w, c, WrkResult::requestsPerSecond)));
            row.put("ratioToPrevious", i == 0 ? null : round3(ratio(ladderTarget(i), ladderTarget(i - 1), w, c)));
            row.put("ratioToBare", round3(ratio(ladderTarget(i), ladderTarget(0), w, c)));
            row.put("requestThreadCpuMicrosPerRequest", ladderCpu.getOrDefault(i, List.of()));
            steps.add(row);
        }
        out.put("interceptorTable " + w + " C=" + c, steps);
        return out;
    }

    /** Three decimals, or null when there is no number (JSON has no NaN). */
    private static Double round3(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0;
    }

    private String topClassesPerJob() {
        List<Integer> sizes = new ArrayList<>(heapByClass.keySet());
        if (sizes.size() < 2) {
            return "";
        }
        int base = sizes.get(0);
        int top = sizes.get(sizes.size() - 1);
        Map<String, Long> delta = new HashMap<>();
        heapByClass.get(top).forEach((k, v) -> delta.put(k, v - heapByClass.get(base).getOrDefault(k, 0L)));
        StringBuilder md = new StringBuilder("Where the heap per job goes (growth from " + String.format("%,d", base)
                + " to " + String.format("%,d", top) + " jobs, bytes per job): ");
        delta.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(12)
                .forEach(e -> md.append('`').append(e.getKey().replaceAll(".*\\.", "")).append("` ")
                        .append(String.format("%.0f", e.getValue() / (double) (top - base))).append(", "));
        md.setLength(md.length() - 2);
        return md.append(".\n").toString();
    }

    private String targets(List<Integer> sizes, List<Double> startups) {
        StringBuilder md = new StringBuilder("## Targets\n\n| Target | Measured | Met |\n|---|--:|:-:|\n");
        // issue 14's targets: the bare floor and the prebuilt-answer endpoint are the references
        for (int c : new int[] {64, 8}) {
            target(md, "w1 at C=" + c + " ≥ 0.8 × bare floor", ratio("service", "bare-floor", "w1", c), 0.8, true);
            target(md, "w1 at C=" + c + " ≥ 1.0 × WireMock", ratio("service", "wiremock", "w1", c), 1.0, true);
        }
        for (Workload w : BenchRunner.BIG_ANSWERS) {
            target(md, w.id() + " at C=64 ≥ 0.8 × bare CXF with a prebuilt answer",
                    ratio("service", "bare-prebuilt", w.id(), 64), 0.8, true);
            target(md, w.id() + " at C=64 ≥ 1.0 × WireMock", ratio("service", "wiremock", w.id(), 64), 1.0, true);
        }
        for (Workload w : BenchRunner.WORKLOADS) {
            target(md, w.id() + " p99 at C=8 < 5 ms", median("service", w.id(), 8, WrkResult::p99) / 1000, 5, false);
        }
        int top = sizes.isEmpty() ? 0 : sizes.get(sizes.size() - 1);
        if (!liveHeap.isEmpty()) { // the scale part ran
            target(md, "heap per finished job ≤ 1 KB (at " + String.format("%,d", top) + ")", bytesPerJob(top), 1024, false);
        }
        if (sizes.size() >= 2) {
            double p99small = scaleMedian(sizes.get(0), 8, WrkResult::p99);
            double p99large = scaleMedian(top, 8, WrkResult::p99);
            target(md, "lookup p99 (C=8) at " + String.format("%,d", top) + " ≤ 1.2 × at " + String.format("%,d", sizes.get(0)),
                    p99large / p99small, 1.2, false);
        }
        if (!startups.isEmpty()) { // the start-up part ran
            target(md, "start-up to first answer < 1000 ms (median, plain-text password)", median(startups), 1000, false);
        }
        if (!warmupRates.isEmpty()) {
            target(md, "fresh server at 4 connections: 80% of its settled rate within 10 s (seconds taken)",
                    secondsTo80Percent(warmupRates), 10, false);
        }
        if (!extensionWarm.isEmpty()) {
            target(md, "JUnit extension, warm start to first answer < 1000 ms (median)",
                    median(extensionWarm.stream().sorted().toList()), 1000, false);
        }
        return md.toString();
    }

    private static void target(StringBuilder md, String name, double value, double limit, boolean atLeast) {
        boolean met = atLeast ? value >= limit : value <= limit;
        md.append("| ").append(name).append(" | ").append(String.format(value >= 100 ? "%.0f" : "%.2f", value))
                .append(" | ").append(Double.isNaN(value) ? "?" : met ? "yes" : "**no**").append(" |\n");
    }

    private static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "–" : String.format("%,.0f", perSecond);
    }

    private static String ms(double micros) {
        return Double.isNaN(micros) ? "–" : String.format(micros < 10_000 ? "%.2f" : "%.1f", micros / 1000);
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.replaceFirst("model name\\s*:\\s*", "")).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
