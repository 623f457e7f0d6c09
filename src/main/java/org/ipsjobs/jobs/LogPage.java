package org.ipsjobs.jobs;

import java.util.List;

/**
 * A job log with one page of its lines.
 *
 * @param log the log
 * @param totalRows how many lines match the query, over all pages
 * @param rows the lines on the requested page
 */
public record LogPage(JobLogRecord log, int totalRows, List<LogDetail> rows) {
    public LogPage {
        rows = List.copyOf(rows);
    }
}
