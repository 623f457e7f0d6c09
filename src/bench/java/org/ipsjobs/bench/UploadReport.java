package org.ipsjobs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Collects the upload benchmark's measurements and writes them as {@code <day>-upload.md} (medians
 * over the rounds, and each round) and {@code <day>-upload.json} (every measurement).
 */
final class UploadReport {

    /** The ratio the issue aims for: the service's MB/s at least half of curl's. */
    static final double TARGET_RATIO = 0.5;

    /** One measured fetch of one set by one side; the memory fields are for the service only. */
    record Sample(String side, String set, int round, int files, long fileBytes, double seconds, double filesPerSecond,
            double mbPerSecond, Double cpuSeconds, Double rssBeforeJobMb, Double peakRssMb, Double heapBeforeGcMb,
            Double heapAfterGcMb, Integer collections, Map<String, Double> cpuSecondsByThread) {
    }

    private final Map<String, Object> environment = new LinkedHashMap<>();
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    void environment(String curlVersion) {
        environment.put("date (UTC)", ZonedDateTime.now(ZoneOffset.UTC).withNano(0).toString());
        environment.put("commit", Report.command("git", "rev-parse", "--short", "HEAD"));
        environment.put("cpu", Report.cpuModel());
        environment.put("cores", Runtime.getRuntime().availableProcessors());
        environment.put("memory GiB", Math.round(((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        environment.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        environment.put("curl", curlVersion);
        environment.put("load average at start", Report.loadAverage());
    }

    void setting(String name, Object value) {
        settings.put(name, value);
    }

    void service(int round, UploadFileSet set, double seconds, double cpu, double rssBefore, double peakRss,
            ProcessFacts.HeapPeaks heap, Map<String, Double> threads) {
        samples.add(new Sample("service", set.name, round, set.count, set.fileBytes, seconds, set.count / seconds,
                set.totalBytes() / seconds / 1e6, cpu, rssBefore, peakRss, heap.beforeGcMb(), heap.afterGcMb(),
                heap.collections(), threads));
    }

    void curl(int round, UploadFileSet set, double seconds) {
        samples.add(new Sample("curl", set.name, round, set.count, set.fileBytes, seconds, set.count / seconds,
                set.totalBytes() / seconds / 1e6, null, null, null, null, null, null, null));
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String day = ZonedDateTime.now(ZoneOffset.UTC).toLocalDate().toString();
        Files.writeString(dir.resolve(day + "-upload.md"), markdown());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("environment", environment);
        json.put("settings", settings);
        json.put("samples", samples);
        json.put("summary", summary());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(day + "-upload.json")
                .toFile(), json);
        UploadBench.log("wrote " + dir.resolve(day + "-upload.md") + " and .json");
    }

    // ------------------------------------------------------------------ summary

    private List<String> sets() {
        return samples.stream().map(Sample::set).distinct().toList();
    }

    private List<Sample> of(String side, String set) {
        return samples.stream().filter(s -> s.side().equals(side) && s.set().equals(set)).toList();
    }

    /** Service ÷ curl MB/s for each round in which both measured the set. */
    private List<Double> ratios(String set) {
        List<Double> ratios = new ArrayList<>();
        for (Sample service : of("service", set)) {
            of("curl", set).stream().filter(c -> c.round() == service.round()).findFirst()
                    .ifPresent(curl -> ratios.add(service.mbPerSecond() / curl.mbPerSecond()));
        }
        return ratios;
    }

    private Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String set : sets()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("serviceFilesPerSecond", median(of("service", set), Sample::filesPerSecond));
            s.put("serviceMBPerSecond", median(of("service", set), Sample::mbPerSecond));
            s.put("curlFilesPerSecond", median(of("curl", set), Sample::filesPerSecond));
            s.put("curlMBPerSecond", median(of("curl", set), Sample::mbPerSecond));
            s.put("ratioMBPerSecond", medianOf(ratios(set)));
            s.put("servicePeakRssMb", median(of("service", set), Sample::peakRssMb));
            s.put("serviceHeapBeforeGcMb", median(of("service", set), Sample::heapBeforeGcMb));
            s.put("serviceHeapAfterGcMb", median(of("service", set), Sample::heapAfterGcMb));
            s.put("serviceCpuSeconds", median(of("service", set), Sample::cpuSeconds));
            summary.put(set, s);
        }
        return summary;
    }

    private static double median(List<Sample> samples, ToDoubleFunction<Sample> value) {
        return medianOf(samples.stream().mapToDouble(value).boxed().toList());
    }

    private static double medianOf(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    // ------------------------------------------------------------------ markdown

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Upload throughput, ").append(environment.get("date (UTC)")).append("\n\n");
        md.append("Written by `src/bench/upload.sh`; method in [src/bench/README.md](../README.md#upload-throughput). ")
                .append("Raw numbers: the `.json` file of the same name.\n\n");
        environment.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        settings.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\nMedians over the rounds; the ratio is service ÷ curl MB/s taken within each round, then the median.\n\n");
        md.append("| Set | Service files/s | Service MB/s | curl files/s | curl MB/s | Service ÷ curl (MB/s) | Target ≥ ")
                .append(TARGET_RATIO).append(" |\n|---|--:|--:|--:|--:|--:|:-:|\n");
        for (String set : sets()) {
            double ratio = medianOf(ratios(set));
            md.append("| ").append(title(set)).append(" | ").append(f(median(of("service", set), Sample::filesPerSecond)))
                    .append(" | ").append(f(median(of("service", set), Sample::mbPerSecond)))
                    .append(" | ").append(f(median(of("curl", set), Sample::filesPerSecond)))
                    .append(" | ").append(f(median(of("curl", set), Sample::mbPerSecond)))
                    .append(" | ").append(String.format("%.2f", ratio))
                    .append(" | ").append(ratio >= TARGET_RATIO ? "met" : "**missed**").append(" |\n");
        }
        md.append("\nThe service's memory during the measured job (a fresh JVM per measurement, after a warm-up job; ")
                .append("heap peaks from its GC log, over the collections during the job):\n\n");
        md.append("| Set | Peak RSS MB | RSS peak before the job MB | Heap peak before GC MB | Heap peak after GC MB | ")
                .append("Collections | Service CPU s per job |\n|---|--:|--:|--:|--:|--:|--:|\n");
        for (String set : sets()) {
            List<Sample> s = of("service", set);
            md.append("| ").append(title(set)).append(" | ").append(f(median(s, Sample::peakRssMb)))
                    .append(" | ").append(f(median(s, Sample::rssBeforeJobMb)))
                    .append(" | ").append(f(median(s, Sample::heapBeforeGcMb)))
                    .append(" | ").append(f(median(s, Sample::heapAfterGcMb)))
                    .append(" | ").append(f(median(s, Sample::collections)))
                    .append(" | ").append(String.format("%.2f", median(s, Sample::cpuSeconds))).append(" |\n");
        }
        md.append("\nEach measurement:\n\n| Round | Set | Side | Seconds | files/s | MB/s | Peak RSS MB | Heap after GC MB |\n")
                .append("|--:|---|---|--:|--:|--:|--:|--:|\n");
        for (Sample s : samples) {
            md.append("| ").append(s.round()).append(" | ").append(s.set()).append(" | ").append(s.side())
                    .append(" | ").append(String.format("%.2f", s.seconds())).append(" | ").append(f(s.filesPerSecond()))
                    .append(" | ").append(f(s.mbPerSecond())).append(" | ")
                    .append(s.peakRssMb() == null ? "" : f(s.peakRssMb())).append(" | ")
                    .append(s.heapAfterGcMb() == null ? "" : f(s.heapAfterGcMb())).append(" |\n");
        }
        return md.toString();
    }

    private String title(String set) {
        Sample any = samples.stream().filter(s -> s.set().equals(set)).findFirst().orElseThrow();
        return String.format("%s: %,d files of %,d bytes", set, any.files(), any.fileBytes());
    }

    private static String f(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value >= 100 ? String.format("%,.0f", value) : String.format("%.1f", value);
    }
}
