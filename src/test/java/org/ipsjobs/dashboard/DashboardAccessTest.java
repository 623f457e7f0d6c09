package org.ipsjobs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may see and do what on the dashboard when an admin token is configured: the operator with the
 * token, IPS users read-only for their own companies, nobody else; and actions only from the
 * dashboard's own forms.
 */
class DashboardAccessTest {

    private static final String TOKEN = "dash-token-123";
    @RegisterExtension
    static final TestServer server = TestServer.start(s -> s.withAdmin(s.admin().withToken(TOKEN)));
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void withoutCredentialsThePageAsksForThem() throws Exception {
        HttpResponse<String> r = get("/dashboard/", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic realm=");
        assertThat(r.body()).contains("?token=");
    }

    @Test
    void theTokenInTheAddressBecomesACookieAndLeavesTheAddress() throws Exception {
        HttpResponse<String> r = get("/dashboard/schedules?token=" + TOKEN, null);

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/dashboard/schedules");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        HttpResponse<String> page = get("/dashboard/controls", "Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Test controls").contains("Fault rules");
        assertThat(get("/dashboard/?token=wrong", null).statusCode()).isEqualTo(401);
    }

    @Test
    void anIpsUserSeesOnlyTheirCompanyAndCannotAct() throws Exception {
        String mineName = "Mine-" + System.nanoTime();
        String theirsName = "Theirs-" + System.nanoTime();
        server.submitPublish("47", mineName);
        String theirs = server.submitPublish("48", theirsName);
        String basic = "Basic " + Base64.getEncoder().encodeToString((TestServer.USER47 + ":" + TestServer.USER47_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> jobs = get("/dashboard/", "Authorization", basic);

        assertThat(jobs.statusCode()).isEqualTo(200);
        assertThat(jobs.body()).contains(mineName).doesNotContain(theirsName).contains("(read-only)")
                .doesNotContain("Test controls").doesNotContain("name=\"csrf\"");
        assertThat(get("/dashboard/requests", "Authorization", basic).statusCode()).isEqualTo(403);
        assertThat(get("/dashboard/live?view=requests", "Authorization", basic).statusCode()).isEqualTo(403);
        HttpResponse<String> act = post("/dashboard/actions/clock/advance", "by=PT1H", "Authorization", basic);
        assertThat(act.statusCode()).isEqualTo(403);
        HttpResponse<String> other = get("/dashboard/job?company=48&handle=" + java.net.URLEncoder.encode(theirs, StandardCharsets.UTF_8), "Authorization", basic);
        assertThat(other.body()).as("the service's company rule answers").contains("class=\"error\"")
                .contains("does not have access to company").doesNotContain("ImageServingPublish")
                .doesNotContain("Submitted by");
        String wrong = "Basic " + Base64.getEncoder().encodeToString((TestServer.USER47 + ":nope")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(get("/dashboard/", "Authorization", wrong).statusCode()).isEqualTo(401);
    }

    @Test
    void anActionWithoutTheFormsTokenOrFromAnotherSiteChangesNothing() throws Exception {
        String bearer = "Bearer " + TOKEN;
        String page = get("/dashboard/controls", "Authorization", bearer).body();
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        String csrf = m.group(1);
        String before = server.server.components().control().clock().mode().toString();

        assertThat(post("/dashboard/actions/clock/freeze", "at=2031-01-01T00:00:00Z", "Authorization", bearer)
                .statusCode()).isEqualTo(403);
        assertThat(post("/dashboard/actions/clock/freeze", "at=2031-01-01T00:00:00Z&csrf=" + csrf, "Authorization", bearer,
                "Origin", "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(server.server.components().control().clock().mode().toString()).isEqualTo(before);

        HttpResponse<String> bad = post("/dashboard/actions/clock/advance", "by=soon&csrf=" + csrf, "Authorization",
                bearer);
        assertThat(bad.statusCode()).isEqualTo(303);
        assertThat(java.net.URLDecoder.decode(bad.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8))
                .contains("err=by must be an ISO-8601 duration");
    }

    @Test
    void theStaticFilesAreServedWithoutCredentialsAndNothingElseIs() throws Exception {
        HttpResponse<String> js = get("/dashboard/static/dashboard.js", null);
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).get().asString().startsWith("text/javascript");
        try (InputStream in = DashboardServlet.class.getResourceAsStream("dashboard.js")) {
            assertThat(js.body()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(get("/dashboard/static/../DashboardServlet.class", null).statusCode())
                .as("a climb out of static/ is a page path, which needs credentials").isIn(400, 401, 404);
        assertThat(get("/dashboard/static/Views.class", null).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(String path, String header, String... value) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(10));
        if (header != null) {
            b.header(header, value[0]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String form, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI base() {
        return server.server.endpoint();
    }
}
