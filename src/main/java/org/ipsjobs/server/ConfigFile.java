package org.ipsjobs.server;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a configuration file into a {@link ServiceConfig}, turning what Jackson and the YAML parser
 * report into messages for people who write YAML: the key as it is written in the file
 * ({@code jobs.workers}, {@code users[1].role}), its line, and what the key needs, never a Java type.
 * It also finds the line of a key for problems found after reading ({@link #lineOf}).
 */
final class ConfigFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    /** Every section of the file by its key ("" for the top level), with the keys it takes. */
    private static final Map<String, List<String>> SECTIONS = new LinkedHashMap<>();
    /** The sections that are lists of entries (companies, users). */
    private static final List<String> LIST_SECTIONS = new ArrayList<>();

    static {
        SECTIONS.put("", names(ServiceConfig.class));
        for (RecordComponent c : ServiceConfig.class.getRecordComponents()) {
            Class<?> type = c.getType();
            if (type == List.class && c.getGenericType() instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> item) {
                type = item;
                LIST_SECTIONS.add(c.getName());
            }
            if (type.isRecord()) {
                SECTIONS.put(c.getName(), names(type));
            }
        }
    }

    private final String name;
    private final Map<String, Node> nodes;

    /** Where a key or list item starts in the file, and what its value is. */
    private record Node(int line, JsonToken value, String text) {
    }

    private ConfigFile(String name, Map<String, Node> nodes) {
        this.name = name;
        this.nodes = nodes;
    }

    /** The file's content parsed, or a {@link ConfigException} that says where and what is wrong. */
    static ServiceConfig read(String name, byte[] yaml) {
        ConfigFile file = new ConfigFile(name, index(yaml));
        if (isEmpty(yaml)) {
            throw new ConfigException(name + ": the file is empty; write keys such as " + keysOf(ServiceConfig.class));
        }
        try {
            ServiceConfig config = YAML.readValue(yaml, ServiceConfig.class);
            if (config == null) {
                throw new ConfigException(name + ": the file holds no keys; write keys such as "
                        + keysOf(ServiceConfig.class));
            }
            return config;
        } catch (JsonProcessingException e) {
            throw file.explain(e);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** True when the file holds no YAML at all (nothing, or only comments). */
    private static boolean isEmpty(byte[] yaml) {
        try (JsonParser p = YAML.getFactory().createParser(yaml)) {
            return p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false; // not even its first token reads: a syntax error, which reading the file reports
        }
    }

    /** Places a problem found in the parsed settings at the line of its key in this file. */
    static ConfigException place(String name, byte[] yaml, ConfigException e) {
        return e.in(name, new ConfigFile(name, index(yaml)).lineOf(e.key()));
    }

    /** The line the key (or, when it is not in the file, the nearest enclosing key) starts on; 0 if none. */
    int lineOf(String key) {
        if (key == null) {
            return 0;
        }
        List<String> segments = segments(key);
        for (int n = segments.size(); n > 0; n--) {
            Node node = nodes.get(pointerOf(segments.subList(0, n)));
            if (node != null) {
                return node.line();
            }
        }
        return 0;
    }

    private ConfigException explain(JsonProcessingException e) {
        InputCoercionException tooLarge = cause(e, InputCoercionException.class);
        if (tooLarge != null && e instanceof JsonMappingException m) {
            String key = key(m.getPath());
            Node node = nodes.get(pointer(m.getPath()));
            String value = node == null ? "the number" : node.text();
            return placed(key, line(m), "needs " + expected(tooLarge.getTargetType()) + ", and " + value
                    + " is too large for it");
        }
        StreamReadException syntax = e instanceof StreamReadException s ? s : cause(e, StreamReadException.class);
        if (syntax != null) {
            return syntax(syntax);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return unknownKey(u);
        }
        if (e instanceof JsonMappingException m) {
            String key = key(m.getPath());
            String pointer = pointer(m.getPath());
            Class<?> target = m instanceof MismatchedInputException mi ? mi.getTargetType() : null;
            String given = m instanceof InvalidFormatException f && f.getValue() != null
                    ? quote(key, String.valueOf(f.getValue())) : given(key, nodes.get(pointer));
            if (key.isEmpty()) {
                return new ConfigException(name + ": the file must hold keys such as " + keysOf(ServiceConfig.class)
                        + (given == null ? "" : ", not " + given));
            }
            String needs = target == null ? "a different kind of value" : expected(target);
            return placed(key, line(m), "needs " + needs + (given == null ? "" : ", not " + given));
        }
        return new ConfigException(name + ": cannot be read", e);
    }

    private ConfigException syntax(StreamReadException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        if (message.startsWith("Duplicate field '")) {
            String field = message.substring("Duplicate field '".length(), message.indexOf('\'', "Duplicate field '".length()));
            String where = e.getProcessor() == null ? "" : key(e.getProcessor().getParsingContext().getParent());
            String key = where.isEmpty() ? field : where + "." + field;
            return ConfigException.at(key, "appears twice in the same section; keep one").in(name, line);
        }
        // the YAML parser's own words, without its copy of the line (the line number says where)
        List<String> problem = new ArrayList<>();
        for (String part : message.split("\n")) {
            if (part.isBlank() || part.strip().startsWith("in '")) {
                break;
            }
            problem.add(part.strip());
        }
        return new ConfigException(name + (line > 0 ? ", line " + line : "") + ": this is not valid YAML: "
                + String.join(": ", problem), null);
    }

    private ConfigException unknownKey(UnrecognizedPropertyException e) {
        String unknown = e.getPropertyName();
        List<JsonMappingException.Reference> path = e.getPath();
        String key = key(path);
        String section = key(path.subList(0, path.size() - 1));
        List<String> known = e.getReferringClass() != null && e.getReferringClass().isRecord()
                ? names(e.getReferringClass())
                : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
        String here = section.isEmpty() ? "Keys at the top level: " : section.endsWith("]")
                ? "Keys of an entry of " + section.replaceAll("\\[\\d+]$", "") + ": "
                : "Keys of " + section + ": ";
        String closest = closest(unknown, known);
        String elsewhere = elsewhere(unknown, section);
        String hint = (elsewhere == null ? "" : "; '" + unknown + "' is a key of " + elsewhere + ", not of this section")
                + (closest == null ? ". " : "; did you mean '" + closest + "'? ") + here + String.join(", ", known);
        return placed(key, line(e), "unknown key" + hint);
    }

    /** The sections, other than {@code section}, that have a key of this name (ignoring case), or null. */
    private static String elsewhere(String unknown, String section) {
        String plain = section.replaceAll("\\[\\d+]", "");
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, List<String>> s : SECTIONS.entrySet()) {
            if (s.getKey().equals(plain)) {
                continue;
            }
            for (String k : s.getValue()) {
                if (k.equalsIgnoreCase(unknown)) {
                    found.add(s.getKey().isEmpty() ? "the top level (written without indentation)"
                            : LIST_SECTIONS.contains(s.getKey()) ? "each entry of " + s.getKey()
                            : s.getKey() + " (" + s.getKey() + "." + k + ")");
                }
            }
        }
        return found.isEmpty() ? null : String.join(" and of ", found);
    }

    private static List<String> names(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static String keysOf(Class<?> record) {
        return String.join(", ", names(record));
    }

    /**
     * The known name closest to {@code name} (Damerau-Levenshtein distance, ignoring case), if it is
     * close enough to be a likely typing slip; else null.
     */
    static String closest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, name.length() / 3);
        return best != null && bestDistance <= allowed && bestDistance < Math.min(name.length(), best.length())
                ? best : null;
    }

    /** Edits (insert, delete, replace, swap of neighbours) that turn {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** What a value of this type looks like, in YAML terms. */
    private static String expected(Type type) {
        if (!(type instanceof Class<?> c)) {
            return "a different kind of value";
        }
        if (c == Integer.class || c == int.class || c == Long.class || c == long.class || c == Short.class
                || c == short.class) {
            return "an integer (a whole number)";
        }
        if (c == Boolean.class || c == boolean.class) {
            return "true or false";
        }
        if (c == String.class) {
            return "a single value (text)";
        }
        if (Collection.class.isAssignableFrom(c)) {
            return "a list (lines starting with '- ', or [a, b])";
        }
        if (c.isRecord()) {
            return "a section of keys (" + keysOf(c) + ")";
        }
        return "a different kind of value";
    }

    /** How the file's value at a key reads in a message, or null when there is nothing to show. */
    private static String given(String key, Node node) {
        if (node == null || node.value() == null) {
            return null;
        }
        return switch (node.value()) {
            case START_OBJECT -> "a section of keys";
            case START_ARRAY -> "a list";
            default -> node.text() == null ? null : quote(key, node.text());
        };
    }

    /** A value quoted for a message; a password's or token's value is never repeated. */
    private static String quote(String key, String value) {
        String last = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return last.contains("password") || last.contains("token") ? "the value given" : "'" + value + "'";
    }

    private int line(JsonMappingException e) {
        Node node = nodes.get(pointer(e.getPath()));
        if (node != null) {
            return node.line();
        }
        JsonLocation location = e.getLocation();
        return location == null ? 0 : location.getLineNr();
    }

    private ConfigException placed(String key, int line, String problem) {
        return ConfigException.at(key, problem).in(name, line);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The path as the file spells it: {@code users[1].companies}. */
    static String key(List<JsonMappingException.Reference> path) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                if (s.length() > 0) {
                    s.append('.');
                }
                s.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    private static String key(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, c.getCurrentName());
            }
        }
        StringBuilder s = new StringBuilder();
        for (String p : parts) {
            if (s.length() > 0 && !p.startsWith("[")) {
                s.append('.');
            }
            s.append(p);
        }
        return s.toString();
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        List<String> segments = new ArrayList<>();
        for (JsonMappingException.Reference r : path) {
            segments.add(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
        }
        return pointerOf(segments);
    }

    private static String pointerOf(List<String> segments) {
        return segments.stream().map(s -> "/" + s.replace("~", "~0").replace("/", "~1")).collect(Collectors.joining());
    }

    /** {@code users[2].password} as its segments: users, 2, password. */
    private static List<String> segments(String key) {
        List<String> segments = new ArrayList<>();
        for (String part : key.split("\\.")) {
            int bracket = part.indexOf('[');
            segments.add(bracket < 0 ? part : part.substring(0, bracket));
            while (bracket >= 0) {
                int end = part.indexOf(']', bracket);
                if (end < 0) {
                    break;
                }
                segments.add(part.substring(bracket + 1, end));
                bracket = part.indexOf('[', end);
            }
        }
        segments.removeIf(String::isEmpty);
        return segments;
    }

    /**
     * Where each key and list item of the file starts, by JSON pointer. A file with a syntax error
     * is indexed up to the error.
     */
    private static Map<String, Node> index(byte[] yaml) {
        Map<String, Integer> lines = new HashMap<>();
        Map<String, Node> nodes = new HashMap<>();
        try (JsonParser p = YAML.getFactory().createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                String at = p.getParsingContext().pathAsPointer().toString();
                int line = p.currentTokenLocation().getLineNr();
                if (t == JsonToken.FIELD_NAME) {
                    lines.putIfAbsent(at, line);
                } else if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY && !nodes.containsKey(at)) {
                    nodes.put(at, new Node(lines.getOrDefault(at, line), t, t.isScalarValue() ? p.getText() : null));
                }
            }
        } catch (IOException | RuntimeException e) {
            // a syntax error: what came before it is indexed, which is all a message can point at
        }
        lines.forEach((at, line) -> nodes.putIfAbsent(at, new Node(line, null, null)));
        return nodes;
    }
}
