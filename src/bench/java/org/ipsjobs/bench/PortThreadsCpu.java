package org.ipsjobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time (user + system) spent so far by the threads of a child JVM whose names start with a
 * prefix, read from Linux's /proc. The interceptor table uses it because all its servers share one
 * JVM: each server's request threads carry its port in their name, and CPU time per request varies
 * far less than requests per second when other work shares the cores. The kernel keeps only the
 * first 15 characters of a thread's name, so the prefix must fit in them.
 */
final class PortThreadsCpu {

    /** The kernel's clock ticks per second for these counters (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    private PortThreadsCpu() {
    }

    /** Microseconds of CPU, or NaN where /proc cannot be read (not Linux). */
    static double micros(long pid, String threadNamePrefix) {
        String prefix = threadNamePrefix.length() > 15 ? threadNamePrefix.substring(0, 15) : threadNamePrefix;
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                // the name is between the first "(" and the last ")"; it may itself hold spaces
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith(prefix)) {
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return ticks * 1e6 / TICKS_PER_SECOND;
    }
}
