package org.ipsjobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.ipsjobs.server.IpsJobServer;
import org.ipsjobs.testing.PrometheusText;
import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /metrics as Prometheus scrapes it: valid text format, and counters that move by exactly what the
 * calls made over the wire did. The server is shared, so every check compares a scrape before and
 * after.
 */
class MetricsTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String API = SoapClient.API_NS;
    private static final String VERSION = "2022-11-01-beta";
    private static final String REQUESTS = "ips_requests_seconds_count";

    @Test
    void theScrapeIsPrometheusTextWithHelpAndTypeForEveryFamily() throws Exception {
        HttpResponse<String> r = get(server, null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        PrometheusText text = PrometheusText.parse(r.body());
        assertThat(text.types()).containsEntry("ips_requests_seconds", "histogram")
                .containsEntry("ips_job_runs", "gauge").containsEntry("ips_job_queue_depth", "gauge")
                .containsEntry("ips_job_runs_started_total", "counter")
                .containsEntry("ips_job_runs_finished_total", "counter")
                .containsEntry("ips_job_items_processed_total", "counter")
                .containsEntry("ips_job_items_failed_total", "counter")
                .containsEntry("ips_schedule_misfires_total", "counter")
                .containsEntry("ips_login_failures_total", "counter").containsEntry("ips_login_lockouts_total", "counter")
                .containsKey("jvm_memory_used_bytes").containsKey("jvm_threads_live_threads")
                .containsKey("jetty_threads_busy").containsKey("jetty_connections_current_connections");
        text.types().keySet().forEach(family -> assertThat(text.help()).as("HELP of " + family).containsKey(family));
        assertThat(text.value("ips_job_workers")).isEqualTo(2); // the test server's two workers
    }

    @Test
    void requestsAreCountedByEntryPointVersionOperationAndOutcome() throws Exception {
        PrometheusText before = scrape();

        for (int i = 0; i < 3; i++) {
            assertThat(server.call("getActiveJobs", activeJobs("47")).isFault()).isFalse();
        }
        SoapResponse soap12 = server.client.post12("getActiveJobs", SoapClient.envelope12(SoapClient.authHeader(API,
                TestServer.ADMIN, TestServer.ADMIN_PASSWORD), activeJobs("47")));
        assertThat(soap12.status()).as(soap12.toString()).isEqualTo(200);
        SoapResponse unknownCompany = server.call("getActiveJobs", activeJobs("no-such-company"));
        assertThat(unknownCompany.isFault()).isTrue();
        String faultCode = Integer.toString(unknownCompany.faultCode());
        int plainStatus = postPlainXml();
        assertThat(plainStatus).isEqualTo(200);
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(uri(server, IpsJobServer.CONTEXT_PATH
                + "/UploadFile")).header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.body()).contains("<code>");

        PrometheusText after = scrape();
        assertThat(delta(before, after, REQUESTS, "entry_point", "soap11", "api_version", VERSION, "operation",
                "getActiveJobs", "outcome", "ok")).isEqualTo(3);
        assertThat(delta(before, after, REQUESTS, "entry_point", "soap11", "api_version", VERSION, "operation",
                "getActiveJobs", "outcome", faultCode)).isEqualTo(1);
        assertThat(delta(before, after, REQUESTS, "entry_point", "soap12", "api_version", VERSION, "operation",
                "getActiveJobs", "outcome", "ok")).isEqualTo(1);
        assertThat(delta(before, after, REQUESTS, "entry_point", "plain_xml", "api_version", "2021-01-11-beta",
                "operation", "getActiveJobs", "outcome", "ok")).isEqualTo(1);
        assertThat(delta(before, after, REQUESTS, "entry_point", "upload_file", "operation", "UploadFile"))
                .isEqualTo(1);
        // the histogram's buckets agree with its count, and time was measured
        String[] okSeries = {"entry_point", "soap11", "api_version", VERSION, "operation", "getActiveJobs",
            "outcome", "ok"};
        assertThat(after.value("ips_requests_seconds_bucket", with(okSeries, "le", "+Inf")))
                .isEqualTo(after.value(REQUESTS, okSeries));
        assertThat(after.value("ips_requests_seconds_sum", okSeries)).isPositive();
    }

    @Test
    void runsAndTheirItemsAreCountedAsJobsRun() throws Exception {
        PrometheusText before = scrape();

        String handle = server.submitPublish("47", "Metrics publish " + System.nanoTime());
        server.awaitState("47", handle, "Done");
        SoapResponse log = server.logDetails("47", handle);

        PrometheusText after = scrape();
        String[] type = {"type", "ImageServingPublish"};
        assertThat(delta(before, after, "ips_job_runs_queued_total", with(type, "trigger", "request"))).isEqualTo(1);
        assertThat(delta(before, after, "ips_job_runs_started_total", type)).isEqualTo(1);
        assertThat(delta(before, after, "ips_job_runs_finished_total", with(type, "outcome", "completed")))
                .isEqualTo(1);
        double items = Double.parseDouble(log.xpath("//ips:jobLogArray/ips:items/ips:fileSuccessCount"))
                + Double.parseDouble(log.xpath("//ips:jobLogArray/ips:items/ips:fileErrorCount"));
        assertThat(items).isPositive();
        assertThat(delta(before, after, "ips_job_items_processed_total", type)).isEqualTo(items);
        assertThat(delta(before, after, "ips_job_runs", with(type, "state", "Done"))).isEqualTo(1);
        assertThat(after.value("ips_job_queue_depth")).isZero();
    }

    @Test
    void failedLoginsAndLockoutsAreCounted() throws Exception {
        PrometheusText before = scrape();
        String ghost = "ghost-" + System.nanoTime() + "@example.com";

        for (int i = 0; i < 6; i++) { // five refusals lock the name out from this address; the sixth finds it so
            assertThat(server.client.call("getActiveJobs", ghost, "guess-" + i, activeJobs("47")).isFault()).isTrue();
        }

        PrometheusText after = scrape();
        assertThat(delta(before, after, "ips_login_failures_total", "reason", "invalid_credentials")).isEqualTo(5);
        assertThat(delta(before, after, "ips_login_failures_total", "reason", "locked_out")).isEqualTo(1);
        assertThat(delta(before, after, "ips_login_lockouts_total")).isEqualTo(1);
    }

    @Test
    void scheduleFiresAndMisfiresAreCounted() throws Exception {
        server.clock.freezeAt(server.clock.instant());
        try {
            SoapResponse r = server.call("submitJob", "submitJob/scheduled.xml", Map.of("company", "47", "name",
                    "Metrics hourly " + System.nanoTime(), "schedule", "0 30 * * * ?"));
            assertThat(r.isFault()).as(r.toString()).isFalse();
            PrometheusText before = scrape();

            server.clock.advance(Duration.ofHours(1)); // exactly one half past
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scrape()
                    .value("ips_job_runs_finished_total", "type", "ImageServingPublish", "outcome", "completed")
                    > before.value("ips_job_runs_finished_total", "type", "ImageServingPublish", "outcome", "completed"));
            server.clock.freezeAt(server.clock.instant().plus(Duration.ofHours(5))); // set, not advanced: fires missed
            server.clock.advance(Duration.ZERO);

            PrometheusText after = scrape();
            String[] type = {"type", "ImageServingPublish"};
            assertThat(delta(before, after, "ips_job_runs_queued_total", with(type, "trigger", "schedule")))
                    .isEqualTo(1);
            assertThat(delta(before, after, "ips_schedule_misfires_total", with(type, "reason", "late")))
                    .isEqualTo(1);
        } finally {
            server.clock.runReal();
        }
    }

    @Test
    void labelsNeverCarryWhatClientsSendOrHandlesOrEmails() throws Exception {
        String handle = server.submitPublish("47", "Label check " + System.nanoTime());
        server.client.post11("\"noSuchOperation\"", "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/"
                + "envelope/\"><soapenv:Body><noSuchOperationParam xmlns=\"" + API + "\"/></soapenv:Body>"
                + "</soapenv:Envelope>");
        server.client.post11("\"getActiveJobs\"", "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/"
                + "envelope/\"><soapenv:Body><getActiveJobsParam xmlns=\"http://example.com/made-up-version\">"
                + "<companyHandle>47</companyHandle></getActiveJobsParam></soapenv:Body></soapenv:Envelope>");

        PrometheusText text = scrape();
        text.samples().forEach(s -> s.labels().values().forEach(v -> assertThat(v).as(s.toString())
                .doesNotContain("@").doesNotContain(handle).doesNotContain("noSuchOperation")
                .doesNotContain("made-up")));
        assertThat(text.sum(REQUESTS, "operation", "unknown")).isPositive();
    }

    @Test
    void withAnAdminTokenTheScrapeNeedsIt() throws Exception {
        try (TestServer guarded = TestServer.start(s -> s.withAdmin(s.admin().withToken("metrics-token")))) {
            assertThat(get(guarded, null).statusCode()).isEqualTo(401);
            assertThat(get(guarded, "Bearer wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> ok = get(guarded, "Bearer metrics-token");
            assertThat(ok.statusCode()).isEqualTo(200);
            PrometheusText.parse(ok.body());
        }
    }

    private static String activeJobs(String company) {
        return "<getActiveJobsParam xmlns=\"" + API + "\"><companyHandle>" + company
                + "</companyHandle></getActiveJobsParam>";
    }

    private static int postPlainXml() throws Exception {
        String v2021 = "http://www.scene7.com/IpsApi/xsd/2021-01-11-beta";
        String body = "<Request xmlns=\"http://www.scene7.com/IpsApi/xsd/2017-10-29-beta\"><authHeader xmlns=\""
                + v2021 + "\"><user>" + TestServer.ADMIN + "</user><password>" + TestServer.ADMIN_PASSWORD
                + "</password></authHeader><getActiveJobsParam xmlns=\"" + v2021 + "\"><companyHandle>47"
                + "</companyHandle></getActiveJobsParam></Request>";
        return HTTP.send(HttpRequest.newBuilder(uri(server, IpsJobServer.CONTEXT_PATH + IpsJobServer.PLAIN_XML_PATH))
                .header("Content-Type", "text/xml; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static PrometheusText scrape() throws Exception {
        HttpResponse<String> r = get(server, null);
        assertThat(r.statusCode()).isEqualTo(200);
        return PrometheusText.parse(r.body());
    }

    private static HttpResponse<String> get(TestServer s, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(s, "/metrics")).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(TestServer s, String path) {
        return s.server.endpoint().resolve(path);
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static String[] with(String[] labels, String... more) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + more.length);
        System.arraycopy(more, 0, all, labels.length, more.length);
        return all;
    }
}
