package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

import org.ipsjobs.server.IpsJobServer;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;

/**
 * The plain-XML API as Adobe Experience Manager calls it: a Request wrapping authHeader and one Param,
 * each in any version's namespace, answered by the bare Return element (or fault element), read with a
 * namespace-unaware parser as AEM reads it.
 */
class PlainXmlApiTest {

    private static final String WRAPPER = "http://www.scene7.com/IpsApi/xsd/2017-10-29-beta";
    private static final String V2021 = "http://www.scene7.com/IpsApi/xsd/2021-01-11-beta";
    @RegisterExtension
    static final TestServer server = TestServer.start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Answer(int status, String contentEncoding, String text, Document document) {
        String value(String path) throws Exception {
            return XPathFactory.newInstance().newXPath().evaluate(path, document);
        }
    }

    @Test
    void answersEveryOperationWithItsBareReturnElementInTheParamsVersion() throws Exception {
        String handle = server.submitPublish("47", "Plain listed");
        server.awaitState("47", handle, "Done");
        Map<String, String> params = Map.ofEntries(
                Map.entry("getActiveJobs", "<companyHandle>47</companyHandle>"),
                Map.entry("getScheduledJobs", "<companyHandle>47</companyHandle>"),
                Map.entry("getJobLogs", "<companyHandle>47</companyHandle><numRows>1000</numRows>"),
                Map.entry("getJobLogDetails", "<companyHandle>47</companyHandle><jobHandle>" + handle + "</jobHandle>"),
                Map.entry("getAssetJobLogs", "<companyHandle>47</companyHandle><assetHandle>a|47|1</assetHandle>"),
                Map.entry("stopJob", "<companyHandle>47</companyHandle><jobHandle>" + handle + "</jobHandle>"),
                Map.entry("checkLogin", "<email>" + TestServer.USER47 + "</email><password>" + TestServer.USER47_PASSWORD
                        + "</password>"),
                Map.entry("getCompanyInfo", "<companyHandle>47</companyHandle>"),
                Map.entry("getCompanyMembership", ""),
                Map.entry("submitJob", "<companyHandle>47</companyHandle><jobName>Plain submitted</jobName>"
                        + "<optimizeImagesJob><emailSetting>None</emailSetting></optimizeImagesJob>"));
        for (Map.Entry<String, String> op : params.entrySet()) {
            Answer answer = post(request(header(TestServer.ADMIN, TestServer.ADMIN_PASSWORD, ""), op.getKey(), op.getValue()),
                    null);
            assertThat(answer.status()).as(op.getKey() + ": " + answer.text()).isEqualTo(200);
            assertThat(answer.document().getDocumentElement().getNodeName()).as(answer.text())
                    .isEqualTo(op.getKey() + "Return");
            assertThat(answer.text()).contains("xmlns=\"" + V2021 + "\"");
        }
        Answer logs = post(request(header(TestServer.ADMIN, TestServer.ADMIN_PASSWORD, ""), "getJobLogs",
                params.get("getJobLogs")), null);
        assertThat(logs.value("count(/getJobLogsReturn/jobLogArray/items[originalJobName='Plain listed'])")).isEqualTo("1");
    }

    @Test
    void faultsAreTheBareFaultElementWith500OrTheAskedStatus() throws Exception {
        Answer wrong = post(request(header(TestServer.USER47, "wrong", ""), "getActiveJobs", ""), null);
        assertThat(wrong.status()).isEqualTo(500);
        assertThat(wrong.value("/authenticationFault/code")).as(wrong.text()).isEqualTo("10001");

        Answer foreign = post(request(header(TestServer.USER47, TestServer.USER47_PASSWORD,
                "<faultHttpStatusCode>200</faultHttpStatusCode>"), "getActiveJobs", "<companyHandle>48</companyHandle>"), null);
        assertThat(foreign.status()).isEqualTo(200);
        assertThat(foreign.value("/authorizationFault/code")).as(foreign.text()).isEqualTo("20006");
        assertThat(foreign.value("/authorizationFault/reason")).isNotEmpty();

        Answer missing = post(request(header(TestServer.ADMIN, TestServer.ADMIN_PASSWORD, ""), "submitJob",
                "<companyHandle>47</companyHandle>"), null);
        assertThat(missing.value("/ipsApiFault/code")).as(missing.text()).isEqualTo("30002");
    }

