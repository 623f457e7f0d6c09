package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.ipsjobs.testing.XmlExpect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** submitJob over real HTTP: handles, names, job types, and every rule that refuses a job. */
class SubmitJobTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();

    @Test
    void returnsTheDocumentedHandleForm() {
        SoapResponse response = server.call("submitJob", "submitJob/image-serving-publish.xml",
                Map.of("company", "47", "name", "My Test Job"));

        assertThat(response.status()).isEqualTo(200);
        XmlExpect.matches(response.body(), "submitJob-return.xml");
    }

    @Test
    void aNameIsTakenWhileItsCompanyHoldsTheJobAndEachRunIsNamedByItsStart() {
        String first = server.submitPublish("47", "Nightly");
        SoapResponse again = server.call("submitJob", "submitJob/image-serving-publish.xml",
                Map.of("company", "47", "name", "Nightly"));
        String otherCompany = server.submitPublish("48", "Nightly");

        assertThat(first).isEqualTo("j|47|Nightly||");
        assertFault(again, "ipsApiFault", 30001);
        assertThat(again.faultReason()).contains("Nightly").contains("already exists");
        assertThat(otherCompany).isEqualTo("j|48|Nightly||");
        SoapResponse listed = server.activeJob("47", first);
        assertThat(listed.count("//ips:jobArray/ips:items")).isEqualTo(1);
        String runName = listed.xpath("//ips:jobArray/ips:items/ips:name");
        assertThat(runName).matches("Nightly_\\d{4}-\\d\\d-\\d\\d-\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        assertThat(listed.xpath("//ips:jobArray/ips:items/ips:originalName")).isEqualTo("Nightly");
        String runHandle = listed.xpath("//ips:items/ips:jobHandle");
        assertThat(runHandle).startsWith("j|47||" + runName + "|").matches(".*\\|\\d+");
        assertThat(server.activeJob("47", runHandle).xpath("//ips:items/ips:jobHandle")).isEqualTo(runHandle);
    }

    @Test
    void reportsTheJobTypeOfTheDetailElementAndCountsUrls() {
        SoapResponse submitted = server.call("submitJob", "submitJob/upload-urls.xml", Map.of("company", "47",
                "name", "Url upload", "locale", "en-US", "url1", "http://images.example.com/a.jpg",
                "url2", "https://images.example.com/b.png"));
        String handle = submitted.xpath("//ips:jobHandle");

        SoapResponse listed = server.activeJob("47", handle);
        assertThat(listed.xpath("//ips:items/ips:type")).isEqualTo("UrlUpload");
        assertThat(listed.xpath("//ips:items/ips:totalSize")).isEqualTo("2");
        assertThat(listed.xpath("//ips:items/ips:uploadUrlsJob/ips:numUrls")).isEqualTo("2");
        assertThat(listed.xpath("//ips:items/ips:locale")).isEqualTo("en-US");
        assertThat(listed.xpath("//ips:items/ips:description")).isEqualTo("Two product shots");
    }

    @Test
    void anUploadJobIsListedWithTheServersDefaultsFilledInAndTheClientsValuesKept() {
        SoapResponse submitted = server.call("submitJob", """
                <submitJobParam xmlns="http://www.scene7.com/IpsApi/xsd/2022-11-01-beta">
                  <companyHandle>47</companyHandle><jobName>Defaults echoed</jobName>
                  <uploadUrlsJob>
                    <urlArray><items><sourceUrl>http://images.example.com/a.jpg</sourceUrl><destPath>x/</destPath></items></urlArray>
                    <overwrite>true</overwrite><readyForPublish>true</readyForPublish>
                    <createMask>false</createMask><preserveCrop>false</preserveCrop>
                    <pdfOptions><process>Thumbnail</process></pdfOptions>
                    <emailSetting>None</emailSetting>
                  </uploadUrlsJob>
                </submitJobParam>""");
        assertThat(submitted.isFault()).as(submitted.toString()).isFalse();

        SoapResponse listed = server.activeJob("47", submitted.xpath("//ips:jobHandle"));
        String job = "//ips:jobArray/ips:items/ips:uploadUrlsJob";
        assertThat(listed.xpath(job + "/ips:preserveCrop")).as("sent by the client").isEqualTo("false");
        assertThat(listed.xpath(job + "/ips:preservePublishState")).isEqualTo("false");
        assertThat(listed.xpath(job + "/ips:pdfOptions/ips:process")).as("sent by the client").isEqualTo("Thumbnail");
        assertThat(listed.xpath(job + "/ips:pdfOptions/ips:resolution")).isEqualTo("72.0");
        assertThat(listed.xpath(job + "/ips:pdfOptions/ips:pdfCatalog")).isEqualTo("true");
        assertThat(listed.xpath(job + "/ips:photoshopOptions/ips:process")).isEqualTo("None");
        assertThat(listed.xpath(job + "/ips:colorManagementOptions/ips:colorManagement")).isEqualTo("Default");
        assertThat(listed.xpath(job + "/ips:postJobOnlyIfFiles")).isEqualTo("false");
    }

    @Test
    void refusesARequestWithoutJobDetail() {
        SoapResponse response = server.call("submitJob", """
                <submitJobParam xmlns="http://www.scene7.com/IpsApi/xsd/2022-11-01-beta">
                  <companyHandle>47</companyHandle><jobName>No detail</jobName>
                </submitJobParam>""");

        assertFault(response, "ipsApiFault", 30002);
        assertThat(response.faultReason()).contains("job-detail");
        assertThat(server.state("47", "j|47|No detail||")).isEmpty();
    }

    @Test
    void refusesTwoJobDetails() {
        SoapResponse response = server.call("submitJob", """
                <submitJobParam xmlns="http://www.scene7.com/IpsApi/xsd/2022-11-01-beta">
                  <companyHandle>47</companyHandle><jobName>Two details</jobName>
                  <imageServingPublishJob><publishType>Full</publishType><emailSetting>None</emailSetting></imageServingPublishJob>
                  <optimizeImagesJob><emailSetting>None</emailSetting></optimizeImagesJob>
                </submitJobParam>""");

        assertFault(response, "ipsApiFault", 30001);
        assertThat(response.faultReason()).contains("ImageServingPublish").contains("ImageOptimization");
        assertThat(server.state("47", "j|47|Two details||")).isEmpty();
    }

    @Test
    void refusesExecTimeTogetherWithExecSchedule() {
        SoapResponse response = server.call("submitJob", """
                <submitJobParam xmlns="http://www.scene7.com/IpsApi/xsd/2022-11-01-beta">
                  <companyHandle>47</companyHandle><jobName>Both timings</jobName>
                  <execTime>2030-01-01T00:00:00Z</execTime><execSchedule>00 00 00 * * </execSchedule>
                  <optimizeImagesJob><emailSetting>None</emailSetting></optimizeImagesJob>
                </submitJobParam>""");

        assertFault(response, "ipsApiFault", 30001);
        assertThat(response.faultReason()).contains("execTime").contains("execSchedule");
        assertThat(scheduledCount()).isZero();
    }

    @Test
    void refusesAScheduleInNeitherNotation() {
        SoapResponse response = server.call("submitJob", "submitJob/scheduled.xml",
                Map.of("company", "47", "name", "Bad schedule", "schedule", "every day at noon"));

        assertFault(response, "ipsApiFault", 30001);
        assertThat(response.faultReason()).contains("execSchedule").contains("every day at noon");
        assertThat(scheduledCount()).isZero();
    }

    @Test
    void refusesBlankAndControlCharacterNames() {
        SoapResponse blank = server.call("submitJob", "submitJob/image-serving-publish.xml",
                Map.of("company", "47", "name", "   "));
        SoapResponse control = server.call("submitJob", "submitJob/image-serving-publish.xml",
                Map.of("company", "47", "name", "tab&#9;name"));

        assertFault(blank, "ipsApiFault", 30002);
        assertThat(blank.faultReason()).contains("jobName");
        assertFault(control, "ipsApiFault", 30001);
        assertThat(control.faultReason()).contains("jobName").contains("control characters");
    }

    @Test
    void refusesACompanyTheCallerDoesNotBelongTo() {
        SoapResponse response = server.client.call("submitJob", TestServer.USER48, TestServer.USER48_PASSWORD,
                SoapClient.request("submitJob/image-serving-publish.xml", Map.of("company", "47", "name", "Intruder")));

        assertFault(response, "authorizationFault", 20006);
        assertThat(server.state("47", "j|47|Intruder||")).isEmpty();
    }

    private static int scheduledCount() {
        return server.call("getScheduledJobs", "getScheduledJobs/by-company.xml", Map.of("company", "47"))
                .count("//ips:jobArray/ips:items");
    }

    static void assertFault(SoapResponse response, String element, int code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(500);
        assertThat(response.isFault()).as(response.toString()).isTrue();
        assertThat(response.faultElement()).as(response.toString()).isEqualTo(element);
        assertThat(response.faultCode()).as(response.toString()).isEqualTo(code);
        assertThat(response.xpath("//s11:Fault/faultcode | //s12:Fault/s12:Code/s12:Value"))
                .as(response.toString()).isIn("soap:Client", "soap:Sender");
    }
}
