package org.ipsjobs.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Sends raw SOAP over real HTTP, the way a hand-written or scripted client would, so tests see
 * exactly the bytes a client gets.
 */
public final class SoapClient {

    public static final String COMMON_NS = "http://www.scene7.com/IpsApi/xsd";
    public static final String API_NS = "http://www.scene7.com/IpsApi/xsd/2022-11-01-beta";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;

    public SoapClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A SOAP 1.1 call with an authHeader in the documented (unversioned) namespace. */
    public SoapResponse call(String operation, String user, String password, String body) {
        return post11(operation, envelope11(authHeader(COMMON_NS, user, password), body));
    }

    /** POSTs a SOAP 1.1 envelope with the given SOAPAction. */
    public SoapResponse post11(String soapAction, String envelope) {
        return post(Map.of("Content-Type", "text/xml; charset=UTF-8", "SOAPAction", "\"" + soapAction + "\""),
                envelope.getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs a SOAP 1.2 envelope with the action as a Content-Type parameter. */
    public SoapResponse post12(String action, String envelope) {
        return post(Map.of("Content-Type", "application/soap+xml; charset=UTF-8; action=\"" + action + "\""),
                envelope.getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs any bytes with any headers. */
    public SoapResponse post(Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public SoapResponse get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private SoapResponse send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new SoapResponse(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String authHeader(String namespace, String user, String password) {
        if (user == null) {
            return "";
        }
        return "<authHeader xmlns=\"" + namespace + "\"><user>" + user + "</user><password>" + password
                + "</password><appName>ips-job-service-tests</appName><appVersion>1.0</appVersion></authHeader>";
    }

    public static String envelope11(String header, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Header>" + header + "</soapenv:Header><soapenv:Body>" + body + "</soapenv:Body>"
                + "</soapenv:Envelope>";
    }

    public static String envelope12(String header, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soap12:Envelope xmlns:soap12=\"http://www.w3.org/2003/05/soap-envelope\">"
                + "<soap12:Header>" + header + "</soap12:Header><soap12:Body>" + body + "</soap12:Body>"
                + "</soap12:Envelope>";
    }

    /**
     * A request body from src/test/resources/requests, with each ${name} replaced by its value.
     * Values are inserted as they are: escape them if they hold markup.
     */
    public static String request(String path, Map<String, String> values) {
        String text = resource("/requests/" + path);
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue());
        }
        if (text.contains("${")) {
            throw new IllegalArgumentException(path + " has a placeholder with no value: " + text);
        }
        return text.replaceFirst("^<\\?xml[^>]*>\\s*", "");
    }

    public static String resource(String path) {
        try (InputStream in = SoapClient.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