    @Test
    void theSameRulesAsSoapApplyToWhatIsNotAnIpsRequest() throws Exception {
        assertThat(post("<Order/>", null).value("/ipsApiFault/code")).isEqualTo("30003");
        assertThat(post("<Request xmlns=\"" + WRAPPER + "\">" + header(TestServer.ADMIN, TestServer.ADMIN_PASSWORD, "")
                + "</Request>", null).value("/ipsApiFault/reason")).contains("exactly one");
        Answer xml11 = post("<?xml version=\"1.1\"?>" + request(header(TestServer.ADMIN, TestServer.ADMIN_PASSWORD, ""),
                "getActiveJobs", "<companyHandle>4&#x1B;7</companyHandle>"), null);
        assertThat(xml11.value("/ipsApiFault/code")).as(xml11.text()).isEqualTo("30003");
        Answer huge = post(request(header(TestServer.ADMIN, TestServer.ADMIN_PASSWORD, ""), "submitJob",
                "<companyHandle>47</companyHandle><jobName>" + "x".repeat(11 * 1024 * 1024) + "</jobName>"), null);
        assertThat(huge.value("/ipsApiFault/reason")).as("the size limit, checked before CXF").contains("larger than");
        Answer unknownOperation = post(request(header(TestServer.ADMIN, TestServer.ADMIN_PASSWORD, ""), "launchRocket", ""),
                null);
        assertThat(unknownOperation.value("/ipsApiFault/code")).isEqualTo("30003");
    }

    @Test
    void httpBasicAndGzipWorkAsOnTheSoapEndpoint() throws Exception {
        String basic = Base64.getEncoder().encodeToString((TestServer.USER47 + ":" + TestServer.USER47_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        Answer answer = post("<Request><getActiveJobsParam xmlns=\"" + V2021 + "\"><companyHandle>47</companyHandle>"
                + "</getActiveJobsParam></Request>", "Basic " + basic);
        assertThat(answer.document().getDocumentElement().getNodeName()).as(answer.text()).isEqualTo("getActiveJobsReturn");

        Answer zipped = post(request(header(TestServer.ADMIN, TestServer.ADMIN_PASSWORD, "<gzipResponse>true</gzipResponse>"),
                "getCompanyInfo", "<companyHandle>47</companyHandle>"), null);
        assertThat(zipped.contentEncoding()).isEqualTo("gzip");
        assertThat(zipped.value("/getCompanyInfoReturn/companyInfo/name")).isEqualTo("Sample Company");
    }

    private static String header(String user, String password, String extra) {
        return "<authHeader xmlns=\"" + V2021 + "\"><user>" + user + "</user><password>" + password + "</password>"
                + "<appName>aem</appName><appVersion>6.5</appVersion>" + extra + "</authHeader>";
    }

    private static String request(String header, String operation, String params) {
        return "<Request xmlns=\"" + WRAPPER + "\">" + header + "<" + operation + "Param xmlns=\"" + V2021 + "\">" + params
                + "</" + operation + "Param></Request>";
    }

    private static Answer post(String body, String authorization) throws Exception {
        URI url = server.client.endpoint().resolve(IpsJobServer.CONTEXT_PATH + IpsJobServer.PLAIN_XML_PATH);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Content-Type", "text/xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        String encoding = response.headers().firstValue("Content-Encoding").orElse(null);
        byte[] bytes = response.body();
        if ("gzip".equals(encoding)) {
            bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return new Answer(response.statusCode(), encoding, new String(bytes, StandardCharsets.UTF_8),
                factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes)));
    }

}
