package org.ipsjobs.run.reprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.ipsjobs.testing.FileServer;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestFiles;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reprocessing reads assets again, optimizing makes pyramid TIFFs, the video sitemap lists the company's videos. */
class ReprocessTest {

    private static final FileServer files = new FileServer();
    @RegisterExtension
    static final TestServer server = TestServer.withRealRunners(s -> s);

    @AfterAll
    static void stopFiles() {
        files.close();
    }

    @Test
    void aFileChangedOnDiskIsTakenInAndAMissingAssetIsAnErrorLine() throws Exception {
        files.file("/r/banner.png", TestFiles.image("png", 10, 10));
        String asset = upload("/r/banner.png");
        byte[] bigger = TestFiles.image("png", 40, 20);
        Files.write(server.assetsRoot.resolve("Sample Company/media/banner.png"), bigger);

        SoapResponse log = run("Reprocess", "<reprocessAssetsJob><assetHandleArray><items>" + asset + "</items><items>"
                + "a|47|424242</items></assetHandleArray><createMask>false</createMask><emailSetting>None</emailSetting></reprocessAssetsJob>");

        assertThat(log.xpath("//ips:detailArray/ips:items[ips:logType='ReoptimizeSuccess']/ips:logMessage"))
                .contains("media/banner.png", "record updated", bigger.length + " bytes");
        assertThat(log.xpath("//ips:detailArray/ips:items[ips:logType='ReoptimizeFailure']/ips:logMessage"))
                .contains("a|47|424242", "not an asset");
    }

    @Test
    void theVideoSitemapListsTheCompanysVideos() throws Exception {
        byte[] mp4 = new byte[256];
        System.arraycopy("ftypisom".getBytes(StandardCharsets.US_ASCII), 0, mp4, 4, 8);
        files.file("/r/intro.mp4", mp4);
        upload("/r/intro.mp4");

        SoapResponse log = run("Sitemap", "<createVideoSitemapJob><forceUpdate>true</forceUpdate>"
                + "</createVideoSitemapJob>");

        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileSuccessCount")).isEqualTo("1");
        Path sitemap = server.assetsRoot.resolveSibling("ips-publish").resolve("Sample Company/video-sitemap.xml");
        assertThat(Files.readString(sitemap)).contains("<loc>media/intro.mp4</loc>").contains("sitemap-video/1.1");
    }

    @Test
    void optimizingWritesOnePyramidTiffPerImageAndRedoesItOnlyWhenTheContentChanged() throws Exception {
        files.file("/o/wide.png", TestFiles.image("png", 600, 300));
        String wide = upload("/o/wide.png");
        files.file("/o/doc.pdf", TestFiles.pdf(1));
        upload("/o/doc.pdf");
        Path derived = server.assetsRoot.resolve(".derived/Sample Company/media");

        SoapResponse first = run("Optimize", "<optimizeImagesJob><emailSetting>None</emailSetting></optimizeImagesJob>");

        assertThat(first.xpath("//ips:detailArray/ips:items[ips:assetHandle='" + wide + "']/ips:logMessage"))
                .contains("media/wide.png", "3 level(s)");
        assertThat(first.xpath("count(//ips:detailArray/ips:items[ips:logType='ReoptimizeFailure'])")).isEqualTo("0");
        Path copy = onlyCopyOf(derived, "wide.png");
        try (ImageInputStream in = ImageIO.createImageInputStream(copy.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(3);
            assertThat(List.of(reader.getWidth(0), reader.getHeight(0), reader.getWidth(2), reader.getHeight(2)))
                    .containsExactly(600, 300, 150, 75);
            assertThat(reader.isImageTiled(0)).isTrue();
            assertThat(reader.getTileWidth(0)).isEqualTo(256);
            reader.dispose();
        }

        SoapResponse again = run("Optimize again", "<optimizeImagesJob><emailSetting>None</emailSetting></optimizeImagesJob>");
        assertThat(again.xpath("//ips:detailArray/ips:items[ips:assetHandle='" + wide + "']/ips:logMessage"))
                .contains("already has an optimized copy");

        Files.write(server.assetsRoot.resolve("Sample Company/media/wide.png"), TestFiles.image("png", 200, 100));
        run("Reread", "<reprocessAssetsJob><assetHandleArray><items>" + wide + "</items></assetHandleArray>"
                + "<createMask>false</createMask><emailSetting>None</emailSetting></reprocessAssetsJob>");
        SoapResponse changed = run("Optimize changed", "<optimizeImagesJob><emailSetting>None</emailSetting></optimizeImagesJob>");
        assertThat(changed.xpath("//ips:detailArray/ips:items[ips:assetHandle='" + wide + "']/ips:logMessage"))
                .contains("1 level(s)");
        assertThat(onlyCopyOf(derived, "wide.png")).isNotEqualTo(copy);
    }

    private static Path onlyCopyOf(Path folder, String name) throws Exception {
        try (Stream<Path> all = Files.list(folder)) {
            List<Path> copies = all.filter(p -> p.getFileName().toString().startsWith(name + ".")).toList();
            assertThat(copies).hasSize(1);
            return copies.get(0);
        }
    }

    private static String upload(String path) {
        return server.uploadUrls("Up " + path, "media/", true, true, files.url(path))
                .xpath("//ips:detailArray/ips:items[ips:logType='UploadSuccess']/ips:assetHandle");
    }

    private static SoapResponse run(String name, String detail) {
        SoapResponse r = server.call("submitJob", "<submitJobParam xmlns=\"http://www.scene7.com/IpsApi/xsd/"
                + "2022-11-01-beta\"><companyHandle>47</companyHandle><jobName>" + name + "</jobName>" + detail
                + "</submitJobParam>");
        assertThat(r.isFault()).as(r.toString()).isFalse();
        String handle = r.xpath("//ips:submitJobReturn/ips:jobHandle");
        server.awaitState("47", handle, "Done");
        return details(handle);
    }

    private static SoapResponse details(String job) {
        return server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "47", "handle", job));
    }
}
