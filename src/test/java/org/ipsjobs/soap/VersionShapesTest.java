package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import javax.xml.validation.Schema;

import org.ipsjobs.testing.ServedSchema;
import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The versions whose contract differs from the canonical one in more than missing elements, used as
 * a client generated from their WSDL would: 2013-02-15 (Adobe's WSDL: authHeader in the unversioned
 * namespace as an xsd:all, two UploadDirectoryJob options the canonical contract lacks) and the
 * versions before 2012-02-14 (getCompanyMembership answered with a plain company array). Every
 * answer is validated against the served schema of its version.
 */
class VersionShapesTest {

    private static final String BASE = "http://www.scene7.com/IpsApi/xsd";
    @RegisterExtension
    static final TestServer server = TestServer.start();
    private static final Map<String, Schema> schemas = new HashMap<>();

    private static Schema schema(String version) throws Exception {
        Schema schema = schemas.get(version);
        if (schema == null) {
            SoapResponse wsdl = server.client.get(server.server.wsdl().resolve("IpsApi-" + version + ".wsdl"));
            assertThat(wsdl.status()).isEqualTo(200);
            schema = ServedSchema.of(wsdl);
            schemas.put(version, schema);
        }
        return schema;
    }

    /** A call with the authHeader as Adobe's 2013-02-15 WSDL declares it: unversioned, any order, no appName. */
    private static SoapResponse call(String operation, String body) {
        String auth = "<authHeader xmlns=\"" + BASE + "\"><password>" + TestServer.ADMIN_PASSWORD + "</password><user>"
                + TestServer.ADMIN + "</user></authHeader>";
        return server.client.post11(operation, SoapClient.envelope11(auth, body));
    }

    private static SoapResponse valid(String version, SoapResponse answer) throws Exception {
        assertThat(answer.isFault()).as(answer.toString()).isFalse();
        ServedSchema.validate(schema(version), answer);
        return answer;
    }

    @Test
    void a2013ClientSendsTheUploadOptionsOnlyItsVersionHadAndTheServiceGoesOnWithout() throws Exception {
        String ns = BASE + "/2013-02-15";
        SoapResponse submitted = valid("2013-02-15", call("submitJob", "<submitJobParam xmlns=\"" + ns + "\">"
                + "<companyHandle>47</companyHandle><jobName>Xmp template</jobName><uploadDirectoryJob>"
                + "<serverDir>incoming/</serverDir><overwrite>true</overwrite><readyForPublish>true</readyForPublish>"
                + "<includeSubfolders>false</includeSubfolders><createMask>false</createMask>"
                + "<processMetadataFiles>false</processMetadataFiles><emailSetting>None</emailSetting>"
                + "<xmpKeywords>shoes</xmpKeywords><xmpTemplateId>tpl-1</xmpTemplateId>"
                + "<xmpTemplateOverwrites>true</xmpTemplateOverwrites><unCompressOptions><process>None</process>"
                + "</unCompressOptions></uploadDirectoryJob></submitJobParam>"));
        String handle = ServedSchema.payload(submitted).getTextContent().strip();
        server.awaitState("47", handle, "Done");

        SoapResponse active = valid("2013-02-15", call("getActiveJobs", "<getActiveJobsParam xmlns=\"" + ns
                + "\"><jobHandle>" + handle + "</jobHandle></getActiveJobsParam>"));
        assertThat(active.body()).contains("<xmpKeywords>shoes</xmpKeywords>").contains("<unCompressOptions>")
                .doesNotContain("xmpTemplate");
    }

