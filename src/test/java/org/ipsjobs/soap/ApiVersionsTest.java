package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.wsdl.Definition;
import javax.wsdl.factory.WSDLFactory;
import javax.wsdl.xml.WSDLReader;
import javax.xml.validation.Schema;

import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.ServedSchema;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.InputSource;

/**
 * One scenario per API version, as a client written against that version's WSDL would run it: the
 * served WSDL is that version's, requests in its namespace work, answers come back in it without
 * the elements it did not have, and they validate against that version's own schema.
 */
class ApiVersionsTest {

    private static final String BASE = "http://www.scene7.com/IpsApi/xsd";
    @RegisterExtension
    static final TestServer server = TestServer.start();

    static Stream<Arguments> versions() {
        return Stream.of("", "2008-01-15", "2008-09-10", "2009-07-31", "2010-01-31", "2012-02-14", "2013-02-15",
                "2014-04-03", "2016-01-14-beta", "2017-10-29-beta", "2021-01-11-beta", "2021-04-26-beta", "2022-11-01-beta")
                .map(id -> Arguments.of(id.isEmpty() ? "pre-4.0" : id, id.isEmpty() ? BASE : BASE + "/" + id,
                        id.isEmpty() ? "IpsApi.wsdl" : "IpsApi-" + id + ".wsdl"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void aClientOfThisVersionIsAnsweredInIt(String label, String ns, String wsdlName) throws Exception {
        SoapResponse wsdl = server.client.get(server.server.wsdl().resolve(wsdlName));
        assertThat(wsdl.status()).isEqualTo(200);
        WSDLReader reader = WSDLFactory.newInstance().newWSDLReader();
        reader.setFeature("javax.wsdl.verbose", false);
        Definition definition = reader.readWSDL(null, new InputSource(new StringReader(wsdl.body())));
        assertThat(definition.getTargetNamespace()).isEqualTo(ns);
        if (!ns.endsWith("2022-11-01-beta")) {
            assertThat(wsdl.body()).doesNotContain("2022-11-01-beta");
        }
        Schema schema = ServedSchema.of(wsdl);

        String auth = "<authHeader xmlns=\"" + ns + "\"><user>" + TestServer.ADMIN + "</user><password>"
                + TestServer.ADMIN_PASSWORD + "</password><appName>v</appName><appVersion>1</appVersion></authHeader>";
        String name = "Version " + label;
        SoapResponse submitted = server.client.post11("submitJob", SoapClient.envelope11(auth, "<submitJobParam xmlns=\""
                + ns + "\"><companyHandle>47</companyHandle><jobName>" + name + "</jobName><imageServingPublishJob>"
                + "<publishType>Full</publishType><emailSetting>None</emailSetting></imageServingPublishJob></submitJobParam>"));
        assertThat(submitted.isFault()).as(submitted.toString()).isFalse();
        assertThat(namespaceOfPayload(submitted)).isEqualTo(ns);
        validate(schema, submitted);
        String handle = "j|47|" + name + "||";
        assertThat(submitted.body()).contains(">" + handle + "<");
        server.awaitState("47", handle, "Done");

        List<SoapResponse> answers = new ArrayList<>();
        answers.add(server.client.post11("getActiveJobs", SoapClient.envelope11(auth, "<getActiveJobsParam xmlns=\"" + ns
                + "\"><jobHandle>" + handle + "</jobHandle></getActiveJobsParam>")));
        answers.add(server.client.post11("getJobLogDetails", SoapClient.envelope11(auth, "<getJobLogDetailsParam xmlns=\""
                + ns + "\"><companyHandle>47</companyHandle><jobHandle>" + handle + "</jobHandle></getJobLogDetailsParam>")));
        answers.add(server.client.post11("getJobLogs", SoapClient.envelope11(auth, "<getJobLogsParam xmlns=\"" + ns
                + "\"><companyHandle>47</companyHandle><numRows>5</numRows></getJobLogsParam>")));
        for (SoapResponse answer : answers) {
            assertThat(answer.isFault()).as(answer.toString()).isFalse();
            assertThat(namespaceOfPayload(answer)).isEqualTo(ns);
            assertThat(answer.body()).doesNotContain(ns.endsWith("2022-11-01-beta") ? "no-such-string" : "2022-11-01-beta");
            validate(schema, answer);
        }
        String activeJob = answers.get(0).body();
        assertThat(activeJob).contains(">" + name + "<").contains(">Done<");
        if (ns.equals(BASE) || ns.endsWith("2008-01-15") || ns.endsWith("2008-09-10") || ns.endsWith("2009-07-31")) {
            assertThat(activeJob).as("no record of a taskProgressArray before 2010-01-31").doesNotContain("taskProgressArray");
        } else {
            assertThat(activeJob).as("recorded from 2010-01-31 on").contains("taskProgressArray");
        }
        if (ns.endsWith("beta")) {
            assertThat(activeJob).contains("triggerTime");
        } else {
            assertThat(activeJob).as("first seen in 2016-01-14-beta").doesNotContain("triggerTime");
        }

        SoapResponse fault = server.client.post11("stopJob", SoapClient.envelope11(auth, "<stopJobParam xmlns=\"" + ns
                + "\"><companyHandle>47</companyHandle><jobHandle>j|47|none||</jobHandle></stopJobParam>"));
        assertThat(fault.faultCode()).isEqualTo(30001);
        validate(schema, fault);
    }

    private static String namespaceOfPayload(SoapResponse response) {
        return ServedSchema.payload(response).getNamespaceURI();
    }

    private static void validate(Schema schema, SoapResponse response) throws Exception {
        ServedSchema.validate(schema, response);
    }
}
