package org.ipsjobs.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.server.IpsJobServer;
import org.ipsjobs.server.ServiceComponents;
import org.ipsjobs.server.ServiceSettings;

/**
 * A server under benchmark, started in its own JVM by the harness:
 * <ul>
 * <li>{@code service}: the real IPS Job Service (same start-up code as {@code java -jar}), whose
 * store is preloaded in process with {@code --preload company=count,...} before it reports ready;</li>
 * <li>{@code floor}: the report's "stack floor": the same Jetty, CXF bus and interceptors answering
 * with {@link NoopIpsApi} (the bare floor, without them, is {@link BareCxfServer}).</li>
 * </ul>
 * Usage: {@code BenchServer service|floor --config FILE --port N --control N [--preload c=n,...]}.
 * The control port answers {@code /ready}, {@code /counts}, {@code /grow?company=C&to=N},
 * {@code /request-log?level=off|shipped} and {@code /histogram} (see {@link ControlEndpoint}).
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        boolean floor = "floor".equals(args[0]);
        ServiceSettings settings = ServiceSettings.load(Path.of(options.get("--config")))
                .withPort(Integer.parseInt(options.get("--port")));
        IpsJobServer server = IpsJobServer.start(settings, ServiceComponents.builder(settings)
                .endpointOverride(floor ? new NoopIpsApi() : null).build());
        Preloader preloader = new Preloader(server.components().service(), server.components().store(),
                settings.users().get(0));
        CountDownLatch preloaded = new CountDownLatch(1);

        ControlEndpoint control = new ControlEndpoint(Integer.parseInt(options.get("--control")))
                .on("ready", () -> preloaded.getCount() == 0 ? "ready" : null)
                .on("counts", () -> {
                    JobStore.Counts counts = server.components().store().counts();
                    return "{\"runs\":" + counts.runs() + ",\"logs\":" + counts.logs() + "}";
                })
                .on("request-log", q -> {
                    // off for one comparison, then back to what the shipped logback.xml says
                    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.ipsjobs.requests"))
                            .setLevel("off".equals(q.get("level")) ? ch.qos.logback.classic.Level.OFF : null);
                    return "ok";
                })
                .on("grow", q -> {
                    long started = System.nanoTime();
                    preloader.growTo(q.get("company"), Integer.parseInt(q.get("to")));
                    return "{\"seconds\":" + (System.nanoTime() - started) / 1e9 + "}";
                });
        control.start();

        String preload = options.getOrDefault("--preload", "");
        for (String part : preload.split(",")) {
            if (!part.isBlank()) {
                String[] companyAndCount = part.split("=");
                preloader.growTo(companyAndCount[0], Integer.parseInt(companyAndCount[1]));
            }
        }
        preloaded.countDown();
        System.out.println("bench server ready: " + args[0] + " on " + server.endpoint());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.close();
            server.close();
        }));
        Thread.currentThread().join();
    }
}
