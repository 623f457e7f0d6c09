package org.ipsjobs.run.pdf;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.ipsjobs.assets.Asset;
import org.ipsjobs.assets.AssetExistsException;
import org.ipsjobs.assets.AssetStore;
import org.ipsjobs.assets.ContentInspector;
import org.ipsjobs.assets.FileAssetStore;
import org.ipsjobs.assets.FileFacts;
import org.ipsjobs.assets.UnsupportedContentException;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.run.AssetItems;
import org.ipsjobs.run.JobRunner;
import org.ipsjobs.run.RunContext;

/**
 * Runs RipPdfsJob: renders each page of each given PDF asset with PDFBox into a JPEG image asset
 * beside it, {@code <name>-<page>.jpg} (a rip run again replaces its pages). Pages render at 150 dpi,
 * less for a page so large that it would exceed the pixel limit, so a PDF that declares an enormous
 * page costs bounded memory. A stop ends the rip between pages; the pages stored by then stay, each a
 * whole asset.
 */
public final class PdfRipRunner implements JobRunner {

    private static final float DPI = 150;

    private final AssetStore assets;
    private final ContentInspector inspector;
    private final long maxPixels;

    /** @param maxPixels the most pixels one rendered page may have */
    public PdfRipRunner(AssetStore assets, ContentInspector inspector, long maxPixels) {
        this.assets = assets;
        this.inspector = inspector;
        this.maxPixels = maxPixels;
    }

    @Override
    public void run(RunContext context) throws InterruptedException {
        try {
            AssetItems.each(context, assets, (i, asset) -> {
                if (asset.facts().type().equals("Pdf")) {
                    rip(context, i, asset);
                } else {
                    context.itemFailed(i, LogMessage.of("pdf.notPdf", asset.handle(), context.companyHandle()));
                }
                return true;
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // rip() reports its own; nothing else does I/O
        }
    }

    private void rip(RunContext context, int index, Asset pdf) {
        int pages = 0;
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBufferedFile(assets.file(pdf).toFile()))) {
            PDFRenderer renderer = new PDFRenderer(document);
            int total = document.getNumberOfPages();
            for (int p = 0; p < total; p++) {
                if (context.stopRequested()) {
                    break;
                }
                BufferedImage image = renderer.renderImageWithDPI(p, dpi(document.getPage(p).getMediaBox()),
                        ImageType.RGB);
                store(context, pdf, p + 1, image);
                pages++;
                context.itemProgress(index, (double) pages / total, pages + " of " + total + " pages rendered");
            }
            context.itemSucceeded(index, pdf.handle(), LogMessage.of("pdf.ripped", pdf.path().relative(),
                    String.valueOf(pages), pdf.path().folderPath() + pdf.path().baseName() + "-1.jpg"));
        } catch (IOException | RuntimeException | UnsupportedContentException e) {
            context.itemFailed(index, LogMessage.of("pdf.failed", pdf.path().relative(), String.valueOf(pages),
                    String.valueOf(e.getMessage())));
        }
    }

    /** 150 dpi, or less when the page would have more pixels than allowed. */
    private float dpi(PDRectangle box) {
        double inches = Math.max(1e-3, box.getWidth() / 72.0) * Math.max(1e-3, box.getHeight() / 72.0);
        double fitting = Math.sqrt(maxPixels / inches);
        return (float) Math.max(1, Math.min(DPI, fitting));
    }

    private void store(RunContext context, Asset pdf, int page, BufferedImage image)
            throws IOException, UnsupportedContentException {
        Path staged = assets.stage();
        try {
            try (OutputStream out = Files.newOutputStream(staged)) {
                ImageIO.write(image, "jpeg", out);
            }
            FileFacts facts = inspector.inspect(staged, FileAssetStore.sha256Of(staged));
            assets.commit(context.companyHandle(), pdf.path().withName(pdf.path().baseName() + "-" + page + ".jpg"),
                    staged, facts, pdf.readyForPublish(), true);
        } catch (AssetExistsException e) {
            throw new IllegalStateException("replacing was asked for", e);
        } finally {
            Files.deleteIfExists(staged);
        }
    }
}
