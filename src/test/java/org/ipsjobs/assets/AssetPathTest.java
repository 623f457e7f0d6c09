package org.ipsjobs.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** No path a client sends leaves the company's folder. */
class AssetPathTest {

    @Test
    void foldersAndNamesAreSplitOnSlashesAndTheCompanyRootIsDropped() {
        assertThat(AssetPath.folder("destPath", "Acme/products//shoes/", "Acme/")).containsExactly("products", "shoes");
        assertThat(AssetPath.folder("destPath", "products/shoes", "Acme/")).containsExactly("products", "shoes");
        assertThat(AssetPath.folder("destPath", "", "Acme/")).isEmpty();

        AssetPath path = AssetPath.of("fileName", List.of("products"), "red/shoe 1.jpg", "Acme/");
        assertThat(path.relative()).isEqualTo("products/red/shoe 1.jpg");
        assertThat(path.name()).isEqualTo("shoe 1.jpg");
        assertThat(path.baseName()).isEqualTo("shoe 1");
        assertThat(AssetPath.of("fileName", List.of(), "Acme/Upload//1-1.jpg", "Acme/").relative())
                .as("the UploadFile servlet's sample filename").isEqualTo("Upload/1-1.jpg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "a/../../b", "./a", "/etc", "C:/Windows", "a\\b", "a%2Fb", "a%2e%2e/b",
        "a%5cb", "a\u0000b", "a\nb", "a/ b", "a./b"})
    void pathsThatCouldEscapeOrCannotBeFilesAreRefusedNamingTheField(String text) {
        assertThatThrownBy(() -> AssetPath.folder("destPath", text, "Acme/"))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageStartingWith("destPath ")
                .satisfies(e -> assertThat(((UnsafePathException) e).field()).isEqualTo("destPath"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000").doesNotContain("\n"));
    }

    @Test
    void aFileNeedsANameAndAFolderIsNotOne() {
        assertThatThrownBy(() -> AssetPath.of("fileName", List.of(), "shoes/", null))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("names a folder");
        assertThatThrownBy(() -> AssetPath.of("fileName", List.of(), " ", null))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> AssetPath.of("fileName", List.of(), "x".repeat(300), null))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("255 bytes");
    }
}
