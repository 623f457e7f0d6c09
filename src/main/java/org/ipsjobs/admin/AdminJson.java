package org.ipsjobs.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ipsjobs.control.FaultEffect;
import org.ipsjobs.control.FaultMatch;
import org.ipsjobs.control.FaultRule;
import org.ipsjobs.control.JournalEntry;
import org.ipsjobs.control.RunEvents;
import org.ipsjobs.control.ServiceControl;
import org.ipsjobs.jobs.model.ExecTiming;
import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.model.TaskStatus;

/** The admin API's answers as JSON: instants in ISO-8601 UTC, durations in ISO-8601. */
final class AdminJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AdminJson() {
    }

    static ObjectNode object() {
        return JSON.objectNode();
    }

    static ArrayNode array() {
        return JSON.arrayNode();
    }

    static ObjectNode error(String message, String field) {
        ObjectNode o = object().put("error", message);
        if (field != null) {
            o.put("field", field);
        }
        return o;
    }

    static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    static String text(Duration d) {
        return d == null ? null : d.toString();
    }

    static ObjectNode clock(ServiceControl.ClockState c) {
        return object().put("mode", c.mode().name().toLowerCase(java.util.Locale.ROOT)).put("now", text(c.now()))
                .put("offset", text(c.offset())).put("zone", c.zone().getId());
    }

    static ObjectNode settings(ServiceControl.RuntimeSettings s) {
        return object().put("pace", text(s.pace())).put("workers", s.workers()).put("doneLinger", text(s.doneLinger()));
    }

    static ObjectNode advance(ServiceControl.AdvanceReport r) {
        ObjectNode o = object().put("from", text(r.from())).put("to", text(r.to())).put("steps", r.steps());
        ArrayNode events = o.putArray("events");
        for (RunEvents.Event e : r.events()) {
            ObjectNode event = events.addObject().put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .put("run", e.runHandle()).put("at", text(e.at()));
            if (e.detail() != null) {
                event.put("detail", e.detail());
            }
        }
        if (r.eventsNotListed() > 0) {
            o.put("eventsNotListed", r.eventsNotListed());
        }
        return o;
    }

    static ObjectNode job(ServiceControl.HeldJob held) {
        ObjectNode o = object();
        JobRecord job = held.job();
        if (job != null) {
            o.put("handle", job.handle().value()).put("company", job.companyHandle()).put("name", job.name())
                    .put("type", job.type().wireName()).put("submittedBy", job.submitUserEmail())
                    .put("submittedAt", text(job.submittedAt())).put("version", job.version());
            if (job.description() != null) {
                o.put("description", job.description());
            }
            if (job.locale() != null) {
                o.put("locale", job.locale());
            }
            ExecTiming timing = job.timing();
            if (timing instanceof ExecTiming.Recurring r) {
                o.put("execSchedule", r.schedule().text());
            } else if (timing instanceof ExecTiming.At at) {
                o.put("execTime", text(at.time()));
            }
            if (held.trigger() != null) {
                o.putObject("trigger").put("nextFireTime", text(held.trigger().nextFireTime()))
                        .put("state", held.trigger().state().wireName());
            }
        } else {
            o.put("deleted", true);
        }
        ArrayNode runs = o.putArray("runs");
        for (RunRecord run : held.runs()) {
            runs.add(run(run));
        }
        return o;
    }

    static ObjectNode run(RunRecord run) {
        ObjectNode o = object().put("handle", run.handle().value()).put("name", run.handle().instanceName())
                .put("state", run.state().wireName()).put("progress", run.progress())
                .put("progressMessage", run.progressMessage()).put("totalSize", run.totalSize())
                .put("triggerTime", text(run.triggerTime())).put("startDate", text(run.startDate()))
                .put("lastProgressUpdate", text(run.lastProgressUpdate())).put("held", run.held())
                .put("version", run.version());
        if (run.doneAt() != null) {
            o.put("doneAt", text(run.doneAt()));
        }
        if (run.stop() != null) {
            o.put("stopRequestedBy", run.stop().byShutdown() ? "the server" : run.stop().requestedBy());
        }
        for (TaskStatus task : run.tasks()) {
            o.put("itemsProcessed", task.numProcessed()).put("itemsProcessing", task.numProcessing())
                    .put("itemsPending", task.numPending());
        }
        return o;
    }

    static ObjectNode status(ServiceControl.Status s) {
        ObjectNode o = object().put("jobs", s.jobs()).put("schedules", s.schedules());
        ObjectNode byState = o.putObject("runsByState");
        for (Map.Entry<String, Integer> e : s.runsByState().entrySet()) {
            byState.put(e.getKey(), e.getValue());
        }
        o.set("clock", clock(s.clock()));
        return o;
    }

    static ObjectNode rule(FaultRule rule) {
        ObjectNode o = object().put("id", rule.id());
        o.set("match", match(rule.match()));
        FaultEffect effect = rule.effect();
        if (effect instanceof FaultEffect.Answer a) {
            o.putObject("fault").put("type", a.type()).put("code", a.code()).put("reason", a.reason());
        } else if (effect instanceof FaultEffect.Delay d) {
            o.put("delay", text(d.by()));
        } else if (effect instanceof FaultEffect.Disconnect d) {
            o.put("disconnect", d.reset() ? "reset" : "empty");
        } else if (effect instanceof FaultEffect.FailItem f) {
            o.put("failAtItem", f.item()).put("message", f.message());
            if (f.logType() != null) {
                o.put("logType", f.logType());
            }
        } else if (effect instanceof FaultEffect.Stall s) {
            o.putObject("stall").put("state", s.queued() ? "WaitingCoordinator" : "Running")
                    .put("atProgress", s.atProgress());
        } else if (effect instanceof FaultEffect.Pace p) {
            o.put("pace", text(p.perItem()));
        }
        if (rule.remaining() != null) {
            o.put("times", rule.remaining());
        }
        return o;
    }

    private static ObjectNode match(FaultMatch m) {
        ObjectNode o = object();
        putIf(o, "company", m.company());
        putIf(o, "jobName", m.jobName());
        putIf(o, "jobType", m.jobType() == null ? null : m.jobType().wireName());
        putIf(o, "operation", m.operation());
        putIf(o, "user", m.user());
        return o;
    }

    static ObjectNode entry(JournalEntry e) {
        ObjectNode o = object().put("id", e.id()).put("time", text(e.time())).put("entryPoint", e.entryPoint());
        putIf(o, "apiVersion", e.apiVersion());
        putIf(o, "operation", e.operation());
        putIf(o, "caller", e.caller());
        putIf(o, "company", e.company());
        ArrayNode handles = o.putArray("handles");
        e.handles().forEach(handles::add);
        ObjectNode outcome = o.putObject("outcome");
        if (e.faulted()) {
            outcome.put("fault", e.faultType()).put("code", e.faultCode());
        } else {
            outcome.put("fault", (String) null);
        }
        o.put("durationMillis", e.durationMicros() / 1000.0);
        ObjectNode headers = o.putObject("headers");
        e.headers().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(h -> headers.put(h.getKey(), h.getValue()));
        putIf(o, "requestBody", e.requestBody());
        putIf(o, "responseBody", e.responseBody());
        return o;
    }

    static ArrayNode entries(List<JournalEntry> entries) {
        ArrayNode a = array();
        entries.forEach(e -> a.add(entry(e)));
        return a;
    }

    private static void putIf(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }
}
