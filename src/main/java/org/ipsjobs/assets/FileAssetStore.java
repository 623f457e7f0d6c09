package org.ipsjobs.assets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Assets as files in a directory tree: {@code <root>/<company folder>/<asset path>}, one folder per
 * company, named after its root path. Beside them, {@code <root>/.index/} holds one index file per
 * company, a line of JSON per change of an asset record, and {@code <root>/.staging/} the files being
 * written. At start-up the index is read back and checked against the disk: a file that changed
 * outside the service is inspected again, one that appeared gets a new asset, one that went is
 * dropped; then the index is written anew, compacted.
 *
 * <p>A file becomes an asset by one rename from the staging folder, so a crash never leaves half a
 * file where an asset is; the index line follows the rename, and the check at start-up mends the
 * index if a crash came between. Thread-safe: changes of one company's assets take its lock.
 */
public final class FileAssetStore implements AssetStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileAssetStore.class);
    private static final String INDEX = ".index";
    private static final String STAGING = ".staging";
    private static final String DERIVED = ".derived";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Function<String, String> rootPathOf;
    private final ContentInspector inspector;
    private final Clock clock;
    private final Map<String, CompanyAssets> companies = new ConcurrentHashMap<>();

    /** One company's assets in memory, and its index file. Guarded by itself. */
    private static final class CompanyAssets {
        final String companyHandle;
        final Path folder;
        final Path index;
        final Map<String, Asset> byHandle = new HashMap<>();
        final TreeMap<String, Asset> byPath = new TreeMap<>();
        long lastNumber;

        CompanyAssets(String companyHandle, Path folder, Path index) {
            this.companyHandle = companyHandle;
            this.folder = folder;
            this.index = index;
        }

        void put(Asset a) {
            Asset old = byHandle.put(a.handle(), a);
            if (old != null) {
                byPath.remove(old.path().relative());
            }
            byPath.put(a.path().relative(), a);
        }
    }

    /**
     * Opens the store at the root, creating it if needed, and rebuilds the index of each company named
     * (others are rebuilt when first used).
     *
     * @param rootPathOf a company's IPS root path ({@code Acme/}), which names its folder; null when unknown
     */
    public FileAssetStore(Path root, Collection<String> companiesAtStart, Function<String, String> rootPathOf,
            ContentInspector inspector, Clock clock) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.rootPathOf = rootPathOf;
        this.inspector = inspector;
        this.clock = clock;
        Files.createDirectories(this.root.resolve(INDEX));
        Files.createDirectories(this.root.resolve(STAGING));
        clearStaging();
        for (String company : companiesAtStart) {
            companies.put(company, rebuild(company));
        }
    }

    /**
     * The folder a company's files live in, here and in the other areas that keep files per company
     * (drop, publish, export): its root path as one safe name, else {@code company-<id>}.
     */
    public static String folderName(String companyHandle, String rootPath) {
        String name = rootPath == null ? "" : rootPath.replace("/", "").strip();
        try {
            if (!name.isEmpty() && !name.startsWith(".")) {
                AssetPath.of("rootPath", List.of(), name, null);
                return name;
            }
        } catch (UnsafePathException e) {
            // fall through to the id
        }
        return "company-" + companyId(companyHandle).replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String companyId(String companyHandle) {
        return companyHandle.startsWith("c|") ? companyHandle.substring(2) : companyHandle;
    }

    // ---------------------------------------------------------------- reading

    @Override
    public Optional<Asset> asset(String companyHandle, String handle) {
        CompanyAssets c = company(companyHandle);
        synchronized (c) {
            return Optional.ofNullable(c.byHandle.get(handle));
        }
    }

    @Override
    public Optional<Asset> assetAt(String companyHandle, AssetPath path) {
        CompanyAssets c = company(companyHandle);
        synchronized (c) {
            return Optional.ofNullable(c.byPath.get(path.relative()));
        }
    }

    @Override
    public List<Asset> assets(String companyHandle) {
        CompanyAssets c = company(companyHandle);
        synchronized (c) {
            return List.copyOf(c.byPath.values());
        }
    }

    @Override
    public Path file(Asset asset) {
        return fileOf(company(asset.companyHandle()), asset.path());
    }

    // ---------------------------------------------------------------- writing

    @Override
    public Path stage() throws IOException {
        return Files.createTempFile(root.resolve(STAGING), "asset-", ".part");
    }

    @Override
    public Asset commit(String companyHandle, AssetPath path, Path staged, FileFacts facts, boolean readyForPublish,
            boolean replace) throws AssetExistsException, IOException {
        CompanyAssets c = company(companyHandle);
        synchronized (c) {
            Path target = fileOf(c, path);
            Asset existing = c.byPath.get(path.relative());
            if (existing != null && !replace) {
                throw new AssetExistsException(existing);
            }
            Files.createDirectories(target.getParent());
            requireNoLinks(c, target.getParent());
            if (existing == null && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // a file the index does not know yet (put there by hand): take it as the asset being replaced
                if (!replace) {
                    Asset found = newAsset(c, path, inspectOrPlain(target), false);
                    c.put(found);
                    append(c, found);
                    throw new AssetExistsException(found);
                }
            }
            moveInto(staged, target);
            Instant now = clock.instant();
            Asset stored = existing != null ? existing.replaced(facts, readyForPublish, now)
                    : new Asset(handle(c, ++c.lastNumber), companyHandle, path, facts, now, now, readyForPublish,
                            null, null, 1);
            c.put(stored);
            append(c, stored);
            return stored;
        }
    }

    @Override
    public Asset update(Asset next) throws IOException {
        CompanyAssets c = company(next.companyHandle());
        synchronized (c) {
            Asset stored = c.byHandle.get(next.handle());
            if (stored == null || stored.version() != next.version() - 1 || !stored.path().equals(next.path())) {
                throw new IllegalStateException("asset " + next.handle() + " changed or went meanwhile");
            }
            c.put(next);
            append(c, next);
            return next;
        }
    }

    @Override
    public void clear() throws IOException {
        for (CompanyAssets c : companies.values()) {
            synchronized (c) {
                deleteTree(c.folder);
                Files.deleteIfExists(c.index);
                c.byHandle.clear();
                c.byPath.clear();
                // handles are not reused after a reset: a client holding an old one must not find a new asset
            }
        }
        deleteTree(root.resolve(DERIVED));
        clearStaging();
    }

    @Override
    public Path derivedFile(Asset asset, String extension) {
        CompanyAssets c = company(asset.companyHandle());
        String name = asset.path().relative() + "." + asset.facts().sha256().substring(0, 16) + "." + extension;
        return root.resolve(DERIVED).resolve(c.folder.getFileName().toString()).resolve(name);
    }

    // ---------------------------------------------------------------- files

    private CompanyAssets company(String companyHandle) {
        return companies.computeIfAbsent(companyHandle, h -> {
            try {
                return rebuild(h);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Path fileOf(CompanyAssets c, AssetPath path) {
        Path file = c.folder;
        for (String folder : path.folders()) {
            file = file.resolve(folder);
        }
        file = file.resolve(path.name()).normalize();
        if (!file.startsWith(c.folder)) {
            throw new UnsafePathException("path", "the path " + path + " leaves the company's folder");
        }
        return file;
    }

    /** Refuses a folder that is, or lies under, a symbolic link: it could point anywhere. */
    private static void requireNoLinks(CompanyAssets c, Path folder) {
        for (Path p = folder; p != null && p.startsWith(c.folder); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new UnsafePathException("path", "the folder " + c.folder.relativize(p)
                        + " is a symbolic link; assets are not written through links");
            }
        }
    }

    private static void moveInto(Path staged, Path target) throws IOException {
        if (Files.isSymbolicLink(target)) {
            throw new UnsafePathException("path", "the file " + target.getFileName() + " is a symbolic link");
        }
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String handle(CompanyAssets c, long number) {
        return "a|" + companyId(c.companyHandle) + "|" + number;
    }

    private Asset newAsset(CompanyAssets c, AssetPath path, FileFacts facts, boolean ready) {
        Instant now = clock.instant();
        return new Asset(handle(c, ++c.lastNumber), c.companyHandle, path, facts, now, now, ready, null, null, 1);
    }

    private FileFacts inspectOrPlain(Path file) throws IOException {
        String sha = sha256Of(file);
        try {
            return inspector.inspect(file, sha);
        } catch (UnsupportedContentException e) {
            return new FileFacts("Asset", "unknown", Files.size(file), sha, 0, 0, 0);
        }
    }

    /** The SHA-256 of a file, in lower-case hex. */
    public static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A new SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private void clearStaging() throws IOException {
        try (DirectoryStream<Path> left = Files.newDirectoryStream(root.resolve(STAGING))) {
            for (Path p : left) {
                Files.deleteIfExists(p); // half-written files of a run that ended with the process
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.createDirectories(dir);
    }

    // ---------------------------------------------------------------- index

    private CompanyAssets rebuild(String companyHandle) throws IOException {
        String folderName = folderName(companyHandle, rootPathOf.apply(companyHandle));
        Path folder = root.resolve(folderName);
        Files.createDirectories(folder);
        CompanyAssets c = new CompanyAssets(companyHandle, folder.toRealPath(),
                root.resolve(INDEX).resolve(folderName + ".jsonl"));
        Map<String, Indexed> byPath = new HashMap<>();
        readIndex(c).values().forEach(i -> byPath.put(i.asset().path().relative(), i));
        int added = 0;
        int reread = 0;
        try (Stream<Path> files = Files.walk(c.folder)) {
            for (Path file : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                AssetPath path = pathOf(c, file);
                if (path == null) {
                    continue;
                }
                Indexed indexed = byPath.remove(path.relative());
                Asset known = indexed == null ? null : indexed.asset();
                if (known != null && known.facts().size() == Files.size(file)
                        && Files.getLastModifiedTime(file).toMillis() == indexed.fileTime()) {
                    c.put(known);
                } else if (known != null) {
                    c.put(known.replaced(inspectOrPlain(file), known.readyForPublish(), clock.instant()));
                    reread++;
                } else {
                    c.put(newAsset(c, path, inspectOrPlain(file), false));
                    added++;
                }
            }
        }
        writeIndex(c);
        if (added + reread + byPath.size() > 0) {
            LOG.info("assets of {}: {} found on disk and added, {} changed and read again, {} gone and dropped",
                    companyHandle, added, reread, byPath.size());
        }
        return c;
    }

    /** The asset path of a file under the company's folder, or null for one no client could have named. */
    private static AssetPath pathOf(CompanyAssets c, Path file) {
        Path relative = c.folder.relativize(file);
        List<String> names = new ArrayList<>();
        relative.forEach(p -> names.add(p.toString()));
        try {
            return AssetPath.of("path", List.of(), String.join("/", names), null);
        } catch (UnsafePathException e) {
            LOG.warn("the file {} has a name IPS paths cannot have; it is not taken as an asset", file);
            return null;
        }
    }

    /** An index line: the asset, and the modification time its file had when the line was written. */
    private record Indexed(Asset asset, long fileTime) {
    }

    private Map<String, Indexed> readIndex(CompanyAssets c) throws IOException {
        Map<String, Indexed> assets = new LinkedHashMap<>();
        if (!Files.exists(c.index)) {
            return assets;
        }
        for (String line : Files.readAllLines(c.index, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                Asset a = fromJson(c.companyHandle, node);
                assets.put(a.handle(), new Indexed(a, node.path("fileTime").asLong()));
                c.lastNumber = Math.max(c.lastNumber, number(a.handle()));
            } catch (IOException | RuntimeException e) {
                // the last line of a crash may be cut short; the disk check below mends what it held
                LOG.warn("skipping an unreadable line of the asset index {}", c.index);
            }
        }
        return assets;
    }

    private static long number(String handle) {
        return Long.parseLong(handle.substring(handle.lastIndexOf('|') + 1));
    }

    private void writeIndex(CompanyAssets c) throws IOException {
        Path next = c.index.resolveSibling(c.index.getFileName() + ".next");
        try (Writer out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
            for (Asset a : c.byPath.values()) {
                out.write(toJson(a, fileTime(c, a)));
                out.write('\n');
            }
        }
        try {
            Files.move(next, c.index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(next, c.index, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void append(CompanyAssets c, Asset a) throws IOException {
        try (Writer out = Files.newBufferedWriter(c.index, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            out.write(toJson(a, fileTime(c, a)) + "\n");
        }
    }

    private long fileTime(CompanyAssets c, Asset a) throws IOException {
        return Files.getLastModifiedTime(fileOf(c, a.path()), LinkOption.NOFOLLOW_LINKS).toMillis();
    }

    private static String toJson(Asset a, long fileTime) {
        ObjectNode n = JSON.createObjectNode();
        n.put("handle", a.handle());
        n.put("path", a.path().relative());
        FileFacts f = a.facts();
        n.put("type", f.type()).put("format", f.format()).put("size", f.size()).put("sha256", f.sha256());
        n.put("width", f.width()).put("height", f.height()).put("pages", f.pages());
        n.put("created", a.created().toString()).put("modified", a.modified().toString());
        n.put("readyForPublish", a.readyForPublish());
        if (a.publishedAt() != null) {
            n.put("publishedAt", a.publishedAt().toString()).put("publishedSha256", a.publishedSha256());
        }
        n.put("version", a.version()).put("fileTime", fileTime);
        return n.toString();
    }

    private static Asset fromJson(String companyHandle, JsonNode n) {
        FileFacts facts = new FileFacts(n.get("type").asText(), n.get("format").asText(), n.get("size").asLong(),
                n.get("sha256").asText(), n.get("width").asInt(), n.get("height").asInt(), n.get("pages").asInt());
        AssetPath path = AssetPath.of("path", List.of(), n.get("path").asText(), null);
        return new Asset(n.get("handle").asText(), companyHandle, path, facts, Instant.parse(n.get("created").asText()),
                Instant.parse(n.get("modified").asText()), n.get("readyForPublish").asBoolean(),
                n.hasNonNull("publishedAt") ? Instant.parse(n.get("publishedAt").asText()) : null,
                n.hasNonNull("publishedSha256") ? n.get("publishedSha256").asText() : null, n.get("version").asLong());
    }
}
