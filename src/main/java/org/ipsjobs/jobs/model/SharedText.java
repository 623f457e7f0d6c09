package org.ipsjobs.jobs.model;

/**
 * One shared copy of the short texts that jobs repeat (option names, publish types, settings such as
 * {@code Error} or {@code true}), so a million stored jobs do not each keep their own. The parser hands
 * over a fresh string for every value of every request; the service keeps the first one it saw.
 *
 * <p>Bounded: only texts up to {@value #MAX_LENGTH} characters are shared, and once {@value
 * #MAX_ENTRIES} are, later ones are kept as given, so clients sending endless new values cannot grow it.
 */
public final class SharedText {

    static final int MAX_LENGTH = 64;
    static final int MAX_ENTRIES = 8192;
    private static final SharedPool<String> POOL = new SharedPool<>(MAX_ENTRIES);

    private SharedText() {
    }

    /** The shared copy of the text, or the text itself when it is not shared; null stays null. */
    public static String of(String text) {
        return text == null || text.length() > MAX_LENGTH ? text : POOL.share(text);
    }
}
