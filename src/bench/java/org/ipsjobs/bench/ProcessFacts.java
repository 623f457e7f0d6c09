package org.ipsjobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Linux and the JVM's GC log say about a process's memory and CPU: enough to tell whether the
 * service's memory grows with the size of the files it uploads.
 */
final class ProcessFacts {

    /** A G1 pause line of {@code -Xlog:gc}: heap before -> after (committed). */
    private static final Pattern PAUSE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private ProcessFacts() {
    }

    /** Heap figures from a GC log, in MB: the most in use before a collection and the most left after one. */
    record HeapPeaks(double beforeGcMb, double afterGcMb, int collections) {
    }

    /** Peak resident set size (VmHWM) in MB: the most physical memory the process has held. */
    static double peakRssMb(long pid) throws IOException {
        return statusKb(pid, "VmHWM:") / 1024.0;
    }

    /** User plus system CPU seconds the process has used so far. */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // fields after the command name, which is in parentheses and may hold spaces
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** The peaks over the GC log's lines after the first {@code skipLines} (those before the measured job). */
    static HeapPeaks heapPeaks(Path gcLog, int skipLines) throws IOException {
        double before = 0;
        double after = 0;
        int collections = 0;
        List<String> lines = Files.readAllLines(gcLog);
        for (String line : lines.subList(Math.min(skipLines, lines.size()), lines.size())) {
            if (!line.contains("Pause")) {
                continue;
            }
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                before = Math.max(before, mb(m.group(1), m.group(2)));
                after = Math.max(after, mb(m.group(3), m.group(4)));
                collections++;
            }
        }
        return new HeapPeaks(before, after, collections);
    }

    private static double mb(String number, String unit) {
        double n = Double.parseDouble(number);
        return switch (unit) {
            case "K" -> n / 1024;
            case "G" -> n * 1024;
            default -> n;
        };
    }

    private static long statusKb(long pid, String field) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
        for (String line : lines) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
            }
        }
        throw new IOException("no " + field + " in /proc/" + pid + "/status");
    }
}
