package org.ipsjobs.jobs.model;

import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A log's lines as a log keeps them: one flat array of a few cells per line instead of one object per
 * line, since a million finished jobs keep millions of lines. What lines of one kind share (the log
 * type, the message key and the asset type) is one {@link Shape}, kept once for the whole service. A
 * message argument that is the job's name (the first and last lines name the job) is kept as a mark,
 * and read back from the job's handle, which holds the name already. Immutable; {@link #get} builds
 * the {@link LogDetail} a reader sees.
 */
final class LogLines extends AbstractList<LogDetail> implements RandomAccess {

    private static final int STRIDE = 5; // shape, dateCreated, message arguments, asset name, asset handle
    // compared by identity: this very object marks the job's name, never an argument that equals its text
    private static final String JOB_NAME = new String("(the job's name)");

    private final Object[] cells;
    private final JobHandle job;

    private LogLines(Object[] cells, JobHandle job) {
        this.cells = cells;
        this.job = job;
    }

    /** The lines of a log of the job, stored flat; lines stored so for that job already are returned as they are. */
    static List<LogDetail> copyOf(List<LogDetail> lines, JobHandle job) {
        if (lines instanceof LogLines flat && flat.job.equals(job)) {
            return flat;
        }
        String name = job.name();
        Object[] cells = new Object[lines.size() * STRIDE];
        int at = 0;
        for (LogDetail line : lines) {
            Objects.requireNonNull(line, "a log line");
            cells[at] = Shape.of(line.logType(), line.messageKey(), line.assetType());
            cells[at + 1] = line.dateCreated();
            cells[at + 2] = marked(line.messageArgs(), name);
            cells[at + 3] = line.assetName();
            cells[at + 4] = line.assetHandle();
            at += STRIDE;
        }
        return new LogLines(cells, job);
    }

    /** The arguments with the job's name replaced by the mark. */
    private static Object marked(Object args, String name) {
        if (args instanceof String one) {
            return one.equals(name) ? JOB_NAME : one;
        }
        if (args instanceof String[] many) {
            String[] out = null;
            for (int i = 0; i < many.length; i++) {
                if (many[i].equals(name)) {
                    out = out == null ? many.clone() : out;
                    out[i] = JOB_NAME;
                }
            }
            return out == null ? many : out;
        }
        return args;
    }

    /** The arguments as written: the mark replaced by the job's name. */
    private Object unmarked(Object args) {
        if (args == JOB_NAME) {
            return job.name();
        }
        if (args instanceof String[] many) {
            for (int i = 0; i < many.length; i++) {
                if (many[i] == JOB_NAME) {
                    String[] out = many.clone();
                    String name = job.name();
                    for (int j = i; j < out.length; j++) {
                        out[j] = out[j] == JOB_NAME ? name : out[j];
                    }
                    return out;
                }
            }
        }
        return args;
    }

    @Override
    public LogDetail get(int index) {
        Objects.checkIndex(index, size());
        int at = index * STRIDE;
        Shape shape = (Shape) cells[at];
        return new LogDetail(shape.logType, shape.messageKey, unmarked(cells[at + 2]), (Instant) cells[at + 1],
                (String) cells[at + 3], shape.assetType, (String) cells[at + 4]);
    }

    @Override
    public int size() {
        return cells.length / STRIDE;
    }

    /**
     * What lines of one kind have in common. The service writes a few dozen kinds; the seeding API may
     * bring more, so only the first {@link #SHARED_MAX} kinds are shared and later ones are kept per line.
     */
    private record Shape(String logType, String messageKey, String assetType) {
        private static final int SHARED_MAX = 4096;
        private static final SharedPool<Shape> SHARED = new SharedPool<>(SHARED_MAX);

        static Shape of(String logType, String messageKey, String assetType) {
            return SHARED.share(new Shape(logType, messageKey, assetType));
        }
    }
}
