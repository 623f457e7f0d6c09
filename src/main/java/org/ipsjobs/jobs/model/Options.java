package org.ipsjobs.jobs.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The options of a job that the service keeps and reports back but does not act on (PhotoshopOptions,
 * emailSetting and the like): an immutable, ordered tree of named values. An option holds either text
 * or nested options; a name may repeat (the items of an array). Plain data, so a store can keep it as
 * it is (a JSON column, say).
 *
 * @param entries the options in the order they were given
 */
public record Options(List<Option> entries) {

    /** No options. */
    public static final Options NONE = new Options(List.of());

    // jobs repeat their options (a client's publish jobs send the same ones each time), so a small set
    // of them is kept once for the service; bounded in number and size, so clients cannot grow it
    private static final int SHARED_MAX = 2048;
    private static final int SHARED_MAX_TEXT = 1024;
    private static final SharedPool<Options> SHARED = new SharedPool<>(SHARED_MAX);

    /**
     * One option.
     *
     * @param name its name
     * @param text its value, or null when it holds nested options
     * @param nested its nested options, or null when it holds text
     */
    public record Option(String name, String text, Options nested) {
        public Option {
            Objects.requireNonNull(name, "name");
            name = SharedText.of(name);
            text = SharedText.of(text);
            if ((text == null) == (nested == null)) {
                throw new IllegalArgumentException("option " + name + " holds either text or nested options");
            }
        }

        public static Option text(String name, String text) {
            return new Option(name, text, null);
        }

        public static Option nested(String name, Options nested) {
            return new Option(name, null, nested);
        }
    }

    public Options {
        entries = List.copyOf(entries);
    }

    /**
     * Options equal to these, the one copy the service keeps of them when it keeps one: small option
     * sets are shared by every job that has them, as {@link SharedText} shares short texts.
     */
    public Options shared() {
        return texts().stream().mapToInt(String::length).sum() > SHARED_MAX_TEXT ? this : SHARED.share(this);
    }

    /** The first option of this name. */
    public Optional<Option> get(String name) {
        return entries.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /** These options with every option of {@code defaults} whose name they lack added, recursively for nested ones. */
    public Options withDefaults(Options defaults) {
        List<Option> merged = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Option mine : entries) {
            names.add(mine.name());
            Optional<Option> fallback = defaults.get(mine.name());
            if (mine.nested() != null && fallback.isPresent() && fallback.get().nested() != null) {
                merged.add(Option.nested(mine.name(), mine.nested().withDefaults(fallback.get().nested())));
            } else {
                merged.add(mine);
            }
        }
        for (Option d : defaults.entries()) {
            if (!names.contains(d.name())) {
                merged.add(d);
            }
        }
        return new Options(merged);
    }

    /** Every text value, anywhere in the tree (for checks that apply to all client text). */
    public List<String> texts() {
        List<String> all = new ArrayList<>();
        for (Option o : entries) {
            if (o.text() != null) {
                all.add(o.text());
            } else {
                all.addAll(o.nested().texts());
            }
        }
        return all;
    }
}
