package org.ipsjobs.run.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.ipsjobs.testing.FileServer;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestFiles;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Publish jobs copy the assets marked for publish that their kind serves, write a manifest, and
 * record the publish on each asset, so that an incremental publish takes only what changed since.
 */
class PublishTest {

    private static final FileServer files = new FileServer();
    @RegisterExtension
    static final TestServer server = TestServer.withRealRunners(s -> s);

    @AfterAll
    static void stopFiles() {
        files.close();
    }

    private static Path published() {
        return server.assetsRoot.resolveSibling("ips-publish").resolve("Sample Company/image-serving");
    }

    @Test
    void fullThenIncrementalPublishesCopyWhatIsReadyAndChanged() throws IOException {
        byte[] red = TestFiles.image("png", 10, 10);
        byte[] blue = TestFiles.image("jpeg", 20, 10);
        byte[] redAgain = TestFiles.image("png", 11, 11);
        files.file("/red.png", red).file("/blue.jpg", blue).file("/doc.pdf", TestFiles.pdf(1))
                .file("/hidden.png", TestFiles.image("png", 3, 3)).file("/v2/red.png", redAgain);
        upload("Catalog", true, true, "/red.png", "/blue.jpg", "/doc.pdf");
        upload("Not ready", false, true, "/hidden.png");

        String full = publish("Full publish", "Full");

        SoapResponse log = details(full);
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileSuccessCount")).as("two images; the PDF is not"
                + " served by image serving, the hidden one not marked").isEqualTo("2");
        assertThat(Files.readAllBytes(published().resolve("shots/red.png"))).isEqualTo(red);
        assertThat(Files.readAllBytes(published().resolve("shots/blue.jpg"))).isEqualTo(blue);
        assertThat(Files.exists(published().resolve("shots/hidden.png"))).isFalse();
        assertThat(manifestPaths()).containsExactly("shots/blue.jpg", "shots/red.png");

        String nothingNew = publish("Incremental, nothing changed", "Incremental");
        assertThat(details(nothingNew).xpath("//ips:jobLogArray/ips:items/ips:fileSuccessCount")).isEqualTo("0");

        upload("Red again", true, true, "/v2/red.png");
        String incremental = publish("Incremental after a change", "Incremental");
        assertThat(details(incremental).xpathAll("//ips:detailArray/ips:items[ips:logType='ImageServingPublishSuccess']"
                + "/ips:logMessage")).singleElement().asString().contains("shots/red.png");
        assertThat(Files.readAllBytes(published().resolve("shots/red.png"))).isEqualTo(redAgain);
        assertThat(manifestPaths()).as("the incremental manifest keeps the earlier entries")
                .containsExactly("shots/blue.jpg", "shots/red.png");
    }

    private static List<String> manifestPaths() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(published().resolve("manifest.json").toFile());
        return manifest.path("assets").findValuesAsText("path");
    }

    private static void upload(String name, boolean ready, boolean overwrite, String... paths) {
        server.uploadUrls(name, "shots/", overwrite, ready, java.util.Arrays.stream(paths).map(files::url)
                .toArray(String[]::new));
    }

    private static String publish(String name, String type) {
        SoapResponse r = server.call("submitJob", "<submitJobParam xmlns=\"http://www.scene7.com/IpsApi/xsd/"
                + "2022-11-01-beta\"><companyHandle>47</companyHandle><jobName>" + name + "</jobName>"
                + "<imageServingPublishJob><publishType>" + type + "</publishType><emailSetting>None</emailSetting>"
                + "</imageServingPublishJob></submitJobParam>");
        assertThat(r.isFault()).as(r.toString()).isFalse();
        String handle = r.xpath("//ips:submitJobReturn/ips:jobHandle");
        server.awaitState("47", handle, "Done");
        return handle;
    }

    private static SoapResponse details(String job) {
        return server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "47", "handle", job));
    }
}
