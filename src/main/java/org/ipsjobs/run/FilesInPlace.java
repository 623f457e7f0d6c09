package org.ipsjobs.run;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files that runners write outside the asset store (publishes, manifests, sitemaps): each is written
 * beside its place under a temporary name and renamed into it when complete, so nobody reading the
 * folder ever sees half a file, and a job that stops or fails leaves none behind.
 */
public final class FilesInPlace {

    private FilesInPlace() {
    }

    /** What writes a file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    /** Writes the file: its content to a temporary file beside it, then one rename over it. */
    public static void write(Path target, Content content) throws IOException {
        Files.createDirectories(target.getParent());
        Path part = Files.createTempFile(target.getParent(), ".part-", ".tmp");
        try {
            content.writeTo(part);
            move(part, target);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Renames the file over the target, atomically where the file system can. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
