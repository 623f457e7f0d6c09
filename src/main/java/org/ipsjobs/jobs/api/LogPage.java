package org.ipsjobs.jobs.api;

import java.util.List;

import org.ipsjobs.jobs.model.LogDetail;
import org.ipsjobs.jobs.model.LogRecord;

/**
 * One job log with one page of its lines, as getJobLogDetails returns it.
 *
 * @param log the log
 * @param totalRows how many lines passed the filter in all
 * @param rows the lines of the page asked for
 */
public record LogPage(LogRecord log, int totalRows, List<LogDetail> rows) {
    public LogPage {
        rows = List.copyOf(rows);
    }
}
