package org.ipsjobs.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that are slow, stalled or send too much, on loopback, bounded in number and time: none of
 * them may keep the server from answering everybody else, and each is refused as early as it can be.
 */
class SlowAndLargeClientsTest {

    private static final String AUTH = SoapClient.authHeader(SoapClient.COMMON_NS, TestServer.ADMIN,
            TestServer.ADMIN_PASSWORD);
    private static final String ACTIVE = "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"><companyHandle>47"
            + "</companyHandle></getActiveJobsParam>";
    private static final long MAX_BODY = 1024 * 1024;

    @RegisterExtension
    static final TestServer server = TestServer.start(settings -> settings.withLimits(
            new org.ipsjobs.soap.RequestLimits(MAX_BODY, 64, 20_000, 200_000, 100_000, 64, 65_536)));

    @Test
    void aThousandStalledRequestsDoNotDelayAnyoneElse() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                Socket socket = open();
                // full headers, a promise of 1,000 bytes, then one byte and silence
                socket.getOutputStream().write(headers("Content-Length: 1000", "text/xml").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write('<');
                stalled.add(socket);
            }
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                SoapResponse normal = server.call("getActiveJobs", ACTIVE);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(normal.isFault()).as(normal.toString()).isFalse();
                assertThat(millis).as("a normal request among 1,000 stalled ones").isLessThan(1000);
                SoapResponse wsdl = server.client.get(server.server.wsdl());
                assertThat(wsdl.status()).isEqualTo(200);
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void aTricklingBodyIsAbandonedWithAFault() throws Exception {
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            out.write(headers("Content-Length: 1000", "text/xml").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(50);
            String answer = "";
            // one byte every 200 ms, far under the default 1 KB/s; the server gives up after its 1 s grace
            for (int i = 0; i < 50 && answer.isEmpty(); i++) {
                try {
                    out.write('x');
                } catch (IOException e) {
                    break; // closed by the server
                }
                answer = readAvailable(socket, Duration.ofMillis(200));
            }
            assertThat(answer).startsWith("HTTP/1.1 500").contains("Connection: close").contains("<ns1:code>30003")
                    .contains("slower than").contains("soap/envelope/");
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeAnyOfTheBody() throws Exception {
        try (Socket socket = open()) {
            socket.getOutputStream().write(headers("Content-Length: 52428800", "application/soap+xml")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write("<soap12:Envelope".getBytes(StandardCharsets.US_ASCII));
            String answer = readAvailable(socket, Duration.ofSeconds(5));
            assertThat(answer).startsWith("HTTP/1.1 500").contains("Connection: close").contains("<ns1:code>30003")
                    .contains("52428800 bytes").contains("http://www.w3.org/2003/05/soap-envelope");
        }
    }

    @Test
    void aChunkedBodyIsRefusedAsSoonAsItPassesTheLimit() throws Exception {
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            out.write(headers("Transfer-Encoding: chunked", "text/xml").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[16 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            long sent = 0;
            String answer = "";
            socket.setSoTimeout(1);
            while (answer.isEmpty() && sent < 20 * MAX_BODY) {
                try {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += chunk.length;
                } catch (IOException e) {
                    answer = readAvailable(socket, Duration.ofSeconds(2));
                    break;
                }
                answer = readAvailable(socket, Duration.ofMillis(1));
            }
            assertThat(answer).startsWith("HTTP/1.1 500").contains("<ns1:code>30003").contains("larger than");
            // socket buffers on both sides hold a few hundred KB; the server read no further than its limit
            assertThat(sent).as("bytes sent before the refusal").isLessThan(MAX_BODY + 4 * 1024 * 1024);
        }
        assertThat(server.call("getActiveJobs", ACTIVE).isFault()).isFalse();
    }

    private static Socket open() throws IOException {
        return new Socket(server.client.endpoint().getHost(), server.client.endpoint().getPort());
    }

    private static String headers(String length, String contentType) {
        return "POST " + server.client.endpoint().getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + contentType + "\r\nSOAPAction: getActiveJobs\r\n" + length + "\r\n\r\n";
    }

    /** What the server has sent within the wait (all of it once it starts answering), or "" for nothing. */
    private static String readAvailable(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n = in.read(buffer);
            while (n > 0) {
                got.write(buffer, 0, n);
                socket.setSoTimeout(500);
                n = in.read(buffer);
            }
        } catch (SocketTimeoutException e) {
            // nothing more for now
        } catch (IOException e) {
            // reset by the server after its answer
        }
        return got.toString(StandardCharsets.UTF_8);
    }
}
