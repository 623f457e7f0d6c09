package org.ipsjobs.assets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Tells what a file is from its bytes: images through ImageIO (with the TwelveMonkeys readers for
 * TIFF, PSD and others on the class path), PDFs through PDFBox, videos by their container's
 * signature. Only headers are read: an image's size comes from its header and is checked before
 * anything could decode it, so a file that claims 100,000 x 100,000 pixels costs nothing.
 */
public final class ContentInspector {

    private final long maxPixels;

    /** @param maxPixels the most pixels an image may have (width times height) */
    public ContentInspector(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /**
     * @param sha256 the file's checksum, computed while it was written
     * @throws UnsupportedContentException when the content is none the service takes
     */
    public FileFacts inspect(Path file, String sha256) throws IOException, UnsupportedContentException {
        long size = Files.size(file);
        if (size == 0) {
            throw new UnsupportedContentException("the file is empty");
        }
        byte[] head = new byte[16];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        head = Arrays.copyOf(head, read);
        if (startsWith(head, "%PDF-")) {
            return new FileFacts("Pdf", "pdf", size, sha256, 0, 0, pages(file));
        }
        String video = videoFormat(head);
        if (video != null) {
            return new FileFacts("Video", video, size, sha256, 0, 0, 0);
        }
        return image(file, size, sha256, imageFormat(head));
    }

    /**
     * The format of the commonest images, from their signature, or null. Asking ImageIO for the readers
     * of a named format skips letting every installed reader probe the file, which was half of the
     * time an upload spent on a small file.
     */
    private static String imageFormat(byte[] head) {
        if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return "jpeg";
        }
        if (head.length >= 8 && (head[0] & 0xff) == 0x89 && startsWith(Arrays.copyOfRange(head, 1, 4), "PNG")) {
            return "png";
        }
        if (startsWith(head, "GIF8")) {
            return "gif";
        }
        return null;
    }

    private FileFacts image(Path file, long size, String sha256, String signature)
            throws IOException, UnsupportedContentException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new UnsupportedContentException("the file cannot be read");
            }
            Iterator<ImageReader> readers = signature != null ? ImageIO.getImageReadersByFormatName(signature)
                    : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnsupportedContentException("the content is not a supported image, PDF or video format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new UnsupportedContentException("the image claims a size of " + width + " x " + height);
                }
                if ((long) width * height > maxPixels) {
                    throw new UnsupportedContentException("the image claims " + width + " x " + height
                            + " pixels, more than the " + maxPixels + " allowed");
                }
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                boolean animated = format.equals("gif") && reader.getNumImages(false) > 1;
                return new FileFacts(animated ? "AnimatedGif" : "Image", format, size, sha256, width, height, 0);
            } catch (IOException | RuntimeException e) {
                // a broken header, or a reader that gives up on it: the file is not an image we can take
                throw new UnsupportedContentException("the image is damaged or truncated");
            } finally {
                reader.dispose();
            }
        }
    }

    private static int pages(Path file) throws UnsupportedContentException {
        try (PDDocument pdf = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()))) {
            return pdf.getNumberOfPages();
        } catch (IOException | RuntimeException e) {
            throw new UnsupportedContentException("the PDF is damaged, truncated or encrypted");
        }
    }

    /** The container of a video file, from its signature, or null. */
    private static String videoFormat(byte[] head) {
        if (head.length >= 12 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
            String brand = new String(head, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
            return brand.startsWith("qt") ? "mov" : "mp4";
        }
        if (head.length >= 12 && startsWith(head, "RIFF") && head[8] == 'A' && head[9] == 'V' && head[10] == 'I') {
            return "avi";
        }
        if (head.length >= 4 && (head[0] & 0xff) == 0x1a && (head[1] & 0xff) == 0x45 && (head[2] & 0xff) == 0xdf
                && (head[3] & 0xff) == 0xa3) {
            return "webm";
        }
        return null;
    }

    private static boolean startsWith(byte[] head, String ascii) {
        if (head.length < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (head[i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
