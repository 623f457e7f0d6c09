package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestFiles;
import org.ipsjobs.testing.TestServer;
import org.ipsjobs.testing.UploadFileClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /scene7/UploadFile as c-http-post.md describes it: the first POST starts an upload job and
 * answers its handle, later POSTs name it, the job waits as WaitingClient in between and ends with
 * endJob or after its timeout; refusals are the API's fault documents and leave nothing behind.
 */
class UploadFileTest {

    @RegisterExtension
    static final TestServer server = TestServer.withRealRunners(s -> s);
    private static final UploadFileClient upload = new UploadFileClient(server.server.endpoint());

    private static Path company() {
        return server.assetsRoot.resolve("Sample Company");
    }

    @Test
    void aJobTakesFilesOverSeveralPostsWaitsForItsClientBetweenThemAndEndsWithEndJob() throws IOException {
        byte[] front = TestFiles.image("jpeg", 80, 60);
        byte[] back = TestFiles.image("png", 40, 30);
        byte[] manual = TestFiles.pdf(2);

        SoapResponse first = upload.post(UploadFileClient.asAdmin()
                .params("<companyHandle>47</companyHandle><jobName>Posted in parts</jobName><destFolder>Sample Company/"
                        + "posted</destFolder><uploadParams><overwrite>true</overwrite><readyForPublish>true"
                        + "</readyForPublish><createMask>false</createMask><emailSetting>None</emailSetting>"
                        + "</uploadParams>")
                .file("front.jpg", front));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.xpath("namespace-uri(/*[local-name()='uploadPostReturn'])"))
                .as("answered in the request's namespace").isEqualTo(UploadFileClient.NAMESPACE);
        String handle = first.xpath("//*[local-name()='jobHandle']");
        assertThat(handle).startsWith("j|47||Posted in parts_");
        server.awaitState("47", handle, "WaitingClient");

