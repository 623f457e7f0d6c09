package org.ipsjobs.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.ipsjobs.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files land whole, in the company's folder, and the index comes back after a restart. */
class FileAssetStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ContentInspector INSPECTOR = new ContentInspector(100_000_000);

    @TempDir
    Path root;

    private FileAssetStore open() throws IOException {
        return new FileAssetStore(root, List.of("c|7"), c -> c.equals("c|7") ? "Acme/" : null, INSPECTOR, CLOCK);
    }

    private Asset put(FileAssetStore store, String path, byte[] bytes, boolean replace) throws Exception {
        Path staged = store.stage();
        Files.write(staged, bytes);
        FileFacts facts = INSPECTOR.inspect(staged, TestFiles.sha256(bytes));
        return store.commit("c|7", AssetPath.of("path", List.of(), path, null), staged, facts, true, replace);
    }

    @Test
    void aCommittedFileIsAnAssetInTheCompanysFolder() throws Exception {
        FileAssetStore store = open();
        byte[] png = TestFiles.image("png", 40, 30);

        Asset asset = put(store, "products/shoe.png", png, false);

        assertThat(asset.handle()).isEqualTo("a|7|1");
        assertThat(asset.facts()).extracting(FileFacts::type, FileFacts::format, FileFacts::width, FileFacts::height)
                .containsExactly("Image", "png", 40, 30);
        Path file = root.resolve("Acme/products/shoe.png");
        assertThat(store.file(asset)).isEqualTo(file.toRealPath());
        assertThat(Files.readAllBytes(file)).isEqualTo(png);
        assertThat(store.assetAt("c|7", asset.path())).contains(asset);
        assertThat(staging()).as("nothing left in staging").isEmpty();
    }

    @Test
    void aClashIsRefusedUnlessReplacingAndAReplacementKeepsTheHandle() throws Exception {
        FileAssetStore store = open();
        Asset first = put(store, "shoe.png", TestFiles.image("png", 10, 10), false);

        assertThatThrownBy(() -> put(store, "shoe.png", TestFiles.image("png", 20, 20), false))
                .isInstanceOf(AssetExistsException.class);
        assertThat(Files.readAllBytes(store.file(first))).isEqualTo(TestFiles.image("png", 10, 10));

        Asset second = put(store, "shoe.png", TestFiles.image("png", 20, 20), true);
        assertThat(second.handle()).isEqualTo(first.handle());
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.facts().width()).isEqualTo(20);
    }

    @Test
    void theIndexComesBackAfterARestartAndIsMendedFromTheDisk() throws Exception {
        FileAssetStore store = open();
        Asset kept = put(store, "a/kept.png", TestFiles.image("png", 10, 10), false);
        Asset published = store.update(kept.published(CLOCK.instant()));
        Asset gone = put(store, "b/gone.png", TestFiles.image("png", 12, 12), false);
        Files.delete(store.file(gone));
        Files.createDirectories(root.resolve("Acme/c"));
        Files.write(root.resolve("Acme/c/by-hand.pdf"), TestFiles.pdf(2));
        // a crash cut the last index line short
        Files.writeString(root.resolve(".index/Acme.jsonl"), "{\"handle\":\"a|7|9", StandardOpenOption.APPEND);

        FileAssetStore reopened = open();

        assertThat(reopened.asset("c|7", kept.handle())).contains(published);
        assertThat(reopened.asset("c|7", gone.handle())).isEmpty();
        Asset byHand = reopened.assetAt("c|7", AssetPath.of("p", List.of(), "c/by-hand.pdf", null)).orElseThrow();
        assertThat(byHand.facts().type()).isEqualTo("Pdf");
        assertThat(byHand.facts().pages()).isEqualTo(2);
        assertThat(byHand.handle()).as("never a handle given before").isEqualTo("a|7|3");
    }

    @Test
    void aFolderThatIsASymbolicLinkIsNotWrittenThrough(@TempDir Path elsewhere) throws Exception {
        FileAssetStore store = open();
        Files.createSymbolicLink(root.resolve("Acme/linked"), elsewhere);

        assertThatThrownBy(() -> put(store, "linked/evil.png", TestFiles.image("png", 5, 5), false))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("symbolic link");
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aDerivedFileLivesOutsideTheCompanyFolderAndIsNamedAfterTheContent() throws Exception {
        FileAssetStore store = open();
        Asset one = put(store, "a/one.png", TestFiles.image("png", 4, 4), false);
        Asset other = put(store, "a/one.png", TestFiles.image("png", 8, 4), true);

        Path derived = store.derivedFile(one, "ptif");
        Files.createDirectories(derived.getParent());
        Files.write(derived, new byte[] {1});

        assertThat(derived.startsWith(root.resolve("Acme"))).isFalse();
        assertThat(derived.getFileName().toString()).startsWith("one.png.").endsWith(".ptif");
        assertThat(store.derivedFile(other, "ptif")).as("new content, new name").isNotEqualTo(derived)
                .hasParentRaw(derived.getParent());
        assertThat(open().assets("c|7")).as("not taken for an asset after a restart").hasSize(1);
    }

    @Test
    void clearingForgetsEveryAssetAndFileButNeverReusesAHandle() throws Exception {
        FileAssetStore store = open();
        Asset before = put(store, "a/one.png", TestFiles.image("png", 4, 4), false);
        Path derived = store.derivedFile(before, "ptif");
        Files.createDirectories(derived.getParent());
        Files.write(derived, new byte[] {1});

        store.clear();

        assertThat(derived).as("derived files go with their assets").doesNotExist();
        assertThat(store.assets("c|7")).isEmpty();
        assertThat(Files.exists(root.resolve("Acme/a/one.png"))).isFalse();
        assertThat(open().assets("c|7")).as("after a restart too").isEmpty();
        assertThat(put(store, "a/one.png", TestFiles.image("png", 4, 4), false).handle()).isNotEqualTo(before.handle());
    }

    @Test
    void halfWrittenFilesOfAnEarlierProcessAreRemovedAtStart() throws Exception {
        FileAssetStore store = open();
        Path staged = store.stage();
        Files.write(staged, new byte[100]);

        open();

        assertThat(staging()).isEmpty();
    }

    private List<Path> staging() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(".staging"))) {
            return files.toList();
        }
    }
}
