package org.ipsjobs.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Posts to the UploadFile servlet the way IPS clients do: multipart/form-data with an auth part, an
 * uploadParams part and file parts. The body is written here (this is the client's side); the server
 * parses it with the container's multipart support.
 */
public final class UploadFileClient {

    public static final String NAMESPACE = "http://www.scene7.com/IpsApi/xsd/2014-04-03";
    private static final String BOUNDARY = "O9-ba7tieRtqA4QRSaVk-eDq6658SPrYfvUcJ";

    private final URI address;

    public UploadFileClient(URI soapEndpoint) {
        this.address = soapEndpoint.resolve("/scene7/UploadFile");
    }

    /** One multipart body under construction. */
    public static final class Body {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Body part(String name, String filename, byte[] content) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                    + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\nContent-Type: "
                    + (filename == null ? "text/plain; charset=UTF-8" : "application/octet-stream") + "\r\n\r\n");
            out.writeBytes(content);
            write("\r\n");
            return this;
        }

        public Body auth(String user, String password, boolean faultsAs200) {
            return part("auth", null, ("<authHeader xmlns=\"" + NAMESPACE + "\"><user>" + user + "</user><password>"
                    + password + "</password><locale>en-US</locale><appName>UploadFileTest</appName><appVersion>1"
                    + "</appVersion>" + (faultsAs200 ? "<faultHttpStatusCode>200</faultHttpStatusCode>" : "")
                    + "</authHeader>").getBytes(StandardCharsets.UTF_8));
        }

        /** uploadPostParam with the given inner elements (companyHandle, jobName ...). */
        public Body params(String inner) {
            return part("uploadParams", null, ("<uploadPostParam xmlns=\"" + NAMESPACE + "\">" + inner
                    + "</uploadPostParam>").getBytes(StandardCharsets.UTF_8));
        }

        public Body file(String filename, byte[] content) {
            return part("file" + out.size(), filename, content);
        }

        public byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(out.toByteArray());
            all.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            return all.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static Body body() {
        return new Body();
    }

    /** The standard first part pair for the test server's IpsAdmin. */
    public static Body asAdmin() {
        return body().auth(TestServer.ADMIN, TestServer.ADMIN_PASSWORD, false);
    }

    public SoapResponse post(Body body) {
        return post(body.bytes(), "multipart/form-data; boundary=" + BOUNDARY);
    }

    public SoapResponse post(byte[] bytes, String contentType) {
        try {
            // a client per POST: after refusing a body it did not read to the end, the server may close
            // the connection without saying so, and a pooled connection would fail the next POST
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(address).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            return new SoapResponse(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts from another loopback address (127.0.0.2), as a second machine would. */
    public SoapResponse postFrom(String localAddress, Body body) {
        byte[] bytes = body.bytes();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(address.getHost(), address.getPort()));
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + address.getPath() + " HTTP/1.1\r\nHost: " + address.getHost() + ":" + address.getPort()
                    + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: "
                    + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            String bodyText = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            return new SoapResponse(status, "text/xml", bodyText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Many parts, for limit tests. */
    public static List<byte[]> copies(byte[] content, int n) {
        List<byte[]> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(content);
        }
        return all;
    }
}
