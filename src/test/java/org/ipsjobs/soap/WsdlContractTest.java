package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.wsdl.Definition;
import javax.wsdl.Port;
import javax.wsdl.Service;
import javax.wsdl.extensions.soap.SOAPAddress;
import javax.wsdl.extensions.soap12.SOAP12Address;
import javax.wsdl.factory.WSDLFactory;
import javax.wsdl.xml.WSDLReader;
import javax.xml.namespace.QName;
import javax.xml.validation.Schema;

import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.ServedSchema;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xml.sax.InputSource;

/**
 * The contract as a client fetches it: a valid WSDL pointing at this server, whose schema accepts
 * the responses the server really sends.
 */
class WsdlContractTest {

    private static final String NS = "http://www.scene7.com/IpsApi/xsd/2022-11-01-beta";
    @RegisterExtension
    static final TestServer server = TestServer.start();
    private static String wsdlText;

    @BeforeAll
    static void start() {
        SoapResponse wsdl = server.client.get(server.server.wsdl());
        assertThat(wsdl.status()).isEqualTo(200);
        assertThat(wsdl.contentType()).startsWith("text/xml");
        wsdlText = wsdl.body();
    }

    @Test
    void isAValidWsdlWithBothBindingsAtThisServersAddress() throws Exception {
        WSDLReader reader = WSDLFactory.newInstance().newWSDLReader();
        reader.setFeature("javax.wsdl.verbose", false);
        Definition definition = reader.readWSDL(null, new InputSource(new StringReader(wsdlText)));

        Service service = definition.getService(new QName(NS, "IpsApiService"));
        assertThat(service).isNotNull();
        List<String> addresses = new ArrayList<>();
        for (Object o : service.getPorts().values()) {
            for (Object ext : ((Port) o).getExtensibilityElements()) {
                if (ext instanceof SOAPAddress a) {
                    addresses.add(a.getLocationURI());
                } else if (ext instanceof SOAP12Address a) {
                    addresses.add(a.getLocationURI());
                }
            }
        }
        assertThat(addresses).containsExactly(server.server.endpoint().toString(), server.server.endpoint().toString());
        assertThat(definition.getPortType(new QName(NS, "IpsApiPortType")).getOperations()).hasSize(14);
        // the names of Adobe's WSDL, which clients use to pick a binding (zeep's create_service, WCF configuration)
        assertThat(definition.getBinding(new QName(NS, "IpsApiServiceSoapBinding"))).isNotNull();
        assertThat(definition.getBinding(new QName(NS, "IpsApiServiceSoap12Binding"))).isNotNull();
        assertThat(service.getPort("IpsApiSoapPort").getBinding().getQName().getLocalPart())
                .isEqualTo("IpsApiServiceSoapBinding");
        assertThat(service.getPort("IpsApiSoap12Port").getBinding().getQName().getLocalPart())
                .isEqualTo("IpsApiServiceSoap12Binding");
    }

    @Test
    void theEndpointAddressWithWsdlQueryServesTheSameContractWithThisServersAddressInBothPorts() {
        SoapResponse queried = server.client.get(java.net.URI.create(server.server.endpoint() + "?wsdl"));

        assertThat(queried.status()).isEqualTo(200);
        assertThat(queried.body()).isEqualTo(wsdlText).doesNotContain("localhost:8080");
    }

    @Test
    void isServedUnderItsVersionedNameWhileIpsApiWsdlIsThePre40Contract() {
        assertThat(server.server.wsdl().toString()).endsWith("/scene7/webservice/IpsApi-2022-11-01-beta.wsdl");
        SoapResponse unversioned = server.client.get(server.server.wsdl().resolve("IpsApi.wsdl"));
        assertThat(unversioned.status()).isEqualTo(200);
        assertThat(unversioned.body()).contains("targetNamespace=\"http://www.scene7.com/IpsApi/xsd\"")
                .doesNotContain("2022-11-01-beta");
        assertThat(server.client.get(server.server.wsdl().resolve("IpsApi-1999.wsdl")).status()).isEqualTo(404);
    }

    @Test
    void itsSchemaValidatesRealResponses() throws Exception {
        Schema schema = ServedSchema.of(new SoapResponse(200, "", wsdlText));
        String handle = server.call("submitJob", "submitJob/upload-urls.xml", Map.of("company", "47", "name", "Validated",
                "locale", "en-US", "url1", "http://x.example.com/1.jpg", "url2", "mailto:nobody")).xpath("//ips:jobHandle");
        server.awaitState("47", handle, "Done");
        String scheduled = server.call("submitJob", "submitJob/scheduled.xml", Map.of("company", "47", "name", "Validated schedule",
                "schedule", "0 0 1 * * ?")).xpath("//ips:jobHandle");

        List<SoapResponse> responses = List.of(
                server.activeJob("47", handle),
                server.call("getActiveJobs", "getActiveJobs/by-company.xml", Map.of("company", "48")),
                server.call("getScheduledJobs", "getScheduledJobs/by-handle.xml", Map.of("company", "47", "handle", scheduled)),
                server.call("getJobLogs", "logs/getJobLogs.xml", Map.of("company", "47")),
                server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "47", "handle", handle)),
                server.call("getAssetJobLogs", "logs/getAssetJobLogs.xml", Map.of("company", "47", "asset", "a|47|1")),
                server.control("pauseJob", "47", scheduled),
                server.call("checkLogin", "checkLogin/check.xml", Map.of("company", "47", "email", "a@b.c", "password", "x")));
        for (SoapResponse response : responses) {
            assertThat(response.isFault()).as(response.toString()).isFalse();
            ServedSchema.validate(schema, response);
        }
        SoapResponse fault = server.control("stopJob", "47", "j|47|missing||");
        assertThat(ServedSchema.payload(fault).getLocalName()).isEqualTo("ipsApiFault");
        ServedSchema.validate(schema, fault);
    }
}
