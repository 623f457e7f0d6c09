package org.ipsjobs.dashboard;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import org.ipsjobs.auth.Company;
import org.ipsjobs.control.FaultEffect;
import org.ipsjobs.control.FaultRule;
import org.ipsjobs.control.JournalEntry;
import org.ipsjobs.control.ServiceControl;
import org.ipsjobs.jobs.api.JobFilter;
import org.ipsjobs.jobs.api.JobLogQuery;
import org.ipsjobs.jobs.api.JobLogSortField;
import org.ipsjobs.jobs.api.LogDetailQuery;
import org.ipsjobs.jobs.api.LogPage;
import org.ipsjobs.jobs.api.MessageCatalog;
import org.ipsjobs.jobs.api.Operation;
import org.ipsjobs.jobs.api.ScheduledJobView;
import org.ipsjobs.jobs.api.SortDirection;
import org.ipsjobs.jobs.model.ExecTiming;
import org.ipsjobs.jobs.model.JobState;
import org.ipsjobs.jobs.model.JobType;
import org.ipsjobs.jobs.model.LogDetail;
import org.ipsjobs.jobs.model.LogRecord;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.model.TaskItemStatus;
import org.ipsjobs.jobs.model.TaskStatus;
import org.ipsjobs.schedule.TriggerInfo;

/**
 * Renders the dashboard's views as HTML fragments from what the job service, the control and the
 * journal answer for the viewer. The live views are rendered again for each update and sent whole:
 * simpler than diffs, and a view is at most a few hundred rows.
 */
final class Views {

