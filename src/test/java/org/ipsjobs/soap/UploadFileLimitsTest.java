package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ipsjobs.run.FetchLimits;
import org.ipsjobs.run.WorkSettings;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestFiles;
import org.ipsjobs.testing.TestServer;
import org.ipsjobs.testing.UploadFileClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Oversized, overlong and badly named uploads are refused with a fault and leave no job and no file. */
class UploadFileLimitsTest {

    // small limits: a file part of 64 KB, a POST of 256 KB, three files in one POST
    @RegisterExtension
    static final TestServer server = TestServer.withRealRunners(s -> {
        WorkSettings w = s.work();
        return s.withWork(new WorkSettings(w.runner(), w.assetsRoot(), w.dropRoot(), w.publishRoot(), w.exportRoot(),
                w.maxImagePixels(), new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024, 5),
                w.outbound(), w.postTimeout(), 3, 256 * 1024, w.simulated()));
    });
    private static final UploadFileClient upload = new UploadFileClient(server.server.endpoint());

    @Test
    void aFilePartOverTheSizeLimitIsRefused() throws IOException {
        SoapResponse r = upload.post(UploadFileClient.asAdmin()
                .params("<companyHandle>47</companyHandle><jobName>Big part</jobName>")
                .file("big.bin", new byte[100 * 1024]));

        assertThat(r.faultCode()).as(r.body()).isEqualTo(30003);
        assertThat(r.faultReason()).contains("max file size exceeded", "each at most 65536 bytes")
                .doesNotContain("Exception");
        assertNothingLeft("Big part");
    }

    @Test
    void aPostOverTheBodyLimitIsRefused() throws IOException {
        SoapResponse r = upload.post(UploadFileClient.asAdmin()
                .params("<companyHandle>47</companyHandle><jobName>Big post</jobName>")
                .file("a.bin", new byte[60 * 1024]).file("b.bin", new byte[60 * 1024]).file("c.bin", new byte[60 * 1024])
                .file("d.bin", new byte[60 * 1024]).file("e.bin", new byte[60 * 1024]));

        assertThat(r.faultCode()).as(r.body()).isEqualTo(30003);
        assertNothingLeft("Big post");
    }

    @Test
    void moreFilesThanAPostMayCarryAreRefused() throws IOException {
        byte[] png = TestFiles.image("png", 2, 2);
        SoapResponse r = upload.post(UploadFileClient.asAdmin()
                .params("<companyHandle>47</companyHandle><jobName>Four files</jobName>")
                .file("1.png", png).file("2.png", png).file("3.png", png).file("4.png", png));

        assertThat(r.faultCode()).as(r.body()).isIn(30001, 30003);
        assertNothingLeft("Four files");
    }

    @Test
    void aFileNameWithAControlCharacterOrAClimbIsRefusedNamingIt() throws IOException {
        byte[] png = TestFiles.image("png", 2, 2);
        // on a connection of its own: after this refusal the server may close the connection without
        // saying so, and a pooled client connection would then fail the next request
        SoapResponse control = upload.postFrom("127.0.0.1", UploadFileClient.asAdmin()
                .params("<companyHandle>47</companyHandle><jobName>Bad name</jobName>").file("evil\u0007.png", png));
        assertThat(control.faultCode()).as("the multipart parser refuses the header").isEqualTo(30003);
        for (String name : List.of("../../escape.png", "Sample Company/../../x.png", "a/%2e%2e/x.png")) {
            SoapResponse r = upload.post(UploadFileClient.asAdmin()
                    .params("<companyHandle>47</companyHandle><jobName>Bad name</jobName>")
                    .file(name, png));
            assertThat(r.faultCode()).as(name + ": " + r.body()).isEqualTo(30001);
            assertThat(r.faultReason()).contains("filename").doesNotContain("\u0007");
        }
        assertNothingLeft("Bad name");
    }

    private static void assertNothingLeft(String jobName) throws IOException {
        assertThat(server.call("getActiveJobs", "getActiveJobs/by-company.xml", Map.of("company", "47"))
                .xpathAll("//ips:items/ips:originalName")).doesNotContain(jobName);
        try (Stream<Path> left = Files.list(server.assetsRoot.resolve(".staging"))) {
            assertThat(left).isEmpty();
        }
    }
}
