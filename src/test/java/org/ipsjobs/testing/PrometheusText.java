package org.ipsjobs.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format, version 0.0.4, for tests: it refuses
 * what Prometheus would refuse (bad metric or label names, bad escapes, values that are not numbers,
 * a TYPE after its samples or twice, samples of one family apart, the same series twice) and gives
 * the samples by name and labels.
 */
public final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample: a series (name and labels, sorted) and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, String> help = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {
    }

    /** @throws IllegalArgumentException naming the line, when the text is not valid */
    public static PrometheusText parse(String text) {
        PrometheusText out = new PrometheusText();
        Set<String> closedFamilies = new java.util.HashSet<>();
        Set<String> seriesSeen = new java.util.HashSet<>();
        String currentFamily = null;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                    String[] parts = line.substring(7).split(" ", 2);
                    String name = name(parts[0]);
                    if (line.startsWith("# TYPE ")) {
                        String type = parts.length > 1 ? parts[1] : "";
                        require(TYPES.contains(type), "unknown type '" + type + "'");
                        require(out.types.put(name, type) == null, "a second TYPE for " + name);
                        require(!closedFamilies.contains(name) && !name.equals(currentFamily),
                                "TYPE of " + name + " after its samples");
                    } else {
                        require(out.help.put(name, parts.length > 1 ? parts[1] : "") == null, "a second HELP for " + name);
                    }
                    continue;
                }
                if (line.startsWith("#")) {
                    continue;
                }
                Sample sample = sample(line);
                String family = out.familyOf(sample.name());
                if (!family.equals(currentFamily)) {
                    require(!closedFamilies.contains(family), "samples of " + family + " are not together");
                    if (currentFamily != null) {
                        closedFamilies.add(currentFamily);
                    }
                    currentFamily = family;
                }
                require(seriesSeen.add(sample.name() + sample.labels()), "series given twice: " + sample.name()
                        + sample.labels());
                out.samples.add(sample);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + n + " '" + line + "': " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The family a sample belongs to: its own name, or the histogram or summary it is part of. */
    private String familyOf(String sampleName) {
        if (types.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || "summary".equals(type)) {
                    return base;
                }
            }
        }
        return sampleName; // untyped
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        String name;
        Map<String, String> labels = new TreeMap<>();
        String rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = name(line.substring(0, brace));
            int at = brace + 1;
            while (line.charAt(at) != '}') {
                int eq = line.indexOf('=', at);
                String label = line.substring(at, eq);
                require(LABEL_NAME.matcher(label).matches(), "bad label name '" + label + "'");
                require(line.charAt(eq + 1) == '"', "label value not quoted");
                StringBuilder value = new StringBuilder();
                int i = eq + 2;
                for (; line.charAt(i) != '"'; i++) {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        char e = line.charAt(++i);
                        require(e == '\\' || e == '"' || e == 'n', "bad escape \\" + e);
                        value.append(e == 'n' ? '\n' : e);
                    } else {
                        value.append(c);
                    }
                }
                require(labels.put(label, value.toString()) == null, "label " + label + " twice");
                at = i + 1;
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            rest = line.substring(at + 1);
        } else {
            name = name(line.substring(0, space));
            rest = line.substring(space);
        }
        require(rest.startsWith(" "), "no space before the value");
        String[] fields = rest.trim().split(" ");
        require(fields.length <= 2, "more than a value and a timestamp");
        if (fields.length == 2) {
            Long.parseLong(fields[1]);
        }
        return new Sample(name, Map.copyOf(labels), number(fields[0]));
    }

    private static double number(String s) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    private static String name(String s) {
        require(METRIC_NAME.matcher(s).matches(), "bad metric name '" + s + "'");
        return s;
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what);
        }
    }

    /** Every family's declared type, by name. */
    public Map<String, String> types() {
        return types;
    }

    /** Every family's help text, by name. */
    public Map<String, String> help() {
        return help;
    }

    public List<Sample> samples() {
        return samples;
    }

    /**
     * The value of the one series with this name whose labels include these (name, value pairs), or 0
     * when there is none (a series not made yet has counted nothing).
     */
    public double value(String name, String... labelPairs) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        List<Sample> matching = samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(wanted.entrySet())).toList();
        if (matching.size() > 1) {
            throw new IllegalArgumentException(matching.size() + " series match " + name + wanted + ": " + matching);
        }
        return matching.isEmpty() ? 0 : matching.get(0).value();
    }

    /** The sum over every series with this name whose labels include these. */
    public double sum(String name, String... labelPairs) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(wanted.entrySet())).mapToDouble(Sample::value).sum();
    }
}
