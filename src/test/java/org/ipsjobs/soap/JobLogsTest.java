package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** getJobLogs, getJobLogDetails and getAssetJobLogs, read from the logs real runs left. */
class JobLogsTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    private static String uploadHandle;
    private static String uploadRun;

    @BeforeAll
    static void start() {
        // one upload with a good and a bad URL, so the log has a success, an error and a new asset
        uploadHandle = server.call("submitJob", "submitJob/upload-urls.xml", Map.of("company", "47", "name", "Upload two",
                "locale", "en-US", "url1", "http://images.example.com/shoe.jpg", "url2", "ftp://images.example.com/hat.jpg"))
                .xpath("//ips:jobHandle");
        server.awaitState("47", uploadHandle, "Done");
        uploadRun = server.runHandle("47", uploadHandle);
    }

    @Test
    void aFinishedJobLeavesALogWithItsCounts() {
        SoapResponse logs = server.call("getJobLogs", "logs/getJobLogs.xml", Map.of("company", "47"));
        String item = "//ips:jobLogArray/ips:items[ips:jobHandle='" + uploadRun + "']";

        assertThat(logs.xpath(item + "/ips:jobName")).as("the run's name").startsWith("Upload two_");
        assertThat(logs.xpath(item + "/ips:originalJobName")).isEqualTo("Upload two");
        assertThat(logs.xpath(item + "/ips:logType")).isEqualTo("BeginUpload");
        assertThat(logs.xpath(item + "/ips:fileSuccessCount")).isEqualTo("1");
        assertThat(logs.xpath(item + "/ips:fileErrorCount")).isEqualTo("1");
        assertThat(logs.xpath(item + "/ips:totalFileCount")).isEqualTo("2");
        assertThat(logs.xpath(item + "/ips:fatalError")).isEqualTo("false");
        assertThat(logs.xpath(item + "/ips:description")).isEqualTo("Two product shots");
        assertThat(OffsetDateTime.parse(logs.xpath(item + "/ips:endDate")))
                .isAfterOrEqualTo(OffsetDateTime.parse(logs.xpath(item + "/ips:startDate")));
        assertThat(logs.count(item + "/ips:detailArray")).as("summaries only").isZero();
    }

    @Test
    void detailsListEveryLineInOrder() {
        SoapResponse details = server.call("getJobLogDetails", "logs/getJobLogDetails.xml",
                Map.of("company", "47", "handle", uploadHandle));

        assertThat(details.xpath("//ips:jobLogArray/ips:items/ips:detailTotalRows")).isEqualTo("4");
        assertThat(details.xpathAll("//ips:detailArray/ips:items/ips:logType"))
                .containsExactly("BeginUpload", "UploadSuccess", "UploadError", "EndUpload");
        List<String> messages = details.xpathAll("//ips:detailArray/ips:items/ips:logMessage");
        assertThat(messages.get(1)).startsWith("http://images.example.com/shoe.jpg was processed into asset a|47|");
        assertThat(messages.get(2)).contains("ftp://images.example.com/hat.jpg").contains("only http and https");
        assertThat(details.xpathAll("//ips:detailArray/ips:items/ips:assetName")).containsExactly("shoe.jpg", "hat.jpg");
    }

    @Test
    void detailsPageFilterAndSort() {
        String handle = server.submitPublish("47", "Paged log");
        server.awaitState("47", handle, "Done");

        SoapResponse page2 = server.call("getJobLogDetails", "logs/getJobLogDetails-paged.xml", Map.of("company", "47",
                "handle", handle, "logType", "ImageServingPublishSuccess", "perPage", "2", "page", "2", "direction", "Ascending"));
        assertThat(page2.xpath("//ips:detailTotalRows")).isEqualTo("3");
        assertThat(page2.xpathAll("//ips:detailArray/ips:items/ips:logMessage")).containsExactly("item 3 was processed.");

        SoapResponse descending = server.call("getJobLogDetails", "logs/getJobLogDetails-paged.xml", Map.of("company", "47",
                "handle", handle, "logType", "ImageServingPublishSuccess", "perPage", "2", "page", "1", "direction", "Descending"));
        assertThat(descending.xpathAll("//ips:detailArray/ips:items/ips:logMessage"))
                .containsExactly("item 3 was processed.", "item 2 was processed.");

        SoapResponse beyond = server.call("getJobLogDetails", "logs/getJobLogDetails-paged.xml", Map.of("company", "47",
                "handle", handle, "logType", "ImageServingPublishSuccess", "perPage", "2", "page", "9", "direction", "Ascending"));
        assertThat(beyond.count("//ips:detailArray/ips:items")).isZero();

        SoapResponse badPage = server.call("getJobLogDetails", "logs/getJobLogDetails-paged.xml", Map.of("company", "47",
                "handle", handle, "logType", "ImageServingPublishSuccess", "perPage", "0", "page", "1", "direction", "Ascending"));
        SubmitJobTest.assertFault(badPage, "ipsApiFault", 30001);
        assertThat(badPage.faultReason()).contains("recordsPerPage");
    }

    @Test
    void logsSortAndHonourNumRows() {
        for (String name : List.of("Sort c", "Sort a", "Sort b")) {
            server.awaitState("48", server.submitPublish("48", name), "Done");
        }
        SoapResponse ascending = server.call("getJobLogs", "logs/getJobLogs-sorted.xml",
                Map.of("company", "48", "sortBy", "JobName", "direction", "Ascending", "numRows", "10"));
        assertThat(ascending.xpathAll("//ips:jobLogArray/ips:items/ips:originalJobName").stream().filter(n -> n.startsWith("Sort ")))
                .containsExactly("Sort a", "Sort b", "Sort c");

        SoapResponse descending = server.call("getJobLogs", "logs/getJobLogs-sorted.xml",
                Map.of("company", "48", "sortBy", "JobName", "direction", "Descending", "numRows", "10"));
        assertThat(descending.xpathAll("//ips:jobLogArray/ips:items/ips:originalJobName").stream().filter(n -> n.startsWith("Sort ")))
                .containsExactly("Sort c", "Sort b", "Sort a");

        SoapResponse two = server.call("getJobLogs", "logs/getJobLogs-sorted.xml",
                Map.of("company", "48", "sortBy", "JobName", "direction", "Descending", "numRows", "2"));
        assertThat(two.count("//ips:jobLogArray/ips:items")).isEqualTo(2);

        SoapResponse badField = server.call("getJobLogs", "logs/getJobLogs-sorted.xml",
                Map.of("company", "48", "sortBy", "Colour", "direction", "Ascending", "numRows", "10"));
        SubmitJobTest.assertFault(badField, "ipsApiFault", 30001);
        assertThat(badField.faultReason()).contains("Colour").contains("JobName");
    }

    @Test
    void logsFilterByDateRangeAndUser() {
        String job = server.submitPublish("47", "Dated");
        server.awaitState("47", job, "Done");
        String handle = server.runHandle("47", job);
        OffsetDateTime started = OffsetDateTime.parse(server.activeJob("47", handle).xpath("//ips:startDate"));
        String ns = SoapClient.API_NS;

        SoapResponse after = server.call("getJobLogs", "<getJobLogsParam xmlns=\"" + ns + "\"><companyHandle>47</companyHandle>"
                + "<startDate>" + started.plus(Duration.ofMinutes(1)) + "</startDate></getJobLogsParam>");
        assertThat(after.xpathAll("//ips:items/ips:jobHandle")).doesNotContain(handle);

        SoapResponse within = server.call("getJobLogs", "<getJobLogsParam xmlns=\"" + ns + "\"><companyHandle>47</companyHandle>"
                + "<startDate>" + started.minus(Duration.ofMinutes(1)) + "</startDate><endDate>"
                + started.plus(Duration.ofMinutes(1)) + "</endDate></getJobLogsParam>");
        assertThat(within.xpathAll("//ips:items/ips:jobHandle")).contains(handle);

        String byUser = server.client.call("submitJob", TestServer.USER47, TestServer.USER47_PASSWORD,
                SoapClient.request("submitJob/image-serving-publish.xml", Map.of("company", "47", "name", "By user 47")))
                .xpath("//ips:jobHandle");
        server.awaitState("47", byUser, "Done");
        byUser = server.runHandle("47", byUser);
        SoapResponse userLogs = server.call("getJobLogs", "<getJobLogsParam xmlns=\"" + ns + "\"><companyHandle>47</companyHandle>"
                + "<userHandle>u|47|1</userHandle></getJobLogsParam>");
        assertThat(userLogs.xpathAll("//ips:items/ips:jobHandle")).containsExactly(byUser);
        assertThat(userLogs.xpathAll("//ips:items/ips:submitUserEmail")).containsOnly(TestServer.USER47);
    }

    @Test
    void assetLogsFollowAnAssetAcrossJobs() {
        SoapResponse details = server.call("getJobLogDetails", "logs/getJobLogDetails.xml",
                Map.of("company", "47", "handle", uploadHandle));
        String asset = details.xpath("//ips:detailArray/ips:items[ips:logType='UploadSuccess']/ips:assetHandle");
        assertThat(asset).startsWith("a|47|");
        String reprocess = server.call("submitJob", "submitJob/reprocess-assets.xml",
                Map.of("company", "47", "name", "Reprocess shoe", "asset", asset)).xpath("//ips:jobHandle");
        server.awaitState("47", reprocess, "Done");
        reprocess = server.runHandle("47", reprocess);

        SoapResponse history = server.call("getAssetJobLogs", "logs/getAssetJobLogs.xml", Map.of("company", "47", "asset", asset));

        assertThat(history.xpathAll("//ips:jobLogArray/ips:items/ips:jobHandle")).containsExactly(uploadRun, reprocess);
        assertThat(history.xpathAll("//ips:jobLogArray/ips:items/ips:logType")).containsExactly("UploadSuccess", "ReoptimizeSuccess");
        String otherUpload = server.call("submitJob", "submitJob/upload-urls.xml", Map.of("company", "48", "name", "Upload 48",
                "locale", "en-US", "url1", "http://images.example.com/1.jpg", "url2", "http://images.example.com/2.jpg"))
                .xpath("//ips:jobHandle");
        server.awaitState("48", otherUpload, "Done");
        assertThat(server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "48", "handle", otherUpload))
                .xpathAll("//ips:detailArray/ips:items/ips:assetHandle"))
                .as("asset numbers count per company").containsExactly("a|48|1", "a|48|2");
        SoapResponse otherCompany = server.client.call("getAssetJobLogs", TestServer.USER48, TestServer.USER48_PASSWORD,
                SoapClient.request("logs/getAssetJobLogs.xml", Map.of("company", "48", "asset", asset)));
        assertThat(otherCompany.count("//ips:jobLogArray/ips:items")).isZero();
    }

    @Test
    void logMessagesFollowTheCallersLocale() {
        String header = "<authHeader xmlns=\"" + SoapClient.COMMON_NS + "\"><user>" + TestServer.ADMIN + "</user><password>"
                + TestServer.ADMIN_PASSWORD + "</password><locale>de-DE</locale><appName>t</appName><appVersion>1</appVersion></authHeader>";
        SoapResponse german = server.client.post11("getJobLogDetails", SoapClient.envelope11(header,
                SoapClient.request("logs/getJobLogDetails.xml", Map.of("company", "47", "handle", uploadHandle))));

        assertThat(german.xpathAll("//ips:detailArray/ips:items/ips:logMessage").get(1)).contains("wurde als Asset");
    }

    @Test
    void anotherCompanysLogsAreOutOfReach() {
        SoapResponse response = server.client.call("getJobLogDetails", TestServer.USER48, TestServer.USER48_PASSWORD,
                SoapClient.request("logs/getJobLogDetails.xml", Map.of("company", "47", "handle", uploadHandle)));
        SubmitJobTest.assertFault(response, "authorizationFault", 20006);
        assertThat(response.body()).doesNotContain("Upload two");

        SoapResponse viaOwnCompany = server.client.call("getJobLogDetails", TestServer.USER48, TestServer.USER48_PASSWORD,
                SoapClient.request("logs/getJobLogDetails.xml", Map.of("company", "48", "handle", uploadHandle)));
        assertThat(viaOwnCompany.count("//ips:jobLogArray/ips:items")).isZero();
    }
}
