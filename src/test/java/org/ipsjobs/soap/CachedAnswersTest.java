package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.ipsjobs.server.IpsJobServer;
import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * getActiveJobs and getJobLogs answers written from kept item bytes are the very answers CXF writes:
 * two servers hold the same jobs on the same frozen clock, one keeping written items and one not, and
 * every API version's answers of both are compared character for character, first and repeated.
 */
class CachedAnswersTest {

    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07.089Z");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final TestServer cached = TestServer.start();
    @RegisterExtension
    static final TestServer plain = TestServer.start(s -> s.withAnswerCache(0));

    @BeforeAll
    static void sameJobsOnBoth() {
        for (TestServer server : List.of(cached, plain)) {
            server.clock.freezeAt(T0);
            // one at a time, so the runs, logs and their numbers come out in the same order on both
            done(server, server.submitPublish("47", "spring catalog"));
            done(server, server.submitPublish("47", "Grüße &amp; &lt;Kataloge&gt; &quot;2026&quot; 📦"));
            SoapResponse upload = server.call("submitJob", "submitJob/upload-urls.xml", Map.of("company", "47",
                    "name", "shots", "locale", "de-DE", "url1", "http://127.0.0.1:9/a.jpg", "url2",
                    "http://127.0.0.1:9/b.jpg"));
            assertThat(upload.isFault()).as(upload.toString()).isFalse();
            done(server, upload.xpath("//ips:submitJobReturn/ips:jobHandle"));
        }
    }

    private static void done(TestServer server, String handle) {
        server.awaitState("47", handle.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), "Done");
    }

    static Stream<Arguments> versionsAndOperations() {
        return ApiVersions.load().all().stream().flatMap(v -> Stream.of(
                Arguments.of(v.id(), v.namespace(), "getActiveJobs",
                        "<getActiveJobsParam xmlns=\"" + v.namespace() + "\"><companyHandle>47</companyHandle>"
                                + "</getActiveJobsParam>"),
                Arguments.of(v.id(), v.namespace(), "getJobLogs",
                        "<getJobLogsParam xmlns=\"" + v.namespace() + "\"><companyHandle>47</companyHandle>"
                                + "</getJobLogsParam>")));
    }

    @ParameterizedTest(name = "{2} in {0}")
    @MethodSource("versionsAndOperations")
    void answersFromKeptItemsAreTheAnswersCxfWrites(String version, String namespace, String operation, String body) {
        String envelope = SoapClient.envelope11(
                SoapClient.authHeader(namespace, TestServer.ADMIN, TestServer.ADMIN_PASSWORD), body);
        SoapResponse expected = plain.client.post11(operation, envelope);
        assertThat(expected.isFault()).as(expected.toString()).isFalse();
        assertThat(expected.count("//*[local-name()='items'][count(ancestor::*[local-name()='items'])=0]"))
                .as("jobs or logs listed").isGreaterThanOrEqualTo(3);

        SoapResponse first = cached.client.post11(operation, envelope);
        SoapResponse again = cached.client.post11(operation, envelope);
        assertThat(first.body()).isEqualTo(expected.body());
        assertThat(again.body()).isEqualTo(expected.body());

        String envelope12 = SoapClient.envelope12(
                SoapClient.authHeader(namespace, TestServer.ADMIN, TestServer.ADMIN_PASSWORD), body);
        assertThat(cached.client.post12(operation, envelope12).body())
                .isEqualTo(plain.client.post12(operation, envelope12).body());
    }

    @Test
    void repeatedAnswersAreWrittenFromKeptItemsAndTheMetricsSaySo() throws Exception {
        String body = "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"><companyHandle>47</companyHandle>"
                + "</getActiveJobsParam>";
        cached.call("getActiveJobs", body);
        double kept = itemsKept();

        SoapResponse answer = cached.call("getActiveJobs", body);

        assertThat(answer.isFault()).isFalse();
        assertThat(itemsKept() - kept).isEqualTo(3);
    }

    @Test
    void answersWrittenConcurrentlyInEveryVersionAreTheAnswersCxfWrites() throws Exception {
        // many requests at once while the kept bytes and shells of a fresh server are first being filled
        TestServer fresh = TestServer.start();
        try {
            fresh.clock.freezeAt(T0);
            done(fresh, fresh.submitPublish("47", "spring catalog"));
            List<Arguments> calls = versionsAndOperations().toList();
            Map<String, String> expected = new ConcurrentHashMap<>();
            TestServer twin = TestServer.start(s -> s.withAnswerCache(0));
            try {
                twin.clock.freezeAt(T0);
                done(twin, twin.submitPublish("47", "spring catalog"));
                for (Arguments call : calls) {
                    Object[] a = call.get();
                    expected.put(a[0] + " " + a[2], twin.client.post11((String) a[2], envelope(a)).body());
                }
            } finally {
                twin.close();
            }
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> results = new ArrayList<>();
                for (int round = 0; round < 4; round++) {
                    for (Arguments call : calls) {
                        Object[] a = call.get();
                        results.add(pool.submit(() -> assertThat(fresh.client.post11((String) a[2], envelope(a)).body())
                                .as(a[0] + " " + a[2]).isEqualTo(expected.get(a[0] + " " + a[2]))));
                    }
                }
                for (Future<?> result : results) {
                    result.get();
                }
            } finally {
                pool.shutdownNow();
            }
        } finally {
            fresh.close();
        }
    }

    private static String envelope(Object[] call) {
        String header = SoapClient.authHeader((String) call[1], TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
        return SoapClient.envelope11(header, (String) call[3]);
    }

    @Test
    void theServerWithoutTheCacheMarshalsEveryItem() throws Exception {
        plain.call("getActiveJobs", "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"><companyHandle>47"
                + "</companyHandle></getActiveJobsParam>");
        assertThat(metric(plain, "kept")).isZero();
    }

    @Test
    void thePlainXmlApiGetsTheSameAnswersToo() throws Exception {
        String request = "<Request xmlns=\"http://www.scene7.com/IpsApi/xsd/2017-10-29-beta\">"
                + SoapClient.authHeader(SoapClient.API_NS, TestServer.ADMIN, TestServer.ADMIN_PASSWORD)
                + "<getJobLogsParam xmlns=\"" + SoapClient.API_NS + "\"><companyHandle>47</companyHandle>"
                + "</getJobLogsParam></Request>";
        assertThat(postPlainXml(cached, request)).isEqualTo(postPlainXml(plain, request)).contains("jobLogArray");
        assertThat(postPlainXml(cached, request)).isEqualTo(postPlainXml(plain, request));
    }

    private static String postPlainXml(TestServer server, String request) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri(server, IpsJobServer.CONTEXT_PATH + IpsJobServer.PLAIN_XML_PATH)).header("Content-Type", "text/xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static double itemsKept() throws Exception {
        return metric(cached, "kept");
    }

    private static double metric(TestServer server, String source) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(server, "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("(?m)^ips_answer_items_total\\{source=\"" + source + "\"} (\\S+)$")
                .matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static URI uri(TestServer server, String path) {
        return server.server.endpoint().resolve(path);
    }
}
