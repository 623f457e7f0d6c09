package org.ipsjobs.run.export;

import java.awt.image.BufferedImage;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.ipsjobs.assets.Asset;
import org.ipsjobs.assets.AssetStore;
import org.ipsjobs.assets.FileAssetStore;
import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.run.AssetItems;
import org.ipsjobs.run.FilesInPlace;
import org.ipsjobs.run.JobRunner;
import org.ipsjobs.run.RunContext;

/**
 * Runs ExportJob: writes the requested assets into one zip file in the company's export folder,
 * {@code <exportRoot>/<company folder>/<file>.zip}, which the log names and an authenticated GET of
 * {@code /scene7/export/<file>.zip} returns. With fmt empty or {@code orig} the original files go in;
 * with an image format (jpeg, png, tiff, gif, bmp) images are re-encoded into it and other files go in
 * as they are. The zip is written beside its place and renamed into it when complete, so a stopped or
 * failed export leaves no zip; an export larger than the limit is ended before it grows further.
 */
public final class ExportRunner implements JobRunner {

    /** Image formats an export can re-encode into, by the names clients use. */
    private static final Map<String, String> FORMATS = Map.of("jpeg", "jpeg", "jpg", "jpeg", "png", "png",
            "tif", "tiff", "tiff", "tiff", "gif", "gif", "bmp", "bmp");
    /** Re-encoding decodes the whole image; larger ones are exported as they are. */
    private static final long MAX_CONVERT_PIXELS = 50_000_000L;

    private final Path exportRoot;
    private final AssetStore assets;
    private final Clock clock;
    private final Function<String, String> rootPathOf;
    private final long maxBytes;

    /** @param maxBytes the most an export's zip may hold, counting the files that go in */
    public ExportRunner(Path exportRoot, AssetStore assets, Clock clock, Function<String, String> rootPathOf,
            long maxBytes) {
        this.exportRoot = exportRoot.toAbsolutePath().normalize();
        this.assets = assets;
        this.clock = clock;
        this.rootPathOf = rootPathOf;
        this.maxBytes = maxBytes;
    }

    /** The folder of a company's exports. */
    public static Path folder(Path exportRoot, String companyHandle, String rootPath) {
        return exportRoot.toAbsolutePath().normalize().resolve(FileAssetStore.folderName(companyHandle, rootPath));
    }

    @Override
    public void run(RunContext context) throws InterruptedException {
        JobParameters.Export job = (JobParameters.Export) context.parameters();
        String fmt = job.format() == null ? "" : job.format().trim().toLowerCase(Locale.ROOT);
        String convertTo = FORMATS.get(fmt);
        String company = context.companyHandle();
        Path folder = folder(exportRoot, company, rootPathOf.apply(company));
        String name = "export-" + context.jobName().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + clock.instant().toEpochMilli() + ".zip";
        Path part = null;
        try {
            Files.createDirectories(folder);
            part = Files.createTempFile(folder, ".export-", ".part");
            int[] added = {0};
            Set<String> names = new HashSet<>();
            boolean complete;
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(part))) {
                Budget budget = new Budget(zip, maxBytes);
                complete = AssetItems.each(context, assets, (i, asset) -> {
                    String entry = entryName(asset, convertTo, names);
                    boolean convert = convertTo != null && convertible(asset);
                    try {
                        if (!convert) {
                            budget.reserve(asset.facts().size()); // known before reading: fail without reading
                        }
                        zip.putNextEntry(new ZipEntry(entry));
                        if (!convert || !write(asset, convertTo, budget)) {
                            try (InputStream in = Files.newInputStream(assets.file(asset))) {
                                in.transferTo(budget);
                            }
                        }
                        zip.closeEntry();
                    } catch (IOException e) {
                        if (!budget.exceeded()) {
                            throw e;
                        }
                        // counted by what goes in, re-encoded images included: a small image can decode
                        // into a very large one
                        context.itemFailed(i, LogMessage.of("export.tooLarge", asset.path().relative(),
                                String.valueOf(maxBytes)));
                        return false; // the rest would not fit either; no zip is written
                    }
                    added[0]++;
                    context.itemSucceeded(i, asset.handle(), LogMessage.of("export.added", asset.path().relative(),
                            entry));
                    return true;
                });
            }
            if (!complete) {
                return; // stopped, or too large: the part file is deleted below
            }
            if (added[0] == 0) {
                context.jobWarning(LogMessage.of("export.empty", context.jobName()));
                return;
            }
            FilesInPlace.move(part, folder.resolve(name));
            part = null;
            context.jobSuccess(LogMessage.of("export.written", name, String.valueOf(added[0]),
                    java.net.URLEncoder.encode(company, java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            context.jobWarning(LogMessage.of("export.failed", String.valueOf(e.getMessage())));
        } finally {
            if (part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException e) {
                    // a stray .part file; the next export of the company does not read it
                }
            }
        }
    }

    /** The asset's path in the zip, with the new extension when converted, unique within the zip. */
    private static String entryName(Asset asset, String convertTo, Set<String> names) {
        boolean image = asset.facts().type().equals("Image") || asset.facts().type().equals("AnimatedGif");
        String base = convertTo != null && image && asset.facts().width() * (long) asset.facts().height()
                <= MAX_CONVERT_PIXELS ? asset.path().folderPath() + asset.path().baseName() + "."
                        + (convertTo.equals("jpeg") ? "jpg" : convertTo.equals("tiff") ? "tif" : convertTo)
                : asset.path().relative();
        String name = base;
        for (int n = 2; !names.add(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    /** Whether the export re-encodes this asset: an image small enough to decode. */
    private static boolean convertible(Asset asset) {
        boolean image = asset.facts().type().equals("Image") || asset.facts().type().equals("AnimatedGif");
        return image && asset.facts().width() * (long) asset.facts().height() <= MAX_CONVERT_PIXELS;
    }

    /** Writes the image re-encoded; false when no reader took it (nothing was written then). */
    private boolean write(Asset asset, String format, OutputStream out) throws IOException {
        BufferedImage decoded = ImageIO.read(assets.file(asset).toFile());
        if (decoded == null) {
            return false;
        }
        if (format.equals("jpeg") || format.equals("bmp")) {
            // these carry no alpha: draw onto an opaque canvas
            BufferedImage rgb = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.createGraphics().drawImage(decoded, 0, 0, java.awt.Color.WHITE, null);
            decoded = rgb;
        }
        // FORMATS holds only formats the JDK writes, so this writes or throws
        return ImageIO.write(decoded, format, out);
    }

    /**
     * The zip's content as it goes in, counted against the cap; passing it fails the write (and marks
     * the budget exceeded, since an image writer may wrap the failure in its own exception).
     */
    private static final class Budget extends FilterOutputStream {
        private final long max;
        private long used;
        private boolean exceeded;

        Budget(OutputStream zip, long max) {
            super(zip);
            this.max = max;
        }

        void reserve(long bytes) throws IOException {
            if (used + bytes > max) {
                exceeded = true;
                throw new IOException("over the export cap");
            }
        }

        boolean exceeded() {
            return exceeded;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            reserve(len);
            used += len;
            out.write(b, off, len);
        }

        @Override
        public void close() {
            // the zip outlives each entry written through this
        }
    }
}
