package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The authHeader's transport options: faultHttpStatusCode and gzipResponse, with Accept-Encoding. */
class TransportOptionsTest {

    private static final String ACTIVE = "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"/>";
    @RegisterExtension
    static final TestServer server = TestServer.start();

    @Test
    void faultHttpStatusCode200TurnsFaultsInto200() {
        String header = header("<faultHttpStatusCode>200</faultHttpStatusCode>");
        SoapResponse fault = server.client.post11("stopJob", SoapClient.envelope11(header,
                SoapClient.request("control/stopJob.xml", Map.of("company", "47", "handle", "j|47|nothing||"))));
        assertThat(fault.status()).isEqualTo(200);
        assertThat(fault.faultCode()).isEqualTo(30001);

        SoapResponse defaultStatus = server.control("stopJob", "47", "j|47|nothing||");
        assertThat(defaultStatus.status()).isEqualTo(500);
    }

    @Test
    void faultHttpStatusCodesThatWouldHideTheFaultAreIgnored() {
        for (String status : new String[] {"204", "304", "302", "401", "599", "100", "-1"}) {
            String header = header("<faultHttpStatusCode>" + status + "</faultHttpStatusCode>");
            SoapResponse fault = server.client.post11("stopJob", SoapClient.envelope11(header,
                    SoapClient.request("control/stopJob.xml", Map.of("company", "47", "handle", "j|47|nothing||"))));
            assertThat(fault.status()).as(status).isEqualTo(500);
            assertThat(fault.faultCode()).as(status + ": " + fault).isEqualTo(30001);
        }
    }

    @Test
    void responsesAreGzippedWhenTheClientAcceptsItUnlessGzipResponseIsFalse() throws Exception {
        HttpResponse<byte[]> accepted = send(header(""), "gzip");
        assertThat(accepted.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gunzip(accepted.body())).contains("getActiveJobsReturn");

        HttpResponse<byte[]> plain = send(header(""), null);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).contains("getActiveJobsReturn");

        HttpResponse<byte[]> refused = send(header("<gzipResponse>false</gzipResponse>"), "gzip");
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("getActiveJobsReturn");

        HttpResponse<byte[]> forced = send(header("<gzipResponse>true</gzipResponse>"), null);
        assertThat(forced.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gunzip(forced.body())).contains("getActiveJobsReturn");
    }

    @Test
    void anAnswerThatFitsTheBufferGoesOutWithItsLengthNotChunked() throws Exception {
        // chunked answers cost a write per chunk and make some clients read differently; a small
        // answer is buffered whole, so it carries Content-Length (the journal's copy once broke this)
        HttpResponse<byte[]> answer = send(header(""), null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(answer.headers().firstValueAsLong("Content-Length")).hasValue(answer.body().length);

        HttpResponse<byte[]> fault = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.client.endpoint())
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "stopJob")
                .POST(HttpRequest.BodyPublishers.ofString(SoapClient.envelope11(header(""), SoapClient.request(
                        "control/stopJob.xml", Map.of("company", "47", "handle", "j|47|nothing||")))))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fault.statusCode()).isEqualTo(500);
        assertThat(fault.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(fault.headers().firstValueAsLong("Content-Length")).hasValue(fault.body().length);
    }

    private static HttpResponse<byte[]> send(String header, String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.client.endpoint())
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "getActiveJobs")
                .POST(HttpRequest.BodyPublishers.ofString(SoapClient.envelope11(header, ACTIVE)));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] body) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** An authHeader in the documented order, with extra elements where the schema puts them. */
    private static String header(String extra) {
        return "<authHeader xmlns=\"" + SoapClient.COMMON_NS + "\"><user>" + TestServer.ADMIN + "</user><password>"
                + TestServer.ADMIN_PASSWORD + "</password><appName>t</appName><appVersion>1</appVersion>" + extra
                + "</authHeader>";
    }
}
