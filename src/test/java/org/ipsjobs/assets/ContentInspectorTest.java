package org.ipsjobs.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ipsjobs.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file is what its bytes say, whatever its name. */
class ContentInspectorTest {

    private final ContentInspector inspector = new ContentInspector(100_000_000);

    @TempDir
    Path dir;

    private FileFacts inspect(byte[] bytes) throws Exception {
        Path file = Files.write(dir.resolve("upload.bin"), bytes);
        return inspector.inspect(file, TestFiles.sha256(bytes));
    }

    @Test
    void imagesAreRecognisedWithTheirSize() throws Exception {
        assertThat(inspect(TestFiles.image("jpeg", 64, 48))).extracting(FileFacts::type, FileFacts::format,
                FileFacts::width, FileFacts::height).containsExactly("Image", "jpeg", 64, 48);
        assertThat(inspect(TestFiles.image("png", 3, 2)).format()).isEqualTo("png");
        assertThat(inspect(TestFiles.image("tiff", 30, 20))).extracting(FileFacts::format, FileFacts::width)
                .containsExactly("tiff", 30);
        assertThat(inspect(TestFiles.image("bmp", 8, 8)).format()).isEqualTo("bmp");
        assertThat(inspect(TestFiles.psdHeader(16, 12))).extracting(FileFacts::format, FileFacts::width,
                FileFacts::height).containsExactly("psd", 16, 12);
    }

    @Test
    void pdfsAreCountedAndVideosKnownByTheirContainer() throws Exception {
        byte[] pdf = TestFiles.pdf(3);
        assertThat(inspect(pdf)).extracting(FileFacts::type, FileFacts::pages, FileFacts::size, FileFacts::sha256)
                .containsExactly("Pdf", 3, (long) pdf.length, TestFiles.sha256(pdf));
        byte[] mp4 = new byte[64];
        System.arraycopy("ftypisom".getBytes(StandardCharsets.US_ASCII), 0, mp4, 4, 8);
        assertThat(inspect(mp4)).extracting(FileFacts::type, FileFacts::format).containsExactly("Video", "mp4");
    }

    @Test
    void anImageClaimingTenBillionPixelsIsRefusedFromItsHeader() {
        assertThatThrownBy(() -> inspect(TestFiles.pngClaiming(100_000, 100_000)))
                .isInstanceOf(UnsupportedContentException.class)
                .hasMessageContaining("100000 x 100000");
    }

    @Test
    void anythingElseIsUnsupportedOrDamaged() {
        assertThatThrownBy(() -> inspect("just text, not an image".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnsupportedContentException.class).hasMessageContaining("not a supported");
        assertThatThrownBy(() -> inspect(new byte[0])).isInstanceOf(UnsupportedContentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> inspect("%PDF-1.7 and then nothing".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnsupportedContentException.class).hasMessageContaining("PDF");
    }
}
