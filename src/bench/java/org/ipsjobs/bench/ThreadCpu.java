package org.ipsjobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU seconds per thread of a process, by thread name with the numbers taken out ({@code
 * HttpClient-1-Worker-3} counts as {@code HttpClient-N-Worker-N}), from /proc. The difference of two
 * snapshots says which threads did the work in between: the job's worker, the HTTP client, the
 * garbage collector or the JIT compilers, which a sampling profiler of Java code does not show.
 */
final class ThreadCpu {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private ThreadCpu() {
    }

    static Map<String, Double> snapshot(long pid) throws IOException {
        Map<String, Double> seconds = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "N");
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
                seconds.merge(name, cpu, Double::sum);
            }
        }
        return seconds;
    }

    /** What each thread group used between the snapshots, largest first, groups under 0.05 s left out. */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> used.put(e.getKey(), Math.round(e.getValue() * 100) / 100.0));
        return used;
    }
}
