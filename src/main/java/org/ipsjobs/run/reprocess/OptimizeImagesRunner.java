package org.ipsjobs.run.reprocess;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.ipsjobs.assets.Asset;
import org.ipsjobs.assets.AssetStore;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.run.FilesInPlace;
import org.ipsjobs.run.JobRunner;
import org.ipsjobs.run.RunContext;

/**
 * Runs OptimizeImagesJob. IPS optimizes a company's images into pyramid TIFFs its image server
 * reads; the job names no assets (its only field is emailSetting), so it takes every still image of
 * the company. Each becomes a tiled, Deflate-compressed TIFF holding the image and its halvings down
 * to one tile, kept by the store beside the asset as a derived file named after the content. An image
 * whose optimized copy already matches its content is left as it is; one larger than the decode cap
 * is a warning, not an out-of-memory error.
 */
public final class OptimizeImagesRunner implements JobRunner {

    static final String EXTENSION = "ptif";
    private static final int TILE = 256;

    private final AssetStore assets;
    private final long maxPixels;

    public OptimizeImagesRunner(AssetStore assets, long maxPixels) {
        this.assets = assets;
        this.maxPixels = maxPixels;
    }

    @Override
    public boolean findsItsOwnItems() {
        return true;
    }

    @Override
    public void run(RunContext context) throws InterruptedException {
        List<Asset> images = assets.assets(context.companyHandle()).stream()
                .filter(a -> a.facts().type().equals("Image")).toList();
        for (Asset image : images) {
            if (context.stopRequested()) {
                return;
            }
            int i = context.addItem(image.path().relative());
            context.itemStarted(i);
            optimize(context, i, image);
        }
    }

    private void optimize(RunContext context, int i, Asset image) {
        String name = image.path().relative();
        Path target = assets.derivedFile(image, EXTENSION);
        try {
            if (Files.isRegularFile(target)) {
                context.itemSucceeded(i, image.handle(), LogMessage.of("optimize.current", name));
                return;
            }
            long pixels = (long) image.facts().width() * image.facts().height();
            if (pixels > maxPixels) {
                context.itemWarning(i, image.handle(), LogMessage.of("optimize.tooLarge", name,
                        String.valueOf(pixels), String.valueOf(maxPixels)));
                return;
            }
            BufferedImage decoded = ImageIO.read(assets.file(image).toFile());
            if (decoded == null) {
                context.itemFailed(i, LogMessage.of("optimize.failed", name, "no image reader took the file"));
                return;
            }
            List<BufferedImage> levels = pyramid(decoded);
            FilesInPlace.write(target, file -> writeTiff(levels, file));
            removeOlderCopies(target);
            context.itemSucceeded(i, image.handle(), LogMessage.of("optimize.written", name,
                    String.valueOf(levels.size()), String.valueOf(Files.size(target))));
        } catch (IOException | RuntimeException e) {
            // a codec's runtime failure on a damaged file is this item's failure, not the job's
            context.itemFailed(i, LogMessage.of("optimize.failed", name, String.valueOf(e.getMessage())));
        }
    }

    /** The image, then each halving of it until it fits in one tile. */
    static List<BufferedImage> pyramid(BufferedImage full) {
        List<BufferedImage> levels = new ArrayList<>();
        BufferedImage level = full;
        levels.add(level);
        while (level.getWidth() > TILE || level.getHeight() > TILE) {
            level = half(level);
            levels.add(level);
        }
        return levels;
    }

    private static BufferedImage half(BufferedImage image) {
        int w = Math.max(1, image.getWidth() / 2);
        int h = Math.max(1, image.getHeight() / 2);
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage smaller = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smaller.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return smaller;
    }

    private static void writeTiff(List<BufferedImage> levels, Path file) throws IOException {
        ImageWriter writer = tiledTiffWriter();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
            param.setTiling(TILE, TILE, 0, 0);
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("Deflate");
            writer.prepareWriteSequence(null);
            for (BufferedImage level : levels) {
                writer.writeToSequence(new IIOImage(level, null, null), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    /** A TIFF writer that can tile and write several images into one file. */
    private static ImageWriter tiledTiffWriter() throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("tiff");
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            ImageWriteParam p = w.getDefaultWriteParam();
            if (w.canWriteSequence() && p.canWriteTiles() && p.canWriteCompressed()
                    && List.of(p.getCompressionTypes()).contains("Deflate")) {
                return w;
            }
            w.dispose();
        }
        throw new IOException("no TIFF writer here can write tiled pyramids");
    }

    /** Deletes the copies made for the asset's earlier contents. */
    private static void removeOlderCopies(Path current) throws IOException {
        String name = current.getFileName().toString();
        String stem = name.substring(0, name.length() - (EXTENSION.length() + 18)); // ".<16 hex>.ptif"
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(current.getParent(),
                p -> isCopyOf(p.getFileName().toString(), stem) && !p.equals(current))) {
            for (Path old : siblings) {
                Files.deleteIfExists(old);
            }
        }
    }

    private static boolean isCopyOf(String file, String stem) {
        return file.length() == stem.length() + EXTENSION.length() + 18 && file.startsWith(stem + ".")
                && file.endsWith("." + EXTENSION);
    }
}
