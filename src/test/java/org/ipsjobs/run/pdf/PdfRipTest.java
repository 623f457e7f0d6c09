package org.ipsjobs.run.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import org.ipsjobs.testing.FileServer;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestFiles;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RipPdfsJob renders each page of a PDF asset into an image asset beside it. */
class PdfRipTest {

    private static final FileServer files = new FileServer();
    @RegisterExtension
    static final TestServer server = TestServer.withRealRunners(s -> s);

    @AfterAll
    static void stopFiles() {
        files.close();
    }

    @Test
    void eachPageBecomesAJpegAssetAndWhatIsNoPdfIsAnErrorLine() throws Exception {
        files.file("/catalog.pdf", TestFiles.pdf(3)).file("/photo.png", TestFiles.image("png", 5, 5));
        SoapResponse uploaded = upload("/catalog.pdf", "/photo.png");
        String pdf = uploaded.xpath("//ips:detailArray/ips:items[contains(ips:logMessage,'catalog.pdf')]/ips:assetHandle");
        String png = uploaded.xpath("//ips:detailArray/ips:items[contains(ips:logMessage,'photo.png')]/ips:assetHandle");

        SoapResponse r = server.call("submitJob", "<submitJobParam xmlns=\"http://www.scene7.com/IpsApi/xsd/"
                + "2022-11-01-beta\"><companyHandle>47</companyHandle><jobName>Rip</jobName><ripPdfsJob><pdfHandleArray>"
                + "<items>" + pdf + "</items><items>" + png + "</items></pdfHandleArray><createMask>false</createMask>"
                + "<emailSetting>None</emailSetting></ripPdfsJob></submitJobParam>");
        assertThat(r.isFault()).as(r.toString()).isFalse();
        String job = r.xpath("//ips:submitJobReturn/ips:jobHandle");
        server.awaitState("47", job, "Done");

        SoapResponse log = details(job);
        assertThat(log.xpath("//ips:detailArray/ips:items[ips:logType='FileUpdated']/ips:logMessage"))
                .contains("3 page image(s)");
        assertThat(log.xpath("//ips:detailArray/ips:items[ips:logType='PdfRipError']/ips:logMessage"))
                .contains("is not a PDF");
        Path folder = server.assetsRoot.resolve("Sample Company/docs");
        for (int page = 1; page <= 3; page++) {
            var image = ImageIO.read(folder.resolve("catalog-" + page + ".jpg").toFile());
            assertThat(image.getWidth()).as("a US letter page at 150 dpi").isEqualTo(1275);
        }
        assertThat(Files.exists(folder.resolve("catalog-4.jpg"))).isFalse();
    }

    private static SoapResponse upload(String... paths) {
        return server.uploadUrls("PDFs", "docs/", true, true, java.util.Arrays.stream(paths).map(files::url)
                .toArray(String[]::new));
    }

    private static SoapResponse details(String job) {
        return server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "47", "handle", job));
    }
}
