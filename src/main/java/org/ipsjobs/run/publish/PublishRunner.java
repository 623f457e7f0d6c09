package org.ipsjobs.run.publish;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.ipsjobs.assets.Asset;
import org.ipsjobs.assets.AssetStore;
import org.ipsjobs.assets.FileAssetStore;
import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.JobType;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.run.FilesInPlace;
import org.ipsjobs.run.JobRunner;
import org.ipsjobs.run.RunContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs the publish jobs: copies the company's assets marked ready for publish that the job's kind
 * serves (images for image serving and rendering, videos for video, everything for a server
 * directory publish) into {@code <publishRoot>/<company folder>/<kind>/<asset path>}, and writes
 * {@code manifest.json} there listing what the publish holds. A Full publish takes every such
 * asset, Incremental only those changed since their last publish. Each copy is written beside its
 * target and renamed into place, so a stopped publish leaves whole files only; each published asset
 * records the publish. A metadata publish copies no files: its manifest is what it publishes.
 */
public final class PublishRunner implements JobRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path publishRoot;
    private final AssetStore assets;
    private final Clock clock;
    private final java.util.function.Function<String, String> rootPathOf;

    public PublishRunner(Path publishRoot, AssetStore assets, Clock clock,
            java.util.function.Function<String, String> rootPathOf) {
        this.publishRoot = publishRoot.toAbsolutePath().normalize();
        this.assets = assets;
        this.clock = clock;
        this.rootPathOf = rootPathOf;
    }

    @Override
    public boolean findsItsOwnItems() {
        return true;
    }

    @Override
    public void run(RunContext context) throws InterruptedException {
        JobParameters parameters = context.parameters();
        JobType type = parameters.type();
        String company = context.companyHandle();
        boolean incremental = "Incremental".equalsIgnoreCase(parameters.subType());
        Predicate<Asset> served = served(type);
        List<Asset> selected = new ArrayList<>();
        for (Asset a : assets.assets(company)) {
            if (a.readyForPublish() && served.test(a) && (!incremental || a.changedSincePublish())) {
                selected.add(a);
            }
        }
        Path target = publishRoot.resolve(FileAssetStore.folderName(company, rootPathOf.apply(company)))
                .resolve(area(type));
        List<Asset> published = new ArrayList<>();
        for (Asset asset : selected) {
            if (context.stopRequested()) {
                break;
            }
            int index = context.addItem(asset.path().relative());
            context.itemStarted(index);
            try {
                if (type != JobType.METADATA_PUBLISH) {
                    copy(assets.file(asset), target.resolve(asset.path().relative()));
                }
                Asset now = assets.update(assets.asset(company, asset.handle()).orElse(asset).published(clock.instant()));
                published.add(now);
                context.itemSucceeded(index, asset.handle(), LogMessage.of("publish.copied", asset.path().relative(),
                        asset.handle(), area(type)));
            } catch (IOException | RuntimeException e) {
                context.itemFailed(index, LogMessage.of("publish.failed", asset.path().relative(),
                        String.valueOf(e.getMessage())));
            }
        }
        try {
            writeManifest(target, type, incremental, published);
        } catch (IOException e) {
            context.jobWarning(LogMessage.of("publish.noManifest", String.valueOf(e.getMessage())));
        }
    }

    /** Which assets a kind of publish serves. */
    static Predicate<Asset> served(JobType type) {
        return switch (type) {
            case IMAGE_SERVING_PUBLISH, IMAGE_RENDERING_PUBLISH -> a -> a.facts().type().equals("Image")
                    || a.facts().type().equals("AnimatedGif");
            case VIDEO_PUBLISH -> a -> a.facts().type().equals("Video");
            default -> a -> true;
        };
    }

    /** The folder of a kind of publish, under the company's publish folder. */
    static String area(JobType type) {
        return switch (type) {
            case IMAGE_SERVING_PUBLISH -> "image-serving";
            case IMAGE_RENDERING_PUBLISH -> "image-rendering";
            case VIDEO_PUBLISH -> "video";
            case SERVER_DIRECTORY_PUBLISH -> "server-directory";
            default -> type.wireName().toLowerCase(Locale.ROOT);
        };
    }

    private static void copy(Path from, Path to) throws IOException {
        FilesInPlace.write(to, part -> Files.copy(from, part, StandardCopyOption.REPLACE_EXISTING));
    }

    /**
     * The manifest of the publish folder: for a full publish the assets it copied; for an incremental
     * one, the earlier manifest's entries with this run's added or updated.
     */
    private void writeManifest(Path target, JobType type, boolean incremental, List<Asset> published)
            throws IOException {
        Files.createDirectories(target);
        Path manifest = target.resolve("manifest.json");
        java.util.Map<String, ObjectNode> entries = new java.util.TreeMap<>();
        if (incremental && Files.exists(manifest)) {
            for (var node : JSON.readTree(manifest.toFile()).path("assets")) {
                entries.put(node.path("path").asText(), (ObjectNode) node);
            }
        }
        for (Asset a : published) {
            ObjectNode n = JSON.createObjectNode();
            n.put("path", a.path().relative()).put("handle", a.handle()).put("type", a.facts().type())
                    .put("format", a.facts().format()).put("size", a.facts().size()).put("sha256", a.facts().sha256())
                    .put("publishedAt", a.publishedAt().toString());
            if (a.facts().width() > 0) {
                n.put("width", a.facts().width()).put("height", a.facts().height());
            }
            entries.put(a.path().relative(), n);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("publish", type.wireName()).put("publishedAt", clock.instant().toString());
        ArrayNode list = root.putArray("assets");
        entries.values().forEach(list::add);
        FilesInPlace.write(manifest, part -> {
            try (Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                JSON.writerWithDefaultPrettyPrinter().writeValue(out, root);
            }
        });
    }
}
