package org.ipsjobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One service JVM for one upload measurement, started as a user starts it ({@code java -jar
 * target/ips-job-service.jar --config FILE --port N}) with a capped heap and a GC log, so that what
 * its memory does during one set of files can be read afterwards. A fresh JVM per measurement, because
 * the peak resident size the kernel reports only ever grows over a process's life.
 */
final class UploadService implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 200;

    final Path gcLog;
    private final ChildProcess process;
    private final UploadJobClient client;

    private UploadService(ChildProcess process, Path gcLog, String company) {
        this.process = process;
        this.gcLog = gcLog;
        this.client = new UploadJobClient(process.port, company);
    }

    static UploadService start(Path jar, Path config, String maxHeap, List<String> extraJvmOptions, Path logs,
            String company) throws IOException, InterruptedException {
        int port = ChildProcess.freePort();
        Path gcLog = logs.resolve("service-gc.log");
        Files.deleteIfExists(gcLog);
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + maxHeap, "-Xlog:gc:file=" + gcLog));
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--config", config.toString(), "--port", String.valueOf(port)));
        ChildProcess process = ChildProcess.start("service", command, port, 0, logs.resolve("service.log"));
        UploadService service = new UploadService(process, gcLog, company);
        try {
            service.awaitAnswering();
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    long pid() {
        return process.pid();
    }

    UploadJobClient client() {
        return client;
    }

    /**
     * Waits until the job has its log, which the service writes when the job ends, and returns the end
     * time the log gives (in milliseconds). Polled every {@value #POLL_MILLIS} ms, which costs the
     * service next to nothing; the end time does not depend on the poll interval.
     */
    Instant awaitEnd(String jobHandle, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Instant end = client.endDate(jobHandle);
            if (end != null) {
                return end;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IOException("job " + jobHandle + " has no log after " + limit.toSeconds() + " s (state '"
                + client.state(jobHandle) + "')");
    }

    /**
     * Starts a flight recording (Java frames sampled every 10 ms, the profile settings) for the job
     * about to run, so a profile shows the job rather than start-up and warm-up.
     */
    void startRecording(Path file) throws IOException {
        jcmd("JFR.start", "name=upload", "settings=profile", "filename=" + file);
    }

    void stopRecording() throws IOException {
        jcmd("JFR.stop", "name=upload");
    }

    private void jcmd(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("jcmd", String.valueOf(pid())));
        command.addAll(List.of(arguments));
        String out = Report.command(command.toArray(String[]::new));
        if (out.contains("Could not") || out.contains("Exception")) {
            throw new IOException(String.join(" ", command) + ": " + out);
        }
    }

    private void awaitAnswering() throws IOException, InterruptedException {
        process.awaitReady(START_LIMIT); // the port accepts connections
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!client.answers()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the service accepts connections but answers no SOAP call");
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
