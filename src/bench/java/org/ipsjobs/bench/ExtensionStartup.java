package org.ipsjobs.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.ipsjobs.testkit.IpsJobServiceExtension;

/**
 * How long {@link IpsJobServiceExtension} takes to give a test a server that answers, as a test suite
 * sees it: the first test class in a fresh JVM (cold) and the next one in the same JVM (warm). Each
 * start counts until a getActiveJobs is answered. Prints {@code cold=<ms> warm=<ms>}.
 *
 * <p>Arguments: the configuration file, and the file holding a getActiveJobs envelope that its user may send.
 */
public final class ExtensionStartup {

    private ExtensionStartup() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        String envelope = Files.readString(Path.of(args[1]));
        double cold = timeOneClass(config, envelope);
        double warm = timeOneClass(config, envelope);
        System.out.printf("cold=%.1f warm=%.1f%n", cold, warm);
    }

    private static double timeOneClass(Path config, String envelope) throws Exception {
        long t0 = System.nanoTime();
        IpsJobServiceExtension ips = IpsJobServiceExtension.builder().config(config).build();
        ips.start();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(ips.endpointUrl())
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/xml; charset=UTF-8")
                    .header("SOAPAction", "getActiveJobs").POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the first call was answered " + answer.statusCode() + ": " + answer.body());
            }
            return (System.nanoTime() - t0) / 1e6;
        } finally {
            ips.stop();
        }
    }
}
