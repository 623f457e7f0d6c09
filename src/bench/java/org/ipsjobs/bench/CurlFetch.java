package org.ipsjobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The floor for the upload benchmark: the same files fetched by curl into a folder, one curl process
 * fetching the URLs one after another over one kept-alive connection, which is how the service's
 * uploadUrlsJob fetches a job's URLs (one at a time, in order, on one worker).
 */
final class CurlFetch {

    private CurlFetch() {
    }

    /** Fetches the URLs into the folder (same file names) and returns the seconds it took. */
    static double fetch(List<String> urls, List<String> names, Path into, Path work) throws IOException,
            InterruptedException {
        Files.createDirectories(into);
        StringBuilder config = new StringBuilder();
        for (int i = 0; i < urls.size(); i++) {
            config.append("url = \"").append(urls.get(i)).append("\"\noutput = \"")
                    .append(into.resolve(names.get(i)).toAbsolutePath()).append("\"\n");
        }
        Path list = work.resolve("curl-urls.txt");
        Files.writeString(list, config);
        Path log = work.resolve("curl.log");
        long started = System.nanoTime();
        Process curl = new ProcessBuilder("curl", "--silent", "--show-error", "--fail", "--config", list.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = curl.waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (exit != 0) {
            throw new IOException("curl exited with " + exit + ": " + Files.readString(log));
        }
        return seconds;
    }

    static String version() {
        return Report.command("curl", "--version").lines().findFirst().orElse("?");
    }
}
