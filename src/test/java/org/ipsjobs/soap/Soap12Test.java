package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same endpoint answers SOAP 1.2 requests in SOAP 1.2, faults included. */
class Soap12Test {

    @RegisterExtension
    static final TestServer server = TestServer.start();

    @Test
    void answersSoap12InSoap12() {
        String body = SoapClient.request("submitJob/image-serving-publish.xml", Map.of("company", "47", "name", "Soap12 job"));
        SoapResponse response = server.client.post12("submitJob", SoapClient.envelope12(
                SoapClient.authHeader(SoapClient.API_NS, TestServer.ADMIN, TestServer.ADMIN_PASSWORD), body));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/soap+xml");
        assertThat(response.xpath("/s12:Envelope/s12:Body/ips:submitJobReturn/ips:jobHandle")).isEqualTo("j|47|Soap12 job||");
    }

    @Test
    void faultsInSoap12HaveSenderCodeAndTheIpsDetail() {
        SoapResponse response = server.client.post12("stopJob", SoapClient.envelope12(
                SoapClient.authHeader(SoapClient.API_NS, TestServer.ADMIN, TestServer.ADMIN_PASSWORD),
                SoapClient.request("control/stopJob.xml", Map.of("company", "47", "handle", "j|47|no such job||"))));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.contentType()).startsWith("application/soap+xml");
        assertThat(response.xpath("/s12:Envelope/s12:Body/s12:Fault/s12:Code/s12:Value")).endsWith(":Sender");
        assertThat(response.xpath("//s12:Fault/s12:Reason/s12:Text")).startsWith("IpsApiException");
        assertThat(response.xpath("//s12:Fault/s12:Detail/c:ipsApiFault/c:code")).isEqualTo("30001");
    }

    @Test
    void soap11StillAnswersSoap11() {
        SoapResponse response = server.call("getActiveJobs", "getActiveJobs/by-company.xml", Map.of("company", "47"));
        assertThat(response.contentType()).startsWith("text/xml");
        assertThat(response.count("/s11:Envelope/s11:Body/ips:getActiveJobsReturn")).isEqualTo(1);
    }
}
