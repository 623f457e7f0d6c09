package org.ipsjobs.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The load generator: wrk, closed loop over keep-alive connections, one fixed request per workload
 * (see src/bench/lua/soap.lua). Each connection sends its next request as soon as the previous
 * answer arrived.
 */
final class Wrk {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path script;

    Wrk(Path script) {
        this.script = script;
    }

    /** Runs wrk against the URL and returns what it measured. */
    WrkResult run(String url, Path body, String action, int connections, int seconds, Integer randomJobs)
            throws IOException, InterruptedException {
        // one thread per connection: the script times each thread's single request in flight
        List<String> command = new ArrayList<>(List.of("wrk", "-t", String.valueOf(connections),
                "-c", String.valueOf(connections), "-d", seconds + "s", "--timeout", "10s", "-s", script.toString(),
                url));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BENCH_BODY", body.toString());
        builder.environment().put("BENCH_ACTION", action);
        if (randomJobs != null) {
            builder.environment().put("BENCH_RANDOM", String.valueOf(randomJobs));
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("wrk failed: " + output);
        }
        String line = output.lines().filter(l -> l.startsWith("{\"requests\"")).reduce((a, b) -> b)
                .orElseThrow(() -> new IOException("wrk printed no result: " + output));
        JsonNode n = JSON.readTree(line);
        return new WrkResult(n.get("requests").asLong(), n.get("micros").asLong(), n.get("bytes").asLong(),
                n.get("connect_errors").asLong(), n.get("read_errors").asLong(), n.get("write_errors").asLong(),
                n.get("status_errors").asLong(), n.get("timeouts").asLong(), n.get("p50").asLong(),
                n.get("p90").asLong(), n.get("p99").asLong(), n.get("p999").asLong(), n.get("max").asLong(),
                n.get("mean").asDouble());
    }
}
