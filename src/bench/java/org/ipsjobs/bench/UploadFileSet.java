package org.ipsjobs.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A set of JPEG files of one exact size for the upload benchmark, written to a folder.
 *
 * <p>Why JPEG with noise: JPEG is what most IPS uploads are, the service recognises it from its header
 * alone (so the service's cost per file is the fetch, the checksum and the store, as for a real photo),
 * and random pixels do not compress, so a 20 MB file really carries 20 MB of image data instead of a
 * small picture padded out. Encoding a 20-megabyte image takes a second or two, so each set encodes
 * one image and the files differ by a short comment segment (JPEG's COM marker) after the JFIF
 * header that names the file, and by random bytes after the end-of-image marker that bring the file
 * to its exact size (at most a few percent of it). Every file therefore has its own checksum. Bytes
 * after the end of the image are common in real files (phones append a video to "motion photos"),
 * and no reader looks at them when it reads a header; a large comment, by contrast, is read and
 * decoded to a string by the JPEG reader, which would make the inspection cost what real photos do
 * not cost.
 */
final class UploadFileSet {

    /** JPEG markers: start of image, and comment. */
    private static final int SOI = 0xD8;
    private static final int COM = 0xFE;
    /** The comment segment that names a file: marker (2 bytes), length (2), text padded with spaces. */
    private static final int LABEL_SEGMENT = 96;

    /** Written when a set is complete; its name changes when the files' layout does. */
    private static final String COMPLETE_MARK = ".complete-v2";

    final String name;
    final int count;
    final long fileBytes;
    final Path folder;

    UploadFileSet(String name, int count, long fileBytes, Path folder) {
        this.name = name;
        this.count = count;
        this.fileBytes = fileBytes;
        this.folder = folder;
    }

    String fileName(int index) {
        return String.format("%s-%04d.jpg", name, index);
    }

    List<String> fileNames() {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(fileName(i));
        }
        return names;
    }

    long totalBytes() {
        return count * fileBytes;
    }

    /** Writes the files unless a complete set of this layout is there already (from an earlier run). */
    void generate(long seed) throws IOException {
        if (complete()) {
            return;
        }
        Files.createDirectories(folder);
        Files.deleteIfExists(folder.resolve(COMPLETE_MARK));
        SplittableRandom random = new SplittableRandom(seed);
        byte[] image = noiseJpeg(fileBytes - LABEL_SEGMENT, random);
        int headEnd = afterJfifHeader(image);
        byte[] trailer = new byte[(int) (fileBytes - LABEL_SEGMENT - image.length)];
        for (int i = 0; i < count; i++) {
            random.nextBytes(trailer);
            try (OutputStream out = Files.newOutputStream(folder.resolve(fileName(i)))) {
                out.write(image, 0, headEnd);
                out.write(label(fileName(i)));
                out.write(image, headEnd, image.length - headEnd);
                out.write(trailer);
            }
        }
        Files.writeString(folder.resolve(COMPLETE_MARK), count + " files of " + fileBytes + " bytes\n");
    }

    private boolean complete() throws IOException {
        if (!Files.exists(folder.resolve(COMPLETE_MARK))) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            Path file = folder.resolve(fileName(i));
            if (!Files.isRegularFile(file) || Files.size(file) != fileBytes) {
                return false;
            }
        }
        return true;
    }

    /**
     * A baseline JPEG of random pixels, as close below {@code limit} bytes as two encodings get: the
     * first, at a size guessed from a small sample, tells how many bytes a pixel takes; the second is
     * sized from that.
     */
    static byte[] noiseJpeg(long limit, SplittableRandom random) throws IOException {
        double bytesPerPixel = encode(noise(64, 64, random)).length / (64.0 * 64);
        double aim = 0.985;
        for (int attempt = 0; attempt < 6; attempt++) {
            int side = (int) Math.sqrt(limit * aim / bytesPerPixel);
            byte[] jpeg = encode(noise(side, side, random));
            if (jpeg.length <= limit && jpeg.length >= limit * 0.97) {
                return jpeg;
            }
            bytesPerPixel = jpeg.length / ((double) side * side);
            aim -= 0.01;
        }
        throw new IOException("could not encode a noise JPEG just under " + limit + " bytes");
    }

    /**
     * Where the comments go: after the start marker and, when there is one, the JFIF APP0 segment,
     * which JFIF wants directly after the start marker.
     */
    private static int afterJfifHeader(byte[] jpeg) {
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            return 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        return 2;
    }

    private static BufferedImage noise(int width, int height, SplittableRandom random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = random.nextInt() & 0xFFFFFF;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = bytes.toByteArray();
        if ((jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != SOI) {
            throw new IOException("the JPEG writer's output does not start with a start-of-image marker");
        }
        return jpeg;
    }

    /** A comment segment of exactly {@link #LABEL_SEGMENT} bytes naming the file: text, then spaces. */
    private static byte[] label(String fileName) {
        byte[] segment = new byte[LABEL_SEGMENT];
        java.util.Arrays.fill(segment, (byte) ' ');
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) COM;
        segment[2] = (byte) ((LABEL_SEGMENT - 2) >> 8);
        segment[3] = (byte) ((LABEL_SEGMENT - 2) & 0xFF);
        byte[] text = ("ips-job-service upload benchmark, file " + fileName).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, segment, 4, Math.min(text.length, LABEL_SEGMENT - 4));
        return segment;
    }
}
