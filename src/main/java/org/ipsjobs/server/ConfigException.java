package org.ipsjobs.server;

/**
 * A configuration that cannot be used; the message says where and why. Where it can, it names the
 * key ({@code jobs.workers}, {@code users[1].role}) and, for a file, the file and line:
 * {@code ips.yaml, line 12: jobs.workers: needs an integer, not 'four'}. Messages never name Java
 * classes: they are read by people who write YAML.
 */
public class ConfigException extends RuntimeException {

    private final String key;
    private final String problem;
    private final String file;
    private final int line;

    public ConfigException(String message) {
        this(null, null, 0, message, null);
    }

    public ConfigException(String message, Throwable cause) {
        this(null, null, 0, message, cause);
    }

    private ConfigException(String file, String key, int line, String problem, Throwable cause) {
        super(render(file, line, key, problem), cause);
        this.file = file;
        this.key = key;
        this.line = line;
        this.problem = problem;
    }

    /** A problem with one key, written as a path such as {@code server.port} or {@code users[2].password}. */
    public static ConfigException at(String key, String problem) {
        return new ConfigException(null, key, 0, problem, null);
    }

    /** The same problem, placed in a file (at a line when {@code line} is positive). */
    ConfigException in(String fileName, int lineNumber) {
        return new ConfigException(fileName, key, lineNumber, problem, getCause());
    }

    /** The key the problem is with, or null when it is not about one key. */
    public String key() {
        return key;
    }

    /** The line of the file, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** What is wrong, without where. */
    public String problem() {
        return problem;
    }

    /** The file, or null when the settings did not come from one. */
    public String file() {
        return file;
    }

    private static String render(String file, int line, String key, String problem) {
        StringBuilder s = new StringBuilder();
        if (file != null) {
            s.append(file);
            if (line > 0) {
                s.append(", line ").append(line);
            }
            s.append(": ");
        }
        if (key != null) {
            s.append(key).append(": ");
        }
        return s.append(problem).toString();
    }
}
