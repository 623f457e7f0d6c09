package org.ipsjobs.run.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.ipsjobs.run.FetchLimits;
import org.ipsjobs.testing.FileServer;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestFiles;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * UploadUrlsJob does real work over SOAP: files are fetched from a local server, recognised, and
 * stored whole in the company's folder; every failure is a log line that says which URL and why.
 */
class UrlUploadTest {

    private static final FileServer files = new FileServer();
    // small limits, so that the oversized and silent answers are quick to produce
    @RegisterExtension
    static final TestServer server = TestServer.withRealRunners(s -> s.withWork(s.work().withFetch(
            new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(1), 1024 * 1024, 5))));

    @AfterAll
    static void stopFiles() {
        files.close();
    }

    private static Path company() {
        return server.assetsRoot.resolve("Sample Company");
    }

    @Test
    void filesAreFetchedRecognisedAndStoredWithTheirChecksums() throws IOException {
        byte[] jpeg = TestFiles.image("jpeg", 120, 80);
        byte[] tiff = TestFiles.image("tiff", 60, 40);
        byte[] pdf = TestFiles.pdf(4);
        files.file("/shots/front.jpg", jpeg).file("/shots/side%20view.tif", tiff).file("/docs/spec.pdf", pdf)
                .redirect("/moved/spec.pdf", "/docs/spec.pdf");

        String job = submit("Three files", true, "Sample Company/products/", files.url("/shots/front.jpg"),
                files.url("/shots/side%20view.tif"), files.url("/moved/spec.pdf"));
        server.awaitState("47", job, "Done");

        SoapResponse log = details(job);
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileSuccessCount")).isEqualTo("3");
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileErrorCount")).isEqualTo("0");
        assertThat(log.xpathAll("//ips:detailArray/ips:items[ips:logType='UploadSuccess']/ips:logMessage"))
                .anyMatch(m -> m.contains("products/front.jpg") && m.contains("Image") && m.contains(jpeg.length + " bytes"))
                .anyMatch(m -> m.contains("products/side view.tif"))
                .anyMatch(m -> m.contains("products/spec.pdf") && m.contains("Pdf"));
        assertThat(log.xpathAll("//ips:detailArray/ips:items[ips:logType='UploadSuccess']/ips:assetHandle"))
                .hasSize(3).allMatch(h -> h.startsWith("a|47|"));
        assertThat(TestFiles.sha256(Files.readAllBytes(company().resolve("products/front.jpg"))))
                .isEqualTo(TestFiles.sha256(jpeg));
        assertThat(Files.readAllBytes(company().resolve("products/side view.tif"))).isEqualTo(tiff);
        assertThat(Files.readAllBytes(company().resolve("products/spec.pdf"))).isEqualTo(pdf);
    }

    @Test
    void eachFailureIsAnErrorLineNamingTheUrlAndWhy() throws IOException {
        files.status("/missing.jpg", 404).file("/notes.jpg", "a text file, named like an image".getBytes())
                .file("/bomb.png", TestFiles.pngClaiming(100_000, 100_000)).large("/huge.jpg", 2 * 1024 * 1024, true)
                .large("/huge-chunked.jpg", 2 * 1024 * 1024, false).redirect("/loop.jpg", "/loop.jpg")
                .redirect("/to-metadata.jpg", "http://169.254.169.254/latest/meta-data/");
        List<String> urls = List.of(files.url("/missing.jpg"), files.url("/notes.jpg"), files.url("/bomb.png"),
                files.url("/huge.jpg"), files.url("/huge-chunked.jpg"), files.url("/loop.jpg"),
                files.url("/to-metadata.jpg"), "http://no-such-host.invalid/a.jpg", "ftp://example.com/a.jpg");

        String job = submit("Nine failures", false, "failures/", urls.toArray(String[]::new));
        server.awaitState("47", job, "Done");

        SoapResponse log = details(job);
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileErrorCount")).isEqualTo("9");
        Map<String, String> why = log.xpathAll("//ips:detailArray/ips:items[ips:logType='UploadError']/ips:logMessage")
                .stream().collect(Collectors.toMap(m -> m.substring(0, m.indexOf(' ')), m -> m));
        assertThat(why.get(files.url("/missing.jpg"))).contains("HTTP 404");
        assertThat(why.get(files.url("/notes.jpg"))).contains("not a supported image, PDF or video");
        assertThat(why.get(files.url("/bomb.png"))).contains("100000 x 100000");
        assertThat(why.get(files.url("/huge.jpg"))).contains("larger than the 1048576 bytes");
        assertThat(why.get(files.url("/huge-chunked.jpg"))).contains("larger than the 1048576 bytes");
        assertThat(why.get(files.url("/loop.jpg"))).contains("more than 5 times");
        assertThat(why.get(files.url("/to-metadata.jpg"))).contains("169.254.169.254").contains("deny list");
        assertThat(why.get("http://no-such-host.invalid/a.jpg")).contains("no-such-host.invalid is unknown");
        assertThat(why.get("ftp://example.com/a.jpg")).contains("only http and https");
        assertThat(files.hits("/loop.jpg")).isEqualTo(6);
        assertThat(Files.exists(company().resolve("failures"))).as("nothing stored").isFalse();
        assertThat(staged()).isEmpty();
    }

    @Test
    void aClashWithoutOverwriteIsAWarningAndTheAssetStays() throws IOException {
        byte[] first = TestFiles.image("png", 10, 10);
        byte[] second = TestFiles.image("png", 20, 20);
        files.file("/v1/logo.png", first).file("/v2/logo.png", second);
        String one = submit("Logo v1", false, "brand/", files.url("/v1/logo.png"));
        server.awaitState("47", one, "Done");
        String handle = details(one).xpath("//ips:detailArray/ips:items[ips:logType='UploadSuccess']/ips:assetHandle");

        String two = submit("Logo v2 without overwrite", false, "brand/", files.url("/v2/logo.png"));
        server.awaitState("47", two, "Done");

        SoapResponse log = details(two);
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileWarningCount")).isEqualTo("1");
        assertThat(log.xpath("//ips:detailArray/ips:items[ips:logType='UploadWarning']/ips:logMessage"))
                .contains("already exists at brand/logo.png").contains(handle);
        assertThat(files.hits("/v2/logo.png")).as("not even fetched").isZero();
        assertThat(Files.readAllBytes(company().resolve("brand/logo.png"))).isEqualTo(first);

        String three = submit("Logo v2 with overwrite", true, "brand/", files.url("/v2/logo.png"));
        server.awaitState("47", three, "Done");
        assertThat(details(three).xpath("//ips:detailArray/ips:items[ips:logType='UploadSuccess']/ips:assetHandle"))
                .as("a replaced asset keeps its handle").isEqualTo(handle);
        assertThat(Files.readAllBytes(company().resolve("brand/logo.png"))).isEqualTo(second);
    }

    @Test
    void aStopInTheMiddleOfAFileLeavesNoPartOfIt() throws IOException {
        files.stall("/stalled-for-stop.jpg", 200_000, 900_000);
        String job = submit("Stopped mid-file", true, "stopped/", files.url("/stalled-for-stop.jpg"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.activeJob("47", job)
                .xpath("//ips:items/ips:taskProgressArray//ips:taskItemProgressArray/ips:items/ips:progressMessage")
                .contains("received"));

        server.control("stopJob", "47", job);
        server.awaitState("47", job, "Done");

        assertThat(details(job).xpathAll("//ips:detailArray/ips:items/ips:logType")).contains("FileCancel")
                .doesNotContain("UploadSuccess", "UploadError");
        assertThat(Files.exists(company().resolve("stopped"))).isFalse();
        assertThat(staged()).isEmpty();
    }

    @Test
    void aServerThatFallsSilentTimesOut() {
        files.stall("/stalled.jpg", 10, 1000);
        String job = submit("Silent server", true, "silent/", files.url("/stalled.jpg"));
        server.awaitState("47", job, "Done");

        assertThat(details(job).xpath("//ips:detailArray/ips:items[ips:logType='UploadError']/ips:logMessage"))
                .contains(files.url("/stalled.jpg")).contains("sent nothing for 1 s");
    }

    @Test
    void aDestinationThatLeavesTheCompanysFolderIsRefusedAtSubmit() {
        SoapResponse refused = server.call("submitJob", body("Escape", true, "../other-company/",
                List.of(files.url("/x.jpg"))));

        assertThat(refused.faultCode()).isEqualTo(30001);
        assertThat(refused.faultReason()).contains("destPath").contains("..");
    }

    private static String submit(String name, boolean overwrite, String destPath, String... urls) {
        SoapResponse r = server.call("submitJob", body(name, overwrite, destPath, List.of(urls)));
        assertThat(r.isFault()).as(r.toString()).isFalse();
        return r.xpath("//ips:submitJobReturn/ips:jobHandle");
    }

    private static String body(String name, boolean overwrite, String destPath, List<String> urls) {
        String items = urls.stream().map(u -> "<items><sourceUrl>" + u.replace("&", "&amp;") + "</sourceUrl><destPath>"
                + destPath + "</destPath></items>").collect(Collectors.joining());
        return "<submitJobParam xmlns=\"http://www.scene7.com/IpsApi/xsd/2022-11-01-beta\"><companyHandle>47"
                + "</companyHandle><jobName>" + name + "</jobName><uploadUrlsJob><urlArray>" + items + "</urlArray>"
                + "<overwrite>" + overwrite + "</overwrite><readyForPublish>true</readyForPublish>"
                + "<createMask>false</createMask><emailSetting>None</emailSetting></uploadUrlsJob></submitJobParam>";
    }

    private static SoapResponse details(String job) {
        return server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "47", "handle", job));
    }

    private static List<Path> staged() throws IOException {
        try (Stream<Path> left = Files.list(server.assetsRoot.resolve(".staging"))) {
            return left.toList();
        }
    }
}
