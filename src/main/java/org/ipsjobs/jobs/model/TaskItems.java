package org.ipsjobs.jobs.model;

import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A task's per-item progress as a run keeps it: one flat array of three cells per item, and the
 * fractions in an array of their own that is left out once every item is done, instead of one object
 * per item. A finished run keeps these as long as it is listed. Immutable; {@link #get} builds the
 * {@link TaskItemStatus} a reader sees.
 */
final class TaskItems extends AbstractList<TaskItemStatus> implements RandomAccess {

    private static final int STRIDE = 3; // item name, progress message, last progress update
    private static final TaskItems EMPTY = new TaskItems(new Object[0], null);

    private final Object[] cells;
    private final double[] progress; // null when every item is at 1.0

    private TaskItems(Object[] cells, double[] progress) {
        this.cells = cells;
        this.progress = progress;
    }

    /** The items, stored flat; items stored so already are returned as they are. */
    static List<TaskItemStatus> copyOf(List<TaskItemStatus> items) {
        if (items instanceof TaskItems flat) {
            return flat;
        }
        if (items.isEmpty()) {
            return EMPTY;
        }
        Object[] cells = new Object[items.size() * STRIDE];
        double[] progress = new double[items.size()];
        boolean allDone = true;
        int at = 0;
        for (int i = 0; i < items.size(); i++) {
            TaskItemStatus item = Objects.requireNonNull(items.get(i), "a task item");
            cells[at] = item.itemName();
            cells[at + 1] = item.progressMessage();
            cells[at + 2] = item.lastProgressUpdate();
            progress[i] = item.progress();
            // compared as bits, so that -0.0 and NaN are kept as they came
            allDone &= Double.doubleToRawLongBits(item.progress()) == Double.doubleToRawLongBits(1.0);
            at += STRIDE;
        }
        return new TaskItems(cells, allDone ? null : progress);
    }

    @Override
    public TaskItemStatus get(int index) {
        Objects.checkIndex(index, size());
        int at = index * STRIDE;
        return new TaskItemStatus((String) cells[at], progress == null ? 1.0 : progress[index], (String) cells[at + 1],
                (Instant) cells[at + 2]);
    }

    @Override
    public int size() {
        return cells.length / STRIDE;
    }
}
