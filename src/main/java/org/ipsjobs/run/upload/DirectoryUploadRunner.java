package org.ipsjobs.run.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.ipsjobs.assets.Asset;
import org.ipsjobs.assets.AssetPath;
import org.ipsjobs.assets.AssetStore;
import org.ipsjobs.assets.ContentInspector;
import org.ipsjobs.assets.FileAssetStore;
import org.ipsjobs.assets.UnsafePathException;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.jobs.model.Options;
import org.ipsjobs.run.JobRunner;
import org.ipsjobs.run.RunContext;

/**
 * Runs UploadDirectoryJob: stores the files of the company's drop folder (IPS's FTP area,
 * {@code <dropRoot>/<company folder>/<serverDir>}), with its subfolders when includeSubfolders is set,
 * under destFolder, keeping their relative paths. The files stay in the drop folder. Symbolic links
 * are not followed: a link is a warning, never a way out of the drop folder.
 */
public final class DirectoryUploadRunner implements JobRunner {

    private final Path dropRoot;
    private final AssetStore assets;
    private final AssetPlacer placer;
    private final UrlUploadRunner.CompanyRoots roots;

    public DirectoryUploadRunner(Path dropRoot, AssetStore assets, ContentInspector inspector,
            UrlUploadRunner.CompanyRoots roots) {
        this.dropRoot = dropRoot.toAbsolutePath().normalize();
        this.assets = assets;
        this.placer = new AssetPlacer(assets, inspector);
        this.roots = roots;
    }

    @Override
    public boolean findsItsOwnItems() {
        return true;
    }

    @Override
    public void run(RunContext context) throws InterruptedException {
        Options options = context.parameters().options();
        UploadOptions upload = UploadOptions.of(options);
        String company = context.companyHandle();
        String rootPath = roots.rootPath(company);
        String serverDir = text(options, "serverDir");
        Path folder = dropRoot.resolve(FileAssetStore.folderName(company, rootPath));
        List<String> destFolder;
        try {
            for (String part : AssetPath.folder("serverDir", serverDir, null)) {
                folder = folder.resolve(part);
            }
            destFolder = AssetPath.folder("destFolder", text(options, "destFolder"), rootPath);
        } catch (UnsafePathException e) {
            failWhole(context, serverDir, LogMessage.of("upload.badName", String.valueOf(serverDir), e.getMessage()));
            return;
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            failWhole(context, serverDir, LogMessage.of("upload.noDropFolder", dropRoot.relativize(folder).toString()));
            return;
        }
        boolean subfolders = "true".equalsIgnoreCase(text(options, "includeSubfolders"));
        Path top = folder;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(top, subfolders ? Integer.MAX_VALUE : 1)) {
            files = walk.filter(p -> !p.equals(top)).filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted().toList();
        } catch (IOException e) {
            failWhole(context, serverDir, LogMessage.of("upload.storeFailed", String.valueOf(serverDir),
                    String.valueOf(e.getMessage())));
            return;
        }
        for (Path file : files) {
            if (context.stopRequested()) {
                return;
            }
            String relative = top.relativize(file).toString().replace('\\', '/');
            int index = context.addItem(relative);
            context.itemStarted(index);
            upload(context, index, relative, file, destFolder, upload);
        }
    }

    private void upload(RunContext context, int index, String relative, Path file, List<String> destFolder,
            UploadOptions options) {
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            context.itemWarning(index, null, LogMessage.of("upload.notAFile", relative));
            return;
        }
        AssetPath path;
        try {
            path = AssetPath.of("serverDir", destFolder, relative, null);
        } catch (UnsafePathException e) {
            context.itemFailed(index, LogMessage.of("upload.badName", relative, e.getMessage()));
            return;
        }
        Asset existing = assets.assetAt(context.companyHandle(), path).orElse(null);
        if (existing != null && !options.overwrite()) {
            AssetPlacer.exists(context, index, relative, path, existing);
            return;
        }
        Path staged = null;
        try {
            staged = assets.stage();
            Files.copy(file, staged, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            Path copy = staged;
            staged = null; // the placer stores or deletes it
            placer.place(context, index, relative, path, copy, null, options);
        } catch (IOException e) {
            context.itemFailed(index, LogMessage.of("upload.storeFailed", relative, String.valueOf(e.getMessage())));
        } finally {
            AssetPlacer.deleteQuietly(staged);
        }
    }

    private static void failWhole(RunContext context, String serverDir, LogMessage message) {
        int index = context.addItem(serverDir == null || serverDir.isBlank() ? "(drop folder)" : serverDir);
        context.itemStarted(index);
        context.itemFailed(index, message);
    }

    private static String text(Options options, String name) {
        return options.get(name).map(Options.Option::text).orElse(null);
    }
}
