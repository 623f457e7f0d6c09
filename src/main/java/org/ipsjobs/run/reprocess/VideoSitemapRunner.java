package org.ipsjobs.run.reprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.ipsjobs.assets.Asset;
import org.ipsjobs.assets.AssetStore;
import org.ipsjobs.assets.FileAssetStore;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.run.FilesInPlace;
import org.ipsjobs.run.JobRunner;
import org.ipsjobs.run.RunContext;

/**
 * Runs CreateVideoSitemapJob: writes {@code <publishRoot>/<company folder>/video-sitemap.xml}, a
 * sitemap in the sitemaps.org format with Google's video extension, one entry per video asset of the
 * company (the ones the job names, or all), each located by its path below the company's folder,
 * since this service serves no media. Written beside its place and renamed, so a reader never sees
 * half a sitemap.
 */
public final class VideoSitemapRunner implements JobRunner {

    private final Path publishRoot;
    private final AssetStore assets;
    private final Function<String, String> rootPathOf;

    public VideoSitemapRunner(Path publishRoot, AssetStore assets, Function<String, String> rootPathOf) {
        this.publishRoot = publishRoot.toAbsolutePath().normalize();
        this.assets = assets;
        this.rootPathOf = rootPathOf;
    }

    @Override
    public boolean findsItsOwnItems() {
        return true;
    }

    @Override
    public void run(RunContext context) throws InterruptedException {
        String company = context.companyHandle();
        List<Asset> videos = assets.assets(company).stream().filter(a -> a.facts().type().equals("Video")).toList();
        Path folder = publishRoot.resolve(FileAssetStore.folderName(company, rootPathOf.apply(company)));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\""
                + "http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:video=\"http://www.google.com/schemas/"
                + "sitemap-video/1.1\">\n");
        int index = context.addItem("video-sitemap.xml");
        context.itemStarted(index);
        for (Asset v : videos) {
            if (context.stopRequested()) {
                return;
            }
            xml.append("  <url><loc>").append(escape(v.path().relative())).append("</loc><video:video><video:title>")
                    .append(escape(v.path().baseName())).append("</video:title><video:content_loc>")
                    .append(escape(v.path().relative())).append("</video:content_loc></video:video></url>\n");
        }
        xml.append("</urlset>\n");
        try {
            FilesInPlace.write(folder.resolve("video-sitemap.xml"), part -> Files.writeString(part, xml));
            context.itemSucceeded(index, null, LogMessage.of("sitemap.written", String.valueOf(videos.size())));
        } catch (IOException e) {
            context.itemFailed(index, LogMessage.of("sitemap.failed", String.valueOf(e.getMessage())));
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
