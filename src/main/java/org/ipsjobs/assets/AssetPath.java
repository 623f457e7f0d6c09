package org.ipsjobs.assets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an asset lives inside its company's folder: folder names and a file name, each checked so
 * that no path a client sends can leave that folder. Paths are written with forward slashes; an
 * empty segment ({@code a//b}) is skipped, as IPS clients send them so.
 *
 * @param folders the folders from the company's root down, possibly none
 * @param name the file name
 */
public record AssetPath(List<String> folders, String name) {

    /** Longest segment, in UTF-8 bytes: what common file systems allow. */
    static final int MAX_SEGMENT_BYTES = 255;
    /** Longest whole path, in characters. */
    static final int MAX_PATH_CHARS = 1024;

    public AssetPath {
        folders = List.copyOf(folders);
        Objects.requireNonNull(name, "name");
    }

    /**
     * A folder path as a client sends it (destPath, destFolder): checked and split. A leading company
     * root folder ({@code rootPath}, such as {@code Acme/}) is accepted and dropped, since IPS paths
     * start with it.
     *
     * @throws UnsafePathException naming the field, when the path is absolute, climbs with {@code ..},
     *         carries a drive letter, a backslash, an encoded separator or a control character
     */
    public static List<String> folder(String field, String text, String rootPath) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        check(field, text);
        List<String> segments = new ArrayList<>();
        for (String s : text.split("/", -1)) {
            if (!s.isEmpty()) {
                segments.add(segment(field, text, s));
            }
        }
        String root = rootPath == null ? "" : rootPath.replace("/", "");
        if (!segments.isEmpty() && !root.isEmpty() && segments.get(0).equals(root)) {
            segments.remove(0);
        }
        return List.copyOf(segments);
    }

    /**
     * A file name, possibly with folders in front ({@code shoes/red.jpg}, as browsers and the
     * UploadFile servlet's filename parameter send them), under the given folders.
     */
    public static AssetPath of(String field, List<String> folders, String nameWithFolders, String rootPath) {
        if (nameWithFolders == null || nameWithFolders.isBlank()) {
            throw new UnsafePathException(field, field + " is empty: a file needs a name");
        }
        List<String> more = folder(field, nameWithFolders, folders.isEmpty() ? rootPath : null);
        if (nameWithFolders.endsWith("/") || more.isEmpty()) {
            throw new UnsafePathException(field, field + " '" + printable(nameWithFolders) + "' names a folder, not a file");
        }
        List<String> all = new ArrayList<>(folders);
        all.addAll(more.subList(0, more.size() - 1));
        AssetPath path = new AssetPath(all, more.get(more.size() - 1));
        if (path.relative().length() > MAX_PATH_CHARS) {
            throw new UnsafePathException(field, field + " makes a path of " + path.relative().length()
                    + " characters; at most " + MAX_PATH_CHARS + " are allowed");
        }
        return path;
    }

    /** The path below the company's folder, with forward slashes. */
    public String relative() {
        return folders.isEmpty() ? name : String.join("/", folders) + "/" + name;
    }

    /** The folder part with a trailing slash, or an empty string at the root. */
    public String folderPath() {
        return folders.isEmpty() ? "" : String.join("/", folders) + "/";
    }

    /** The file name without its extension. */
    public String baseName() {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** This path with another file name, in the same folder. */
    public AssetPath withName(String newName) {
        return new AssetPath(folders, newName);
    }

    @Override
    public String toString() {
        return relative();
    }

    private static void check(String field, String text) {
        String shown = printable(text);
        if (text.startsWith("/")) {
            throw new UnsafePathException(field, field + " '" + shown + "' is absolute; give a path below the company's folder");
        }
        if (text.indexOf('\\') >= 0) {
            throw new UnsafePathException(field, field + " '" + shown + "' contains a backslash; separate folders with '/'");
        }
        if (text.indexOf(':') >= 0) {
            throw new UnsafePathException(field, field + " '" + shown + "' contains ':' (a drive letter or stream name)");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new UnsafePathException(field, field + " '" + shown + "' contains a control character");
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String encoded : new String[] {"%2f", "%5c", "%2e", "%00"}) {
            if (lower.contains(encoded)) {
                throw new UnsafePathException(field, field + " '" + shown + "' contains the encoded character "
                        + encoded.toUpperCase(Locale.ROOT) + "; send paths decoded");
            }
        }
    }

    private static String segment(String field, String text, String s) {
        String shown = printable(text);
        if (s.equals(".") || s.equals("..")) {
            throw new UnsafePathException(field, field + " '" + shown + "' contains '" + s
                    + "'; paths may not climb out of their folder");
        }
        if (!s.strip().equals(s) || s.endsWith(".")) {
            throw new UnsafePathException(field, field + " '" + shown + "' has a name that starts or ends with a space,"
                    + " or ends with a dot: '" + s + "'");
        }
        if (s.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
            throw new UnsafePathException(field, field + " has a name longer than " + MAX_SEGMENT_BYTES + " bytes");
        }
        return s;
    }

    /** The text with control characters shown as '?', so a fault or log line stays readable. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > 200 ? out.append("...").toString() : out.toString();
    }
}