    static final int MAX_ROWS = 200;
    static final int LOG_PAGE = 25;
    private static final DateTimeFormatter SERVER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z",
            Locale.ROOT);

    private final DashboardServlet.Setting setting;
    private final String csrf;
    private final MessageCatalog messages = new MessageCatalog();

    /** @param csrf the token every action form carries, so another site cannot post one */
    Views(DashboardServlet.Setting setting, String csrf) {
        this.setting = setting;
        this.csrf = csrf;
    }

    // ---------------------------------------------------------------- active jobs

    String jobs(Viewer viewer, Params p) {
        List<RunRecord> runs = setting.service().activeJobs(viewer.caller(), new JobFilter(p.get("company"), null,
                null, true));
        Html h = new Html();
        if (runs.isEmpty()) {
            return h.el("p", "class=\"empty\"", "No active or recently finished jobs.").toString();
        }
        h.raw("<table class=\"grid\" id=\"jobs-table\"><thead><tr><th>Company</th><th>Name</th><th>Type</th>"
                + "<th>State</th><th>Progress</th><th>Items</th><th>Started</th><th>Server</th></tr></thead><tbody>");
        for (RunRecord run : newestFirst(runs)) {
            String handle = run.handle().value();
            h.raw("<tr " + Html.attr("data-handle", handle) + ">");
            h.el("td", null, companyName(run.companyHandle()));
            h.raw("<td><a " + Html.attr("href", jobLink(run)) + ">").text(run.job().name()).raw("</a></td>");
            h.el("td", null, run.job().type().wireName());
            h.raw("<td>").raw(state(run.state(), run.held())).raw("</td>");
            h.raw("<td>").raw(progress(run.progress())).raw("</td>");
            h.el("td", "class=\"items\"", items(viewer, run));
            h.el("td", null, time(run.startDate()));
            h.el("td", null, setting.serverName());
            h.raw("</tr>");
        }
        return h.raw("</tbody></table>").toString();
    }

    private static List<RunRecord> newestFirst(List<RunRecord> runs) {
        List<RunRecord> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparing(RunRecord::triggerTime).reversed());
        return sorted.size() > MAX_ROWS ? sorted.subList(0, MAX_ROWS) : sorted;
    }

    /** Items done and failed, from the run's log (a queued run has none yet). */
    private String items(Viewer viewer, RunRecord run) {
        LogRecord log = logOf(viewer, run.companyHandle(), run.handle().value(), 1, 1).map(LogPage::log).orElse(null);
        if (log == null) {
            return run.totalSize() + " to do";
        }
        return (log.successCount() + log.warningCount()) + " of " + Math.max(run.totalSize(), log.totalCount())
                + " done, " + log.errorCount() + " failed";
    }

    private java.util.Optional<LogPage> logOf(Viewer viewer, String company, String runHandle, int perPage, int page) {
        List<LogPage> pages = setting.service().jobLogDetails(viewer.caller(), new LogDetailQuery(company, runHandle,
                null, Set.of(), perPage, page, null, null));
        return pages.stream().filter(lp -> lp.log().run().value().equals(runHandle)).findFirst();
    }

    // ---------------------------------------------------------------- one job

    String job(Viewer viewer, Params p) {
        String company = p.require("company");
        String handle = p.require("handle");
        List<RunRecord> runs = setting.service().activeJobs(viewer.caller(), new JobFilter(company, handle, null, true));
        Html h = new Html();
        RunRecord run = runs.stream().filter(r -> r.handle().value().equals(handle)).findFirst()
                .orElse(runs.isEmpty() ? null : runs.get(runs.size() - 1));
        if (run != null) {
            h.raw("<dl class=\"facts\">");
            fact(h, "Name", run.job().name());
            fact(h, "Company", companyName(company));
            fact(h, "Type", run.job().type().wireName());
            h.raw("<dt>State</dt><dd id=\"job-state\">").raw(state(run.state(), run.held())).raw("</dd>");
            h.raw("<dt>Progress</dt><dd>").raw(progress(run.progress())).raw(" ").text(run.progressMessage())
                    .raw("</dd>");
            fact(h, "Run handle", run.handle().value());
            fact(h, "Submitted by", run.job().submitUserEmail());
            fact(h, "Started", time(run.startDate()));
            h.raw("</dl>");
            if (viewer.operator()) {
                h.raw("<div class=\"actions\">");
                action(h, "stop", "Stop", company, run.handle().value(), "\u25A0", null);
                action(h, "hold", "Hold", company, run.handle().value(), "\u2016", null);
                action(h, "release", "Release", company, run.handle().value(), "\u25B6", null);
                h.raw("</div>");
            }
            h.el("h3", null, "Task progress");
            tasks(h, run.tasks());
            h.el("h3", null, "Job details");
            parameters(h, run.job().parameters());
        } else {
            h.el("p", "class=\"empty\"", "No active run " + handle + " (it may have finished and been cleared).");
        }
        h.el("h3", null, "Log");
        logLines(h, logOf(viewer, company, handle, 500, 1).orElse(null));
        return h.toString();
    }

    private static void tasks(Html h, List<TaskStatus> tasks) {
        if (tasks.isEmpty()) {
            h.el("p", "class=\"empty\"", "No task progress yet.");
            return;
        }
        h.raw("<table class=\"grid\"><thead><tr><th>Task</th><th>State</th><th>Done</th><th>Running</th>"
                + "<th>Pending</th><th>Progress</th><th>Message</th></tr></thead><tbody>");
        for (TaskStatus t : tasks) {
            h.raw("<tr>").el("td", null, t.taskType()).el("td", null, t.taskState()).el("td", null, t.numProcessed())
                    .el("td", null, t.numProcessing()).el("td", null, t.numPending())
                    .raw("<td>").raw(progress((int) Math.round(t.progress() * 100))).raw("</td>")
                    .el("td", null, t.progressMessage()).raw("</tr>");
            for (TaskItemStatus item : t.items()) {
                h.raw("<tr class=\"item\">").el("td", null, "\u21B3 " + item.itemName()).raw("<td></td><td></td><td></td>"
                        + "<td></td><td>").raw(progress((int) Math.round(item.progress() * 100))).raw("</td>")
                        .el("td", null, item.progressMessage()).raw("</tr>");
            }
        }
        h.raw("</tbody></table>");
    }

    /** The job's typed parameters, field by field. */
    private static void parameters(Html h, Object parameters) {
        h.raw("<dl class=\"facts\">");
        if (parameters instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    fact(h, c.getName(), readable(c.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    fact(h, c.getName(), "(not readable)");
                }
            }
        }
        h.raw("</dl>");
    }

    /** A parameter's value as a person reads it: options as name=value, lists joined. */
    private static String readable(Object value) {
        if (value instanceof org.ipsjobs.jobs.model.Options o) {
            return o.entries().stream().map(e -> e.name() + "=" + (e.nested() != null ? "{" + readable(e.nested()) + "}"
                    : e.text())).collect(java.util.stream.Collectors.joining(", "));
        }
        if (value instanceof java.util.Collection<?> list) {
            return list.stream().map(Views::readable).collect(java.util.stream.Collectors.joining(", "));
        }
        if (value instanceof Record r) {
            List<String> parts = new ArrayList<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    Object v = c.getAccessor().invoke(r);
                    if (v != null) {
                        parts.add(c.getName() + "=" + readable(v));
                    }
                } catch (ReflectiveOperationException e) {
                    parts.add(c.getName() + "=?");
                }
            }
            return String.join(" ", parts);
        }
        return String.valueOf(value);
    }

    private void logLines(Html h, LogPage page) {
        if (page == null) {
            h.el("p", "class=\"empty\"", "No log yet.");
            return;
        }
        LogRecord log = page.log();
        h.el("p", "class=\"counts\"", log.successCount() + " succeeded, " + log.warningCount() + " with warnings, "
                + log.errorCount() + " failed" + (log.fatalError() ? ", ended by a fatal error" : ""));
        h.raw("<table class=\"grid log\"><thead><tr><th>Time</th><th>Type</th><th>Message</th><th>Asset</th></tr>"
                + "</thead><tbody>");
        for (LogDetail d : page.rows()) {
            boolean bad = d.logType().contains("Error") || d.logType().contains("Failure");
            h.raw("<tr" + (bad ? " class=\"bad\"" : "") + ">").el("td", null, time(d.dateCreated()))
                    .el("td", null, (bad ? "\u2716 " : "") + d.logType())
                    .el("td", null, messages.render(d.message(), log.locale()))
                    .el("td", null, d.assetName() == null ? "" : d.assetName()).raw("</tr>");
        }
        h.raw("</tbody></table>");
        if (page.totalRows() > page.rows().size()) {
            h.el("p", "class=\"empty\"", (page.totalRows() - page.rows().size()) + " more line(s) not shown.");
        }
    }

    // ---------------------------------------------------------------- schedules

    String schedules(Viewer viewer, Params p) {
        List<ScheduledJobView> jobs = setting.service().scheduledJobs(viewer.caller(), new JobFilter(p.get("company"),
                null, null, true));
        Html h = new Html();
        if (jobs.isEmpty()) {
            return h.el("p", "class=\"empty\"", "No scheduled jobs.").toString();
        }
        ZoneId zone = setting.zone();
        h.raw("<table class=\"grid\" id=\"schedules-table\"><thead><tr><th>Company</th><th>Name</th><th>Type</th>"
                + "<th>Schedule</th><th>Next fire (server, " + Html.escape(zone.getId()) + ")</th>"
                + "<th>Next fire (yours)</th><th>Trigger</th>" + (viewer.operator() ? "<th>Actions</th>" : "")
                + "</tr></thead><tbody>");
        for (ScheduledJobView s : jobs) {
            String handle = s.job().handle().value();
            TriggerInfo t = s.trigger();
            Instant next = t == null ? null : t.nextFireTime();
            h.raw("<tr " + Html.attr("data-handle", handle) + ">");
            h.el("td", null, companyName(s.job().companyHandle()));
            h.el("td", null, s.job().name());
            h.el("td", null, s.job().type().wireName());
            h.el("td", null, timing(s.job().timing()));
            h.el("td", null, next == null ? "none" : SERVER_TIME.format(next.atZone(zone)));
            h.raw("<td>").raw(next == null ? "none" : "<time class=\"local\" " + Html.attr("datetime", next) + ">"
                    + Html.escape(next.toString()) + "</time>").raw("</td>");
            String triggerState = t == null ? "None" : t.state().wireName();
            h.raw("<td class=\"trigger\">").text(("Paused".equals(triggerState) ? "\u2016 " : "\u25CF ") + triggerState)
                    .raw("</td>");
            if (viewer.operator()) {
                String company = s.job().companyHandle();
                h.raw("<td class=\"actions\">");
                action(h, "pause", "Pause", company, handle, "\u2016", null);
                action(h, "resume", "Resume", company, handle, "\u25B6", null);
                action(h, "run", "Run now", company, handle, "\u21BB", null);
                action(h, "delete", "Delete", company, handle, "\u2716", "Delete the scheduled job " + s.job().name()
                        + "?");
                h.raw("</td>");
            }
            h.raw("</tr>");
        }
        return h.raw("</tbody></table>").toString();
    }

    private static String timing(ExecTiming timing) {
        if (timing instanceof ExecTiming.Recurring r) {
            return r.schedule().text();
        }
        if (timing instanceof ExecTiming.At at) {
            return "once at " + at.time();
        }
        return "immediately";
    }

    // ---------------------------------------------------------------- job logs

    String logs(Viewer viewer, Params p) {
        Html h = new Html();
        h.raw("<form class=\"filters\" method=\"get\" action=\"logs\">");
        select(h, "company", "Company", companies(viewer), p.get("company"));
        input(h, "user", "User handle", p.get("user"), "u|47|1");
        select(h, "type", "Type", java.util.Arrays.stream(JobType.values()).map(JobType::wireName).sorted().toList(),
                p.get("type"));
        input(h, "from", "From (UTC)", p.get("from"), "2030-01-01T00:00:00Z");
        input(h, "to", "To (UTC)", p.get("to"), "2030-12-31T00:00:00Z");
        select(h, "outcome", "Outcome", List.of("succeeded", "warnings", "failed"), p.get("outcome"));
        h.raw("<button type=\"submit\">Filter</button></form>");

        List<LogRecord> logs = setting.service().jobLogs(viewer.caller(), new JobLogQuery(p.get("company"),
                p.get("user"), p.instant("from"), p.instant("to"), JobLogSortField.START_DATE, SortDirection.DESCENDING,
                null));
        Predicate<LogRecord> keep = log -> (p.get("type") == null || log.type().wireName().equals(p.get("type")))
                && (p.get("outcome") == null || outcome(log).equals(p.get("outcome")));
        List<LogRecord> shown = logs.stream().filter(keep).toList();
        int page = p.page();
        int pages = Math.max(1, (shown.size() + LOG_PAGE - 1) / LOG_PAGE);
        int from = Math.min(shown.size(), (page - 1) * LOG_PAGE);
        h.el("p", "class=\"counts\"", shown.size() + " log(s); page " + page + " of " + pages);
        h.raw("<table class=\"grid\" id=\"logs-table\"><thead><tr><th>Company</th><th>Job</th><th>Type</th><th>User</th>"
                + "<th>Started</th><th>Ended</th><th>OK</th><th>Warn</th><th>Failed</th><th>Outcome</th></tr></thead>"
                + "<tbody>");
        for (LogRecord log : shown.subList(from, Math.min(shown.size(), from + LOG_PAGE))) {
            String company = log.run().job().companyHandle();
            h.raw("<tr>").el("td", null, companyName(company));
            h.raw("<td><a " + Html.attr("href", "logs/detail?company=" + Html.url(company) + "&handle="
                    + Html.url(log.run().value())) + ">").text(log.run().job().name()).raw("</a></td>");
            h.el("td", null, log.type().wireName()).el("td", null, log.submitUserEmail())
                    .el("td", null, time(log.startDate())).el("td", null, time(log.endDate()))
                    .el("td", null, log.successCount()).el("td", null, log.warningCount())
                    .el("td", null, log.errorCount());
            String o = outcome(log);
            h.el("td", "class=\"outcome-" + o + "\"", (o.equals("failed") ? "\u2716 " : o.equals("warnings") ? "\u26A0 "
                    : "\u2714 ") + o).raw("</tr>");
        }
        h.raw("</tbody></table><nav class=\"pages\">");
        if (page > 1) {
            h.raw("<a " + Html.attr("href", "logs?" + p.with("page", String.valueOf(page - 1))) + ">\u2190 Newer</a> ");
        }
        if (page < pages) {
            h.raw("<a " + Html.attr("href", "logs?" + p.with("page", String.valueOf(page + 1))) + ">Older \u2192</a>");
        }
        return h.raw("</nav>").toString();
    }

    private static String outcome(LogRecord log) {
        return log.errorCount() > 0 || log.fatalError() ? "failed" : log.warningCount() > 0 ? "warnings" : "succeeded";
    }

    String logDetail(Viewer viewer, Params p) {
        String company = p.require("company");
        String handle = p.require("handle");
        int page = p.page();
        Html h = new Html();
        LogPage lp = logOf(viewer, company, handle, LOG_PAGE, page).orElse(null);
        if (lp == null) {
            return h.el("p", "class=\"empty\"", "No log for " + handle + ".").toString();
        }
        h.raw("<dl class=\"facts\">");
        fact(h, "Job", lp.log().run().job().name());
        fact(h, "Run handle", handle);
        fact(h, "Type", lp.log().type().wireName());
        fact(h, "Submitted by", lp.log().submitUserEmail());
        h.raw("</dl>");
        logLines(h, new LogPage(lp.log(), lp.rows().size(), lp.rows()));
        int pages = Math.max(1, (lp.totalRows() + LOG_PAGE - 1) / LOG_PAGE);
        h.el("p", "class=\"counts\"", lp.totalRows() + " line(s); page " + page + " of " + pages);
        h.raw("<nav class=\"pages\">");
        if (page > 1) {
            h.raw("<a " + Html.attr("href", "detail?" + p.with("page", String.valueOf(page - 1))) + ">\u2190 Earlier</a> ");
        }
        if (page < pages) {
            h.raw("<a " + Html.attr("href", "detail?" + p.with("page", String.valueOf(page + 1))) + ">Later \u2192</a>");
        }
        return h.raw("</nav>").toString();
    }

    // ---------------------------------------------------------------- requests

    String requests(Viewer viewer, Params p) {
        Boolean faulted = p.get("outcome") == null ? null : p.get("outcome").equals("fault");
        List<JournalEntry> entries = setting.journal().list(p.get("operation"), p.get("company"), faulted, null, 100);
        Html h = new Html();
        if (!setting.journal().enabled()) {
            return h.el("p", "class=\"empty\"", "The request journal is off (admin.journalSize is 0).").toString();
        }
        if (entries.isEmpty()) {
            return h.el("p", "class=\"empty\"", "No requests recorded yet.").toString();
        }
        h.raw("<ul class=\"journal\">");
        for (JournalEntry e : entries) {
            h.raw("<li " + Html.attr("data-id", e.id()) + (e.faulted() ? " class=\"bad\"" : "") + "><details><summary>");
            h.el("span", "class=\"when\"", time(e.time()));
            h.el("span", "class=\"op\"", e.operation() == null ? "(unknown)" : e.operation());
            h.el("span", null, e.entryPoint() + " " + (e.apiVersion() == null ? "" : e.apiVersion()));
            h.el("span", null, e.company() == null ? "" : companyName(e.company()));
            h.el("span", null, e.caller() == null ? "" : e.caller());
            h.el("span", "class=\"outcome\"", e.faulted() ? "\u2716 " + e.faultType() + " " + e.faultCode() : "\u2714 ok");
            h.el("span", null, (e.durationMicros() / 1000.0) + " ms");
            h.raw("</summary>");
            h.el("h4", null, "Request");
            h.el("pre", "class=\"xml\"", PrettyXml.format(e.requestBody()));
            h.el("h4", null, "Response");
            h.el("pre", "class=\"xml" + (e.faulted() ? " fault" : "") + "\"", PrettyXml.format(e.responseBody()));
            h.raw("</details></li>");
        }
        return h.raw("</ul>").toString();
    }

    String requestFilters(Params p) {
        Html h = new Html();
        h.raw("<form class=\"filters\" method=\"get\" action=\"requests\">");
        select(h, "operation", "Operation", java.util.Arrays.stream(Operation.values()).map(Operation::wireName)
                .sorted().toList(), p.get("operation"));
        input(h, "company", "Company handle", p.get("company"), "47");
        select(h, "outcome", "Outcome", List.of("ok", "fault"), p.get("outcome"));
        return h.raw("<button type=\"submit\">Filter</button></form>").toString();
    }

    // ---------------------------------------------------------------- test controls

    String controls(Viewer viewer) {
        ServiceControl.ClockState clock = setting.control().clock();
        Html h = new Html();
        h.raw("<section><h2>Clock</h2><p id=\"clock-state\">").text(clock.mode() + " \u2014 now "
                + SERVER_TIME.format(clock.now().atZone(clock.zone()))).raw("</p>");
        h.raw(form("clock/freeze", "") + "<label>Freeze at (UTC) <input name=\"at\" "
                + Html.attr("value", clock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                + "></label><button type=\"submit\">Freeze</button></form>");
        h.raw(form("clock/advance", "") + "<label>Advance by <input name=\"by\" id=\"advance-by\" value=\"PT1H\" "
                + "title=\"an ISO-8601 duration such as PT30M, PT2H or P1D\"></label>"
                + "<button type=\"submit\" id=\"advance\">Advance</button></form>");
        h.raw(form("clock/real", "") + "<button type=\"submit\">Back to real time</button></form></section>");

        h.raw("<section><h2>Fault rules</h2>");
        List<FaultRule> rules = setting.faults().list();
        if (rules.isEmpty()) {
            h.el("p", "class=\"empty\"", "No fault rules.");
        } else {
            h.raw("<table class=\"grid\" id=\"rules-table\"><thead><tr><th>Id</th><th>Match</th><th>Effect</th>"
                    + "<th>Left</th><th></th></tr></thead><tbody>");
            for (FaultRule r : rules) {
                h.raw("<tr>").el("td", null, r.id()).el("td", null, match(r)).el("td", null, effect(r.effect()))
                        .el("td", null, r.remaining() == null ? "always" : r.remaining()).raw("<td>");
                h.raw(form("faults/remove", "") + "<input type=\"hidden\" " + Html.attr("name", "id") + " "
                        + Html.attr("value", r.id()) + "><button type=\"submit\">\u2716 Remove</button></form>");
                h.raw("</td></tr>");
            }
            h.raw("</tbody></table>");
        }
        h.raw(form("faults/add", "id=\"add-rule\"") + "<fieldset><legend>Add a rule</legend>");
        input(h, "company", "Company handle", null, "47");
        input(h, "jobName", "Job name", null, "");
        select(h, "jobType", "Job type", java.util.Arrays.stream(JobType.values()).map(JobType::wireName).sorted()
                .toList(), null);
        select(h, "operation", "Operation", java.util.Arrays.stream(Operation.values()).map(Operation::wireName)
                .sorted().toList(), null);
        select(h, "effect", "Effect", List.of("fault", "failAtItem", "delay", "disconnect", "stall", "pace"), "fault");
        input(h, "value", "Value", null, "fault code, item number, duration (PT2S) or reset/empty");
        input(h, "reason", "Reason or message", null, "");
        input(h, "times", "Times (empty: always)", null, "1");
        h.raw("<button type=\"submit\">Add rule</button></fieldset></form></section>");

        h.raw("<section><h2>Seed</h2>" + form("seed", "enctype=\"multipart/form-data\"")
                + "<label>Seed file (JSON, as POST /__admin/seed takes) <input type=\"file\" name=\"file\" "
                + "accept=\"application/json,.json\"></label><label>or paste it <textarea name=\"text\" rows=\"4\">"
                + "</textarea></label><button type=\"submit\">Seed</button></form></section>");
        h.raw("<section><h2>Reset</h2><p>Forgets every job, schedule, log, asset, fault rule and journal entry, and "
                + "returns to the configured users and companies.</p>" + form("reset", "class=\"confirm\" "
                        + "data-confirm=\"Reset the whole service? Everything stored is lost.\"")
                + "<label><input type=\"checkbox\" name=\"confirm\" value=\"yes\" required> I mean it</label>"
                + "<button type=\"submit\" class=\"danger\">Reset</button></form></section>");
        return h.toString();
    }

    private static String match(FaultRule r) {
        List<String> parts = new ArrayList<>();
        if (r.match().company() != null) {
            parts.add("company=" + r.match().company());
        }
        if (r.match().jobName() != null) {
            parts.add("jobName=" + r.match().jobName());
        }
        if (r.match().jobType() != null) {
            parts.add("jobType=" + r.match().jobType().wireName());
        }
        if (r.match().operation() != null) {
            parts.add("operation=" + r.match().operation());
        }
        if (r.match().user() != null) {
            parts.add("user=" + r.match().user());
        }
        return parts.isEmpty() ? "everything" : String.join(", ", parts);
    }

    private static String effect(FaultEffect e) {
        if (e instanceof FaultEffect.Answer a) {
            return a.type() + " " + a.code() + ": " + a.reason();
        }
        if (e instanceof FaultEffect.FailItem f) {
            return "fail item " + f.item() + ": " + f.message();
        }
        if (e instanceof FaultEffect.Delay d) {
            return "delay " + d.by();
        }
        if (e instanceof FaultEffect.Disconnect d) {
            return "disconnect (" + (d.reset() ? "reset" : "empty") + ")";
        }
        if (e instanceof FaultEffect.Stall s) {
            return "stall " + (s.queued() ? "queued" : "at " + s.atProgress() + "%");
        }
        if (e instanceof FaultEffect.Pace p) {
            return "pace " + p.perItem() + " per item";
        }
        return "?";
    }

    // ---------------------------------------------------------------- pieces

    private List<String> companies(Viewer viewer) {
        return setting.directory().companies().stream().map(Company::handle).filter(viewer.caller()::mayAccess)
                .sorted().toList();
    }

    private String companyName(String handle) {
        return setting.directory().company(handle).map(c -> c.name() + " (" + handle + ")").orElse(handle);
    }

    private static String jobLink(RunRecord run) {
        return "job?company=" + Html.url(run.companyHandle()) + "&handle=" + Html.url(run.handle().value());
    }

    /** A state with an icon, so it reads without colour. */
    static String state(JobState state, boolean held) {
        String name = state.wireName();
        String icon = switch (state) {
            case DONE -> "\u2714";
            case STOPPING -> "\u25A0";
            case RUNNING -> "\u25B6";
            default -> "\u25CB"; // waiting, in one way or another
        };
        String text = icon + " " + name + (held ? " (held)" : "");
        return "<span " + Html.attr("class", "state state-" + name.toLowerCase(Locale.ROOT)) + ">"
                + Html.escape(text) + "</span>";
    }

    static String progress(int percent) {
        int p = Math.max(0, Math.min(100, percent));
        return "<progress max=\"100\" " + Html.attr("value", p) + "></progress> <span class=\"pct\">" + p + "%</span>";
    }

    private String time(Instant t) {
        return t == null ? "" : SERVER_TIME.format(t.atZone(setting.zone()));
    }

    private static void fact(Html h, String name, Object value) {
        h.el("dt", null, name).el("dd", null, value);
    }

    private void action(Html h, String action, String label, String company, String handle, String icon,
            String confirm) {
        h.raw(form("jobs/" + action, confirm == null ? "" : "class=\"confirm\" " + Html.attr("data-confirm", confirm)));
        h.raw("<input type=\"hidden\" name=\"company\" " + Html.attr("value", company) + ">");
        h.raw("<input type=\"hidden\" name=\"handle\" " + Html.attr("value", handle) + ">");
        h.raw("<button type=\"submit\" " + Html.attr("class", "act-" + action) + ">").text(icon + " " + label)
                .raw("</button></form>");
    }

    /** The start of an action form, with the CSRF token. */
    private String form(String action, String attrs) {
        return "<form method=\"post\" " + Html.attr("action", DashboardServlet.PATH + "/actions/" + action)
                + " " + attrs + "><input type=\"hidden\" name=\"csrf\" " + Html.attr("value", csrf) + ">";
    }

    private static void select(Html h, String name, String label, List<String> options, String selected) {
        h.raw("<label>").text(label).raw(" <select " + Html.attr("name", name) + "><option value=\"\">any</option>");
        for (String o : options) {
            h.raw("<option " + Html.attr("value", o) + (o.equals(selected) ? " selected" : "") + ">").text(o)
                    .raw("</option>");
        }
        h.raw("</select></label>");
    }

    private static void input(Html h, String name, String label, String value, String placeholder) {
        h.raw("<label>").text(label).raw(" <input " + Html.attr("name", name) + " " + Html.attr("value", value) + " "
                + Html.attr("placeholder", placeholder) + "></label>");
    }
}
