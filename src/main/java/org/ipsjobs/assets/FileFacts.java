package org.ipsjobs.assets;

import java.util.Objects;

/**
 * What a file's content is, found by reading it, never by its name.
 *
 * @param type the IPS asset type (Image, Pdf, Video ...)
 * @param format the format within the type (jpeg, png, tiff, psd, pdf, mp4 ...)
 * @param size its length in bytes
 * @param sha256 its SHA-256, in lower-case hex
 * @param width pixels across, for images; else 0
 * @param height pixels down, for images; else 0
 * @param pages pages, for PDFs; else 0
 */
public record FileFacts(String type, String format, long size, String sha256, int width, int height, int pages) {
    public FileFacts {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sha256, "sha256");
    }
}
