package org.ipsjobs.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.ipsjobs.server.ServiceSettings;
import org.ipsjobs.testing.FileServer;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestFiles;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole service stopped and started again on the same folders: the assets uploaded before are
 * still there, by handle and by path, with the same bytes, and new uploads get new handles.
 */
class AssetStoreRestartTest {

    private final FileServer files = new FileServer();

    @TempDir
    Path folders;

    @AfterEach
    void stopFiles() {
        files.close();
    }

    @Test
    void assetsUploadedBeforeARestartAreFoundByHandleAndPathAfterIt() throws Exception {
        byte[] png = TestFiles.image("png", 30, 20);
        byte[] pdf = TestFiles.pdf(2);
        files.file("/k/logo.png", png).file("/k/sheet.pdf", pdf).file("/k/new.png", TestFiles.image("png", 5, 5));
        String logo;
        String sheet;
        try (TestServer before = TestServer.withRealRunners(onFolders())) {
            SoapResponse up = before.uploadUrls("Before", "kept/", false, true, files.url("/k/logo.png"),
                    files.url("/k/sheet.pdf"));
            logo = handleOf(up, "logo.png");
            sheet = handleOf(up, "sheet.pdf");
        }

        try (TestServer after = TestServer.withRealRunners(onFolders())) {
            SoapResponse reread = run(after, "<reprocessAssetsJob><assetHandleArray><items>" + logo + "</items><items>"
                    + sheet + "</items></assetHandleArray><createMask>false</createMask>"
                    + "<emailSetting>None</emailSetting></reprocessAssetsJob>");
            assertThat(reread.xpath("//ips:jobLogArray/ips:items/ips:fileSuccessCount")).isEqualTo("2");
            assertThat(reread.xpath("//ips:detailArray/ips:items[ips:assetHandle='" + logo + "']/ips:logMessage"))
                    .contains("kept/logo.png", "unchanged", png.length + " bytes");
            assertThat(reread.xpath("//ips:detailArray/ips:items[ips:assetHandle='" + sheet + "']/ips:logMessage"))
                    .contains("kept/sheet.pdf", "unchanged", pdf.length + " bytes");

            SoapResponse again = after.uploadUrls("After", "kept/", false, true, files.url("/k/logo.png"),
                    files.url("/k/new.png"));
            assertThat(again.xpath("//ips:detailArray/ips:items[ips:logType='UploadWarning']/ips:logMessage"))
                    .as("the path is still taken").contains("kept/logo.png");
            String fresh = handleOf(again, "new.png");
            assertThat(fresh).isNotIn(logo, sheet);
            assertThat(TestFiles.sha256(Files.readAllBytes(after.assetsRoot.resolve("Sample Company/kept/logo.png"))))
                    .isEqualTo(TestFiles.sha256(png));
        }
    }

    /** Both servers keep their files in this test's folder, not each in a new one. */
    private UnaryOperator<ServiceSettings> onFolders() {
        return s -> s.withWork(s.work().under(folders));
    }

    private static String handleOf(SoapResponse log, String name) {
        String handle = log.xpath("//ips:detailArray/ips:items[ips:logType='UploadSuccess' and contains(ips:logMessage,'"
                + name + "')]/ips:assetHandle");
        assertThat(handle).as(log.toString()).startsWith("a|47|");
        return handle;
    }

    private static SoapResponse run(TestServer server, String detail) {
        SoapResponse r = server.call("submitJob", "<submitJobParam xmlns=\"http://www.scene7.com/IpsApi/xsd/"
                + "2022-11-01-beta\"><companyHandle>47</companyHandle><jobName>After restart</jobName>" + detail
                + "</submitJobParam>");
        assertThat(r.isFault()).as(r.toString()).isFalse();
        String handle = r.xpath("//ips:submitJobReturn/ips:jobHandle");
        server.awaitState("47", handle, "Done");
        return server.logDetails("47", handle);
    }
}
