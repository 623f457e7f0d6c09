package org.ipsjobs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard's forms over plain HTTP, on a loopback server without a token (the operator's view):
 * seeding, reset with its confirmation, refusals that say what to fix, a live stream, and data that
 * is shown as text, never as markup.
 */
class DashboardActionsTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aSeedPastedIntoTheFormIsLoadedAndABrokenOneIsExplained() throws Exception {
        String seed = "{\"companies\": [{\"handle\": \"91\", \"name\": \"Seeded Co\", \"rootPath\": \"Seeded/\"}]}";

        HttpResponse<String> ok = post("/dashboard/actions/seed", "text=" + enc(seed));

        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(location(ok)).contains("msg=Seeded 1 company(ies)");
        assertThat(server.server.components().directory().company("91")).isPresent();

        HttpResponse<String> broken = post("/dashboard/actions/seed", "text=" + enc("{\"companies\": [{\"nope\": 1}]}"));
        assertThat(location(broken)).contains("err=").contains("nope");
    }

    @Test
    void resetNeedsItsConfirmation() throws Exception {
        String job = server.submitPublish("47", "Kept until reset");
        server.awaitState("47", job, "Done");

        HttpResponse<String> unconfirmed = post("/dashboard/actions/reset", "");
        assertThat(location(unconfirmed)).contains("err=tick the confirmation");
        assertThat(server.state("47", job)).isEqualTo("Done");

        HttpResponse<String> confirmed = post("/dashboard/actions/reset", "confirm=yes");
        assertThat(location(confirmed)).contains("msg=The service was reset");
        assertThat(server.state("47", job)).isEmpty();
    }

    @Test
    void whatClientsSentIsShownAsTextNeverAsMarkup() throws Exception {
        String name = "<img src=x onerror=alert(1)>";
        var submitted = server.call("submitJob", "<submitJobParam xmlns=\"http://www.scene7.com/IpsApi/xsd/2022-11-01-beta\">"
                + "<companyHandle>47</companyHandle><jobName>&lt;img src=x onerror=alert(1)&gt;</jobName>"
                + "<imageServingPublishJob><publishType>Full</publishType><emailSetting>None</emailSetting>"
                + "</imageServingPublishJob></submitJobParam>");
        assertThat(submitted.isFault()).as(submitted.toString()).isFalse();

        String jobs = get("/dashboard/").body();
        String requests = get("/dashboard/requests").body();

        assertThat(jobs + requests).doesNotContain(name).doesNotContain("<img");
        assertThat(jobs).contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(get("/dashboard/").headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'");
    }

    @Test
    void aLiveViewStreamsItsFragmentAsServerSentEvents() throws Exception {
        server.submitPublish("47", "Streamed");
        HttpRequest request = HttpRequest.newBuilder(base().resolve("/dashboard/live?view=jobs")).build();

        HttpResponse<java.util.stream.Stream<String>> r = http.send(request, HttpResponse.BodyHandlers.ofLines());
        try (java.util.stream.Stream<String> lines = r.body()) {
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
            // the first event carries the view; a stream that never sends one fails here, not in five minutes
            String event = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> lines.filter(l -> l.startsWith("data: ")).filter(l -> l.contains("Streamed")).findFirst()
                            .orElseThrow());
            assertThat(event).contains("jobs-table");
        }
    }

    @Test
    void aBadFilterIsAFourHundredThatSaysWhy() throws Exception {
        HttpResponse<String> r = get("/dashboard/logs?from=yesterday");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("from must be an instant");
        assertThat(get("/dashboard/nowhere").statusCode()).isEqualTo(404);
        assertThat(get("/dashboard/actions/reset").statusCode()).isEqualTo(405);
    }

    private static String location(HttpResponse<String> r) {
        return URLDecoder.decode(r.headers().firstValue("Location").orElse(""), StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The CSRF token of the page's forms. */
    private static String csrf() throws Exception {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(get("/dashboard/controls").body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String form) throws Exception {
        String body = "csrf=" + csrf() + (form.isEmpty() ? "" : "&" + form);
        return http.send(HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI base() {
        return server.server.endpoint();
    }
}