    @Test
    void in2013JobLogsCarryDetailTotalRowsAndLogDetailsArePaged() throws Exception {
        String ns = BASE + "/2013-02-15";
        String handle = ServedSchema.payload(valid("2013-02-15", call("submitJob", "<submitJobParam xmlns=\"" + ns
                + "\"><companyHandle>47</companyHandle><jobName>Paged details</jobName><imageServingPublishJob>"
                + "<publishType>Full</publishType><emailSetting>None</emailSetting></imageServingPublishJob>"
                + "</submitJobParam>"))).getTextContent().strip();
        server.awaitState("47", handle, "Done");

        SoapResponse details = valid("2013-02-15", call("getJobLogDetails", "<getJobLogDetailsParam xmlns=\"" + ns
                + "\"><companyHandle>47</companyHandle><jobHandle>" + handle + "</jobHandle>"
                + "<recordsPerPage>2</recordsPerPage><resultsPage>1</resultsPage><sortBy>Date</sortBy>"
                + "<sortDirection>Ascending</sortDirection></getJobLogDetailsParam>"));
        int total = Integer.parseInt(details.xpath("//*[local-name()='detailTotalRows']"));
        assertThat(total).isGreaterThan(2);
        assertThat(details.count("//*[local-name()='detailArray']/*[local-name()='items']")).isEqualTo(2);
    }

    @Test
    void before2012GetCompanyMembershipAnswersAnArrayOfCompaniesAndFrom2012OnMemberships() throws Exception {
        for (String version : new String[] {"2008-01-15", "2010-01-31"}) {
            SoapResponse answer = valid(version, call("getCompanyMembership",
                    "<getCompanyMembershipParam xmlns=\"" + BASE + "/" + version + "\"/>"));
            assertThat(answer.xpathAll("//*[local-name()='companyArray']/*[local-name()='items']/*[local-name()='companyHandle']"))
                    .as(version).containsExactly("47");
            assertThat(answer.body()).as(version).doesNotContain("membershipArray").doesNotContain("<role>")
                    .doesNotContain("<company>");
        }
        for (String version : new String[] {"2012-02-14", "2013-02-15"}) {
            SoapResponse answer = valid(version, call("getCompanyMembership",
                    "<getCompanyMembershipParam xmlns=\"" + BASE + "/" + version + "\"/>"));
            assertThat(answer.xpathAll("//*[local-name()='membershipArray']/*[local-name()='items']/*[local-name()='company']"
                    + "/*[local-name()='companyHandle']")).as(version).containsExactly("47");
            assertThat(answer.body()).as(version).contains("<role>IpsAdmin</role>");
        }
        SoapResponse pre40 = server.client.post11("getCompanyMembership", SoapClient.envelope11(
                SoapClient.authHeader(BASE, TestServer.ADMIN, TestServer.ADMIN_PASSWORD),
                "<getCompanyMembershipParam xmlns=\"" + BASE + "\"/>"));
        assertThat(pre40.isFault()).as(pre40.toString()).isFalse();
        assertThat(pre40.body()).contains("<companyArray>").doesNotContain("membershipArray");
    }

    @Test
    void in2010ActiveJobsCarryLocaleAndTaskProgressWithoutTaskStateOrItems() throws Exception {
        String ns = BASE + "/2010-01-31";
        String handle = ServedSchema.payload(valid("2010-01-31", call("submitJob", "<submitJobParam xmlns=\"" + ns
                + "\"><companyHandle>47</companyHandle><jobName>Upload 2010</jobName><locale>en-US</locale>"
                + "<uploadUrlsJob><urlArray><items><sourceUrl>http://images.example.com/a.jpg</sourceUrl><destPath>shots/</destPath></items>"
                + "</urlArray><overwrite>true</overwrite><readyForPublish>true</readyForPublish>"
                + "<createMask>false</createMask><emailSetting>None</emailSetting><mediaOptions/>"
                + "<inDesignOptions><process>None</process></inDesignOptions></uploadUrlsJob></submitJobParam>")))
                .getTextContent().strip();
        server.awaitState("47", handle, "Done");

        SoapResponse active = valid("2010-01-31", call("getActiveJobs", "<getActiveJobsParam xmlns=\"" + ns
                + "\"><jobHandle>" + handle + "</jobHandle></getActiveJobsParam>"));
        assertThat(active.xpath("//*[local-name()='items']/*[local-name()='locale']")).isEqualTo("en-US");
        assertThat(active.count("//*[local-name()='taskProgressArray']/*[local-name()='items']/*[local-name()='taskType']"))
                .isPositive();
        assertThat(active.body()).doesNotContain("taskState").doesNotContain("itemName")
                .contains("<inDesignOptions><process>None</process></inDesignOptions>");
    }
}