        SoapResponse second = upload.post(UploadFileClient.asAdmin()
                .params("<companyHandle>47</companyHandle><jobHandle>" + handle + "</jobHandle>"
                        + "<destFolder>posted/more</destFolder><endJob>true</endJob>")
                .file("back.png", back).file("docs/manual.pdf", manual));

        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.xpath("//*[local-name()='jobHandle']")).isEqualTo(handle);
        server.awaitState("47", handle, "Done");
        SoapResponse log = details(handle);
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileSuccessCount")).isEqualTo("3");
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:logType")).isEqualTo("BeginUpload");
        assertThat(Files.readAllBytes(company().resolve("posted/front.jpg"))).isEqualTo(front);
        assertThat(Files.readAllBytes(company().resolve("posted/more/back.png"))).isEqualTo(back);
        assertThat(Files.readAllBytes(company().resolve("posted/more/docs/manual.pdf"))).isEqualTo(manual);

        SoapResponse late = upload.post(UploadFileClient.asAdmin()
                .params("<companyHandle>47</companyHandle><jobHandle>" + handle + "</jobHandle>")
                .file("late.png", back));
        assertThat(late.faultCode()).as(late.body()).isEqualTo(30001);
        assertThat(late.faultReason()).contains("has ended");
    }

    @Test
    void aJobWithoutEndJobEndsWhenNoPostCameForThirtyMinutesOfClockTime() {
        server.clock.freezeAt(Instant.parse("2030-03-01T10:00:00Z"));
        try {
            SoapResponse first = upload.post(UploadFileClient.asAdmin()
                    .params("<companyHandle>47</companyHandle><jobName>Forgotten upload</jobName>")
                    .file("only.png", TestFiles.image("png", 8, 8)));
            String handle = first.xpath("//*[local-name()='jobHandle']");
            server.awaitState("47", handle, "WaitingClient");

            server.clock.advance(Duration.ofMinutes(29));
            assertThat(server.state("47", handle)).isEqualTo("WaitingClient");
            server.clock.advance(Duration.ofMinutes(2));

            assertThat(server.state("47", handle)).isEqualTo("Done");
            assertThat(details(handle).xpathAll("//ips:detailArray/ips:items[ips:logType='UploadWarning']"
                    + "/ips:logMessage")).anyMatch(m -> m.contains("no file was posted to it for 30 minute"));
            assertThat(Files.exists(company().resolve("only.png"))).as("the file that came is kept").isTrue();
        } finally {
            server.clock.runReal();
        }
    }

    @Test
    void aLaterPostFromAnotherAddressIsRefused() {
        SoapResponse first = upload.post(UploadFileClient.asAdmin()
                .params("<companyHandle>47</companyHandle><jobName>From one machine</jobName>"));
        String handle = first.xpath("//*[local-name()='jobHandle']");

        SoapResponse other = upload.postFrom("127.0.0.2", UploadFileClient.asAdmin()
                .params("<companyHandle>47</companyHandle><jobHandle>" + handle + "</jobHandle><endJob>true</endJob>")
                .file("intruder.png", TestFiles.image("png", 4, 4)));

        assertThat(other.faultCode()).as(other.body()).isEqualTo(30001);
        assertThat(other.faultReason()).contains("the address its first POST came from");
        assertThat(server.state("47", handle)).isEqualTo("WaitingClient");
        assertThat(Files.exists(company().resolve("intruder.png"))).isFalse();
        server.control("stopJob", "47", handle);
        server.awaitState("47", handle, "Done");
    }

    @Test
    void refusalsAreTheApisFaultDocumentsAndLeaveNoJob() throws IOException {
        SoapResponse badPassword = upload.post(UploadFileClient.body().auth(TestServer.ADMIN, "wrong", true)
                .params("<companyHandle>47</companyHandle><jobName>Never made</jobName>")
                .file("x.png", TestFiles.image("png", 4, 4)));
        assertThat(badPassword.status()).as("faultHttpStatusCode 200 asked for").isEqualTo(200);
        assertThat(badPassword.faultElement()).isEqualTo("authenticationFault");
        assertThat(badPassword.faultCode()).isEqualTo(10001);

        SoapResponse notMultipart = upload.post("<uploadPostParam/>".getBytes(StandardCharsets.UTF_8), "text/xml");
        assertThat(notMultipart.status()).isEqualTo(500);
        assertThat(notMultipart.faultCode()).isEqualTo(30003);
        assertThat(notMultipart.faultReason()).contains("multipart/form-data");

        SoapResponse noParams = upload.post(UploadFileClient.asAdmin().file("x.png", TestFiles.image("png", 4, 4)));
        assertThat(noParams.faultCode()).isEqualTo(30002);
        assertThat(noParams.faultReason()).contains("uploadParams");

        SoapResponse escape = upload.post(UploadFileClient.asAdmin()
                .params("<companyHandle>47</companyHandle><jobName>Escape</jobName><destFolder>../48</destFolder>")
                .file("x.png", TestFiles.image("png", 4, 4)));
        assertThat(escape.faultCode()).isEqualTo(30001);
        assertThat(escape.faultReason()).contains("destFolder", "..");

        SoapResponse otherCompany = upload.post(UploadFileClient.body().auth(TestServer.USER47,
                TestServer.USER47_PASSWORD, false).params("<companyHandle>48</companyHandle><jobName>Not mine</jobName>"));
        assertThat(otherCompany.faultElement()).isEqualTo("authorizationFault");

        SoapResponse doctype = upload.post(UploadFileClient.asAdmin().part("uploadParams", null,
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><uploadPostParam>&e;</uploadPostParam>"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(doctype.faultCode()).isEqualTo(30003);
        assertThat(doctype.body()).doesNotContain("root:");

        UploadFileClient.Body many = UploadFileClient.asAdmin()
                .params("<companyHandle>47</companyHandle><jobName>Too many parts</jobName>");
        for (int i = 0; i < 150; i++) {
            many.file("f" + i + ".png", new byte[] {1});
        }
        SoapResponse tooMany = upload.post(many);
        assertThat(tooMany.faultCode()).as(tooMany.body()).isEqualTo(30003);
        assertThat(tooMany.faultReason()).contains("too many keys", "at most 100 files in one POST").doesNotContain("org.", "Exception");

        assertThat(server.call("getActiveJobs", "getActiveJobs/by-company.xml", Map.of("company", "47"))
                .xpathAll("//ips:items/ips:originalName"))
                .doesNotContain("Never made", "Escape", "Too many parts");
        assertThat(staged()).isEmpty();
    }

    private static SoapResponse details(String handle) {
        return server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "47", "handle", handle));
    }

    private static List<Path> staged() throws IOException {
        try (Stream<Path> left = Files.list(server.assetsRoot.resolve(".staging"))) {
            return left.toList();
        }
    }
}
