package org.ipsjobs.run.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestFiles;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** UploadDirectoryJob stores the files of the company's drop folder, and nothing outside it. */
class DirectoryUploadTest {

    @RegisterExtension
    static final TestServer server = TestServer.withRealRunners(s -> s);

    private static Path drop() {
        return server.assetsRoot.resolveSibling("ips-drop").resolve("Sample Company");
    }

    private static Path company() {
        return server.assetsRoot.resolve("Sample Company");
    }

    @Test
    void theDropFoldersFilesBecomeAssetsUnderTheDestinationWithTheirSubfolders(@org.junit.jupiter.api.io.TempDir
            Path outside) throws IOException {
        Files.createDirectories(drop().resolve("incoming/sub"));
        Path incoming = drop().resolve("incoming");
        byte[] png = TestFiles.image("png", 12, 9);
        byte[] pdf = TestFiles.pdf(1);
        Files.write(incoming.resolve("a.png"), png);
        Files.write(incoming.resolve("sub/b.pdf"), pdf);
        Files.writeString(incoming.resolve("notes.txt"), "not an image");
        Files.writeString(outside.resolve("secret.png"), "outside the drop folder");
        Files.createSymbolicLink(incoming.resolve("link.png"), outside.resolve("secret.png"));

        String job = submit("From the drop folder", "incoming", "from-ftp/", true);
        server.awaitState("47", job, "Done");

        SoapResponse log = details(job);
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileSuccessCount")).isEqualTo("2");
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileErrorCount")).isEqualTo("1");
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileWarningCount")).isEqualTo("1");
        assertThat(log.xpath("//ips:detailArray/ips:items[ips:logType='UploadWarning']/ips:logMessage"))
                .contains("link.png").contains("not a regular file");
        assertThat(Files.readAllBytes(company().resolve("from-ftp/a.png"))).isEqualTo(png);
        assertThat(Files.readAllBytes(company().resolve("from-ftp/sub/b.pdf"))).isEqualTo(pdf);
        assertThat(Files.exists(company().resolve("from-ftp/link.png"))).isFalse();
        assertThat(Files.exists(incoming.resolve("a.png"))).as("the drop folder's files stay").isTrue();
    }

    @Test
    void withoutSubfoldersOnlyTheFolderItselfIsTaken() throws IOException {
        Files.createDirectories(drop().resolve("flat/deeper"));
        Path flat = drop().resolve("flat");
        Files.write(flat.resolve("top.png"), TestFiles.image("png", 5, 5));
        Files.write(flat.resolve("deeper/below.png"), TestFiles.image("png", 5, 5));

        String job = submit("Flat", "flat", "flat/", false);
        server.awaitState("47", job, "Done");

        assertThat(details(job).xpath("//ips:jobLogArray/ips:items/ips:fileSuccessCount")).isEqualTo("1");
        assertThat(Files.exists(company().resolve("flat/top.png"))).isTrue();
        assertThat(Files.exists(company().resolve("flat/deeper/below.png"))).isFalse();
    }

    @Test
    void aMissingDropFolderIsAnErrorLineAndAFolderOutsideIsRefusedAtSubmit() {
        String job = submit("Nothing there", "no-such-folder", "", false);
        server.awaitState("47", job, "Done");
        assertThat(details(job).xpath("//ips:detailArray/ips:items[ips:logType='UploadError']/ips:logMessage"))
                .contains("no-such-folder").contains("does not exist");

        SoapResponse refused = server.call("submitJob", body("Escape", "../Other Company", "", false));
        assertThat(refused.faultCode()).isEqualTo(30001);
        assertThat(refused.faultReason()).contains("serverDir").contains("..");
    }

    private static String submit(String name, String serverDir, String destFolder, boolean subfolders) {
        SoapResponse r = server.call("submitJob", body(name, serverDir, destFolder, subfolders));
        assertThat(r.isFault()).as(r.toString()).isFalse();
        return r.xpath("//ips:submitJobReturn/ips:jobHandle");
    }

    private static String body(String name, String serverDir, String destFolder, boolean subfolders) {
        return "<submitJobParam xmlns=\"http://www.scene7.com/IpsApi/xsd/2022-11-01-beta\"><companyHandle>47"
                + "</companyHandle><jobName>" + name + "</jobName><uploadDirectoryJob><destFolder>" + destFolder
                + "</destFolder><serverDir>" + serverDir + "</serverDir><overwrite>false</overwrite><readyForPublish>"
                + "true</readyForPublish><includeSubfolders>" + subfolders + "</includeSubfolders><createMask>false"
                + "</createMask><processMetadataFiles>false</processMetadataFiles><emailSetting>None</emailSetting>"
                + "</uploadDirectoryJob></submitJobParam>";
    }

    private static SoapResponse details(String job) {
        return server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "47", "handle", job));
    }
}
