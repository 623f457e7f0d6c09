package org.ipsjobs.run.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.ipsjobs.run.FetchLimits;
import org.ipsjobs.testing.FileServer;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestFiles;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ExportJob writes a zip of the requested assets that its log names and an authenticated GET returns. */
class ExportTest {

    /** uploads.maxFileSize, which also caps what an export's zip may hold. */
    private static final long MAX_BYTES = 2 * 1024 * 1024;
    private static final FileServer files = new FileServer();
    @RegisterExtension
    static final TestServer server = TestServer.withRealRunners(s -> s.withWork(s.work().withFetch(
            new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(2), MAX_BYTES, 5))));
    private static final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stopFiles() {
        files.close();
    }

    @Test
    void theOriginalsGoIntoAZipThatTheOwnerCanDownload() throws Exception {
        byte[] jpeg = TestFiles.image("jpeg", 30, 20);
        byte[] pdf = TestFiles.pdf(1);
        files.file("/e/photo.jpg", jpeg).file("/e/sheet.pdf", pdf);
        List<String> handles = upload("For export", "/e/photo.jpg", "/e/sheet.pdf");

        SoapResponse log = export("Originals", "orig", handles.get(0), handles.get(1), "a|47|999999");

        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileSuccessCount")).isEqualTo("2");
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileErrorCount")).isEqualTo("1");
        String name = zipName(log);
        HttpResponse<byte[]> download = get(name, "47", TestServer.USER47, TestServer.USER47_PASSWORD);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).contains("application/zip");
        Map<String, byte[]> zip = unzip(download.body());
        assertThat(zip).containsOnlyKeys("exported/photo.jpg", "exported/sheet.pdf");
        assertThat(zip.get("exported/photo.jpg")).isEqualTo(jpeg);
        assertThat(zip.get("exported/sheet.pdf")).isEqualTo(pdf);
    }

    @Test
    void anImageFormatReencodesTheImages() throws Exception {
        files.file("/f/logo.jpg", TestFiles.image("jpeg", 16, 12));
        List<String> handles = upload("For png", "/f/logo.jpg");

        SoapResponse log = export("As png", "png", handles.get(0));

        Map<String, byte[]> zip = unzip(get(zipName(log), "47", TestServer.ADMIN, TestServer.ADMIN_PASSWORD).body());
        assertThat(zip).containsOnlyKeys("exported/logo.png");
        var image = ImageIO.read(new ByteArrayInputStream(zip.get("exported/logo.png")));
        assertThat(image.getWidth()).isEqualTo(16);
        assertThat(image.getHeight()).isEqualTo(12);
    }

    @Test
    void aSmallImageThatWouldReencodeIntoAHugeOneStopsTheExportAtTheCapAndLeavesNoZip() throws Exception {
        byte[] png = TestFiles.image("png", 2000, 2000); // a few KB that decode to 12 MB of BMP
        assertThat(png.length).isLessThan(100_000);
        files.file("/b/flat.png", png);
        List<String> handles = upload("For bomb", "/b/flat.png");

        SoapResponse log = export("Bomb", "bmp", handles.get(0));

        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileErrorCount")).isEqualTo("1");
        assertThat(log.xpath("//ips:detailArray/ips:items[ips:assetHandle='" + handles.get(0) + "' or "
                + "contains(ips:logMessage,'flat.png')]/ips:logMessage")).contains("larger than " + MAX_BYTES + " bytes");
        assertThat(String.join("\n", log.xpathAll("//ips:detailArray/ips:items/ips:logMessage")))
                .doesNotContain("GET /scene7/export/");
        try (Stream<Path> left = Files.walk(server.assetsRoot.resolveSibling("ips-export"))) {
            assertThat(left.filter(p -> p.getFileName().toString().contains("Bomb"))).as("no zip, no part").isEmpty();
        }
    }

    @Test
    void downloadsAreRefusedToStrangersOtherCompaniesAndMadeUpNames() throws Exception {
        files.file("/g/a.png", TestFiles.image("png", 4, 4));
        String name = zipName(export("Guarded", "", upload("For guard", "/g/a.png").get(0)));

        assertThat(get(name, "47", TestServer.USER47, "wrong").statusCode()).isEqualTo(401);
        assertThat(get(name, "47", TestServer.USER48, TestServer.USER48_PASSWORD).statusCode()).isEqualTo(403);
        assertThat(get(name, "48", TestServer.USER48, TestServer.USER48_PASSWORD).statusCode())
                .as("company 48 has no such export").isEqualTo(404);
        assertThat(get("export-..%2F..%2Fips-data.zip", "47", TestServer.ADMIN, TestServer.ADMIN_PASSWORD)
                .statusCode()).as("Jetty refuses an encoded separator before the servlet sees it").isEqualTo(400);
        assertThat(get("..export-x.zip", "47", TestServer.ADMIN, TestServer.ADMIN_PASSWORD).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> noCredentials = http.send(HttpRequest.newBuilder(base().resolve("/scene7/export/" + name
                + "?companyHandle=47")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(noCredentials.statusCode()).isEqualTo(401);
        assertThat(noCredentials.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    private static List<String> upload(String name, String... paths) {
        return server.uploadUrls(name, "exported/", true, true, java.util.Arrays.stream(paths).map(files::url)
                .toArray(String[]::new)).xpathAll("//ips:detailArray/ips:items[ips:logType='UploadSuccess']/ips:assetHandle");
    }

    private static SoapResponse export(String name, String fmt, String... assetHandles) {
        StringBuilder items = new StringBuilder();
        for (String h : assetHandles) {
            items.append("<items>").append(h).append("</items>");
        }
        SoapResponse r = server.call("submitJob", "<submitJobParam xmlns=\"http://www.scene7.com/IpsApi/xsd/"
                + "2022-11-01-beta\"><companyHandle>47</companyHandle><jobName>" + name + "</jobName><exportJob>"
                + "<assetHandleArray>" + items + "</assetHandleArray><fmt>" + fmt + "</fmt><emailSetting>None"
                + "</emailSetting></exportJob></submitJobParam>");
        assertThat(r.isFault()).as(r.toString()).isFalse();
        String handle = r.xpath("//ips:submitJobReturn/ips:jobHandle");
        server.awaitState("47", handle, "Done");
        return details(handle);
    }

    /** The zip's name, from the log line that announces it. */
    private static String zipName(SoapResponse log) {
        Matcher m = Pattern.compile("GET /scene7/export/(\\S+)\\?").matcher(String.join("\n",
                log.xpathAll("//ips:detailArray/ips:items/ips:logMessage")));
        assertThat(m.find()).as(log.toString()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<byte[]> get(String name, String company, String user, String password)
            throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(base().resolve("/scene7/export/" + name + "?companyHandle=" + company))
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI base() {
        return server.server.endpoint();
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static SoapResponse details(String job) {
        return server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "47", "handle", job));
    }
}
