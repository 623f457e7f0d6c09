package org.ipsjobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads an async-profiler CPU profile in collapsed form (one line per distinct stack, thread first,
 * then the sample count) and says where the time went: by thread kind, and for the request threads by
 * the parts of the stack a reader of the benchmark cares about. A part's share is inclusive (every
 * sample with that part anywhere on its stack), so parts nest and do not add up to 100%; where our
 * own output stream wrappers sit above CXF's and Jetty's output, what they pass on is left out of their
 * share.
 */
final class ProfileSummary {

    private record Sample(String thread, String[] frames, long count) {
        boolean has(String part) {
            for (String f : frames) {
                if (f.contains(part)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Part(String name, Predicate<Sample> matches) {
    }

    private static Predicate<Sample> any(String... parts) {
        return s -> {
            for (String p : parts) {
                if (s.has(p)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static final Predicate<Sample> SOCKET_WRITE = any("HttpOutput.close", "SocketChannelEndPoint.flush");
    // what our output stream wrappers pass the answer on to: CXF's and Jetty's own output, there anyway
    private static final Predicate<Sample> PASSED_ON = any("AbstractWrappedOutputStream.write", "HttpOutput.",
            "WrappedOutputStream.close");

    // what a request's CPU goes to, in the order a request meets them
    private static final List<Part> PARTS = List.of(
            new Part("Jetty: accepting, reading and parsing HTTP, thread hand-offs (outside CXF)",
                    s -> !s.has("ChainInitiationObserver")),
            new Part("CXF in chain and out chain (everything CXF calls, ours included)", any("ChainInitiationObserver")),
            new Part("  reading the SOAP headers into DOM (CXF ReadHeadersInterceptor)", any("ReadHeadersInterceptor")),
            new Part("  schema validation (JDK Xerces, headers and body)", any("xerces/internal/jaxp/validation",
                    "xerces/internal/impl/xs/XMLSchemaValidator")),
            new Part("  JAXB unmarshalling the request", any("JAXBEncoderDecoder.unmarshall")),
            new Part("  our request reader layers (limits, extra elements, versions sniffing)",
                    any("RequestReader.next", "ExtraElementsInInterceptor$SkippingReader", "BodyNamespaceSniffer")),
            new Part("  API version renaming (CXF InTransformReader)", any("staxutils/transform/")),
            new Part("  authentication (AuthInterceptor)", any("AuthInterceptor.handleMessage")),
            new Part("  the endpoint and the job service (IpsApiEndpoint, mapping)", any("IpsApiEndpoint.")),
            new Part("  JAXB marshalling the answer (includes the writes below it)", any("JAXBEncoderDecoder.marshall")),
            new Part("  the journal: its copy of the bodies and its entry (not what its wrapper passes on)",
                    any("JournalRecorder").and(PASSED_ON.negate())),
            new Part("  the XML 1.0 output filter (not what it passes on)",
                    any("Xml10OutputStream").and(PASSED_ON.negate()).and(s -> !s.has("JournalRecorder"))),
            new Part("  request metrics and the request log line", any("RequestMetricsInterceptor", "RequestLogInterceptor")),
            new Part("  completing the answer: the socket write", SOCKET_WRITE),
            new Part("in the kernel (any caller)", s -> s.frames[s.frames.length - 1].endsWith("_[k]")));

    private ProfileSummary() {
    }

    private static List<Sample> read(Path collapsed) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(collapsed)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String[] frames = line.substring(0, space).split(";");
            String thread = frames[0].replaceAll("\\s*tid=\\d+\\]$", "]").replaceAll("\\d+", "N");
            samples.add(new Sample(thread, frames, Long.parseLong(line.substring(space + 1).trim())));
        }
        return samples;
    }

    private static String threadKind(String thread) {
        if (thread.startsWith("[ips-http") || thread.startsWith("[qtp")) {
            return "request threads (Jetty pool)";
        }
        if (thread.contains("Compiler")) {
            return "JIT compiler threads";
        }
        if (thread.startsWith("[GC") || thread.startsWith("[G1") || thread.contains("Conc#")) {
            return "garbage collector threads";
        }
        if (thread.startsWith("[log-writer")) {
            return "log writer (BatchingConsoleAppender)";
        }
        return "other threads";
    }

    /** The summary as Markdown. */
    static String markdown(Path collapsed, String title) throws IOException {
        List<Sample> samples = read(collapsed);
        long total = samples.stream().mapToLong(Sample::count).sum();
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (Sample s : samples) {
            byKind.merge(threadKind(s.thread()), s.count(), Long::sum);
        }
        List<Sample> request = samples.stream().filter(s -> threadKind(s.thread()).startsWith("request")).toList();
        long requestTotal = request.stream().mapToLong(Sample::count).sum();

        StringBuilder md = new StringBuilder("## ").append(title).append("\n\n")
                .append(total).append(" CPU samples. By thread:\n\n| Threads | Share of CPU |\n|---|--:|\n");
        byKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> md.append("| ").append(e.getKey()).append(" | ").append(pct(e.getValue(), total)).append(" |\n"));
        md.append("\nWithin the request threads (inclusive shares: a part counts every sample with it anywhere on the"
                + " stack, so indented parts are within CXF's and parts can overlap):\n\n| Part | Share of request-thread CPU |\n|---|--:|\n");
        for (Part part : PARTS) {
            long n = request.stream().filter(part.matches()).mapToLong(Sample::count).sum();
            md.append("| ").append(part.name().startsWith("  ") ? "&nbsp;&nbsp;" + part.name().strip() : part.name())
                    .append(" | ").append(pct(n, requestTotal)).append(" |\n");
        }
        Map<String, Long> leaves = new LinkedHashMap<>();
        for (Sample s : request) {
            leaves.merge(s.frames()[s.frames().length - 1], s.count(), Long::sum);
        }
        md.append("\nThe request threads' hottest frames (self time):\n\n| Frame | Share |\n|---|--:|\n");
        leaves.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(e -> md.append("| `").append(e.getKey().replace('|', '/')).append("` | ")
                        .append(pct(e.getValue(), requestTotal)).append(" |\n"));
        return md.toString();
    }

    private static String pct(long n, long of) {
        return of == 0 ? "–" : String.format("%.1f%%", 100.0 * n / of);
    }
}
