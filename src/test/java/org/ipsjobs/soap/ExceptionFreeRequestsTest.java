package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingStream;

import org.awaitility.Awaitility;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A valid request is answered without the JVM constructing a single exception on its way: each one
 * fills a stack trace a hundred frames deep, and a handful per request once cost a seventh of the
 * service's throughput (CXF's namespace lookup by reflection, see {@link CxfWorkarounds}). Watched
 * with the JVM's own flight recorder, in process.
 */
class ExceptionFreeRequestsTest {

    private static final AtomicInteger SUBMITTED = new AtomicInteger();
    @RegisterExtension
    static final TestServer server = TestServer.start();

    /** Marks the end of the calls in the recording, so the test knows every earlier event has arrived. */
    @Name("org.ipsjobs.test.CallsDone")
    static final class CallsDone extends Event {
    }

    @Test
    void validCallsInTheCanonicalAndAnOlderVersionThrowNothing() throws Exception {
        String handle = server.submitPublish("47", "exception-free warm-up"); // loads classes, fills caches
        calls(handle);

        List<String> thrown = new CopyOnWriteArrayList<>();
        List<Boolean> done = new CopyOnWriteArrayList<>();
        try (RecordingStream recording = new RecordingStream()) {
            recording.enable("jdk.JavaExceptionThrow").withStackTrace();
            recording.enable(CallsDone.class);
            recording.setMaxAge(Duration.ofMinutes(1));
            recording.onEvent("jdk.JavaExceptionThrow", e -> {
                if (onServerThread(e)) {
                    thrown.add(describe(e));
                }
            });
            recording.onEvent("org.ipsjobs.test.CallsDone", e -> done.add(true));
            recording.startAsync();

            calls(handle);
            new CallsDone().commit();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !done.isEmpty());
        }
        assertThat(thrown).as("exceptions constructed while answering valid calls").isEmpty();
    }

    private static void calls(String handle) {
        for (int i = 0; i < 5; i++) {
            SoapResponse listed = server.activeJob("47", handle);
            assertThat(listed.isFault()).as(listed.body()).isFalse();
            SoapResponse older = server.call("getActiveJobs", "<getActiveJobsParam xmlns=\""
                    + "http://www.scene7.com/IpsApi/xsd/2013-02-15\"><companyHandle>47</companyHandle>"
                    + "<jobHandle>" + handle + "</jobHandle></getActiveJobsParam>");
            assertThat(older.isFault()).as(older.body()).isFalse();
        }
        SoapResponse submitted = server.call("submitJob", "submitJob/image-serving-publish.xml",
                Map.of("company", "47", "name", "exception-free " + SUBMITTED.incrementAndGet()));
        assertThat(submitted.isFault()).as(submitted.body()).isFalse();
    }

    /** The client's own XML parsing (XMLUnit probing parser features) is not the service's business. */
    private static boolean onServerThread(RecordedEvent event) {
        return event.getThread() != null && event.getThread().getJavaName() != null
                && event.getThread().getJavaName().startsWith("ips-http");
    }

    private static String describe(RecordedEvent event) {
        String frames = event.getStackTrace() == null ? "" : event.getStackTrace().getFrames().stream().limit(8)
                .map(RecordedFrame::getMethod).map(m -> m.getType().getName() + "." + m.getName())
                .collect(Collectors.joining(" <- "));
        return event.getClass("thrownClass").getName() + ": " + event.getString("message") + " at " + frames;
    }
}
