package org.ipsjobs.admin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ipsjobs.control.FaultRule;
import org.ipsjobs.control.FaultRules;
import org.ipsjobs.control.RequestJournal;
import org.ipsjobs.control.SeedException;
import org.ipsjobs.control.SeedReport;
import org.ipsjobs.control.ServiceControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API: JSON over HTTP under {@code /__admin}, for tests that steer the service (reset, clock,
 * fault rules, journal, settings). It maps JSON to the {@link ServiceControl}, {@link FaultRules} and
 * {@link RequestJournal} and back, and nothing else. Bad input is a 400 naming the field and changes
 * nothing; no answer carries a stack trace.
 */
public final class AdminServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServlet.class);
    private static final long MAX_BODY = 10L * 1024 * 1024;

    /** What the servlet needs from the server around it. */
    public record Setting(ServiceControl control, FaultRules faults, RequestJournal journal, Runnable reset,
            String version, String token) {
        @Override
        public String toString() {
            return "AdminServlet.Setting[version=" + version + "]";
        }
    }

    private final Setting setting;
    private final ObjectMapper json = new ObjectMapper();
    private final long startedNanos = System.nanoTime();

    public AdminServlet(Setting setting) {
        this.setting = setting;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        List<String> path = segments(request);
        try {
            if (!path.equals(List.of("health")) && !authorized(request)) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"ips-job-service admin\"");
                write(response, 401, AdminJson.error("the admin API needs the bearer token configured as admin.token "
                        + "(or IPS_ADMIN_TOKEN): send Authorization: Bearer <token>", null));
                return;
            }
            route(method, path, request, response);
        } catch (SeedException e) {
            write(response, 400, AdminJson.error(e.getMessage(), e.field()));
        } catch (AdminRequestException e) {
            if (e.allow() != null) {
                response.setHeader("Allow", e.allow());
            }
            write(response, e.status(), AdminJson.error(e.getMessage(), e.field()));
        } catch (IllegalArgumentException e) {
            write(response, 400, AdminJson.error(e.getMessage(), null));
        } catch (RuntimeException e) {
            LOG.error("admin request {} {} failed", method, request.getRequestURI(), e);
            write(response, 500, AdminJson.error("the admin request failed on the server; see its log", null));
        }
    }

    private void route(String method, List<String> path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String first = path.isEmpty() ? "" : path.get(0);
        switch (first) {
            case "health" -> only(method, "GET", path, 1, () -> write(response, 200, health()));
            case "reset" -> only(method, "POST", path, 1, () -> {
                setting.reset().run();
                write(response, 200, AdminJson.object().put("reset", true));
            });
            case "seed" -> only(method, "POST", path, 1, () -> seed(request, response));
            case "clock" -> clock(method, path, request, response);
            case "jobs" -> jobs(method, path, response);
            case "faults" -> faults(method, path, request, response);
            case "requests" -> requests(method, path, request, response);
            case "settings" -> settings(method, path, request, response);
            case "openapi.json" -> only(method, "GET", path, 1, () -> openApi(response));
            default -> throw AdminRequestException.notFound("no admin resource /__admin/" + String.join("/", path)
                    + "; see /__admin/openapi.json");
        }
    }

    // ---------------------------------------------------------------- resources

    private ObjectNode health() {
        ObjectNode o = AdminJson.object().put("status", "UP").put("version", setting.version());
        Duration uptime = Duration.ofNanos(System.nanoTime() - startedNanos);
        o.put("uptime", AdminJson.text(uptime)).put("uptimeSeconds", uptime.toMillis() / 1000.0);
        o.setAll(AdminJson.status(setting.control().status()));
        return o;
    }

    private void seed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SeedReport report = setting.control().seed(SeedReader.read(bytes(request)));
        ObjectNode o = AdminJson.object();
        report.companies().forEach(o.putArray("companies")::add);
        report.users().forEach(o.putArray("users")::add);
        report.jobs().forEach(o.putArray("jobs")::add);
        report.runs().forEach(o.putArray("runs")::add);
        write(response, 201, o);
    }

    private void clock(String method, List<String> path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ServiceControl control = setting.control();
        if (path.size() == 1) {
            if (method.equals("GET")) {
                write(response, 200, AdminJson.clock(control.clock()));
                return;
            }
            requireMethod(method, "GET, POST", "POST");
            JsonFields f = JsonFields.of(body(request), "", Set.of("frozenAt", "offset", "real"));
            int given = (f.has("frozenAt") ? 1 : 0) + (f.has("offset") ? 1 : 0) + (f.has("real") ? 1 : 0);
            if (given != 1) {
                throw AdminRequestException.badField(null, "send exactly one of frozenAt (an instant), offset (a"
                        + " duration from real time) and real (true)");
            }
            ServiceControl.ClockState state;
            if (f.has("frozenAt")) {
                state = control.freezeAt(f.instant("frozenAt"));
            } else if (f.has("offset")) {
                state = control.runAtOffset(f.duration("offset"));
            } else {
                if (!Boolean.TRUE.equals(f.bool("real"))) {
                    throw AdminRequestException.badField("real", "real must be true (to return to real time)");
                }
                state = control.runReal();
            }
            write(response, 200, AdminJson.clock(state));
            return;
        }
        if (path.size() == 2 && path.get(1).equals("advance")) {
            requireMethod(method, "POST", "POST");
            JsonFields f = JsonFields.of(body(request), "", Set.of("by"));
            if (!f.has("by")) {
                throw AdminRequestException.badField("by", "by is required: how far to advance, such as P3D or PT2H");
            }
            Duration by = f.duration("by");
            if (by.isNegative()) {
                throw AdminRequestException.badField("by", "by must not be negative: the clock only advances forward");
            }
            write(response, 200, AdminJson.advance(control.advance(by)));
            return;
        }
        throw AdminRequestException.notFound("no admin resource /__admin/" + String.join("/", path));
    }

    private void jobs(String method, List<String> path, HttpServletResponse response) throws IOException {
        ServiceControl control = setting.control();
        if (path.size() == 1) {
            requireMethod(method, "GET", "GET");
            ArrayNode jobs = AdminJson.array();
            control.jobs().forEach(j -> jobs.add(AdminJson.job(j)));
            write(response, 200, AdminJson.object().set("jobs", jobs));
            return;
        }
        String handle = path.get(1);
        if (path.size() == 2) {
            requireMethod(method, "GET", "GET");
            ServiceControl.HeldJob held = control.job(handle)
                    .orElseThrow(() -> AdminRequestException.notFound("no job or run with handle '" + handle + "'"));
            write(response, 200, AdminJson.job(held));
            return;
        }
        if (path.size() == 3 && path.get(2).equals("release")) {
            requireMethod(method, "POST", "POST");
            if (control.job(handle).isEmpty()) {
                throw AdminRequestException.notFound("no job or run with handle '" + handle + "'");
            }
            write(response, 200, AdminJson.object().put("released", control.release(handle)));
            return;
        }
        throw AdminRequestException.notFound("no admin resource /__admin/" + String.join("/", path));
    }

    private void faults(String method, List<String> path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        FaultRules faults = setting.faults();
        if (path.size() == 1) {
            if (method.equals("GET")) {
                ArrayNode rules = AdminJson.array();
                faults.list().forEach(r -> rules.add(AdminJson.rule(r)));
                write(response, 200, AdminJson.object().set("faults", rules));
                return;
            }
            if (method.equals("DELETE")) {
                faults.clear();
                write(response, 200, AdminJson.object().put("removed", true));
                return;
            }
            requireMethod(method, "GET, POST, DELETE", "POST");
            FaultRule rule = FaultRuleReader.read(body(request));
            write(response, 201, AdminJson.rule(faults.add(rule.match(), rule.effect(), rule.remaining())));
            return;
        }
        if (path.size() == 2) {
            requireMethod(method, "DELETE", "DELETE");
            if (!faults.remove(path.get(1))) {
                throw AdminRequestException.notFound("no fault rule with id '" + path.get(1) + "'");
            }
            write(response, 200, AdminJson.object().put("removed", path.get(1)));
            return;
        }
        throw AdminRequestException.notFound("no admin resource /__admin/" + String.join("/", path));
    }

    private void requests(String method, List<String> path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        RequestJournal journal = setting.journal();
        if (path.size() == 1) {
            if (method.equals("DELETE")) {
                journal.clear();
                write(response, 200, AdminJson.object().put("cleared", true));
                return;
            }
            requireMethod(method, "GET, DELETE", "GET");
            String outcome = request.getParameter("outcome");
            Boolean faulted = null;
            if (outcome != null) {
                faulted = switch (outcome) {
                    case "ok" -> false;
                    case "fault" -> true;
                    default -> throw AdminRequestException.badField("outcome", "outcome must be ok or fault");
                };
            }
            String since = request.getParameter("since");
            String limitText = request.getParameter("limit");
            int limit = 100;
            if (limitText != null) {
                try {
                    limit = Integer.parseInt(limitText);
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 1 || limit > 10_000) {
                    throw AdminRequestException.badField("limit", "limit must be a whole number from 1 to 10000");
                }
            }
            write(response, 200, AdminJson.object().put("enabled", journal.enabled()).set("requests",
                    AdminJson.entries(journal.list(request.getParameter("operation"), request.getParameter("company"),
                            faulted, since == null ? null : JsonFields.instant("since", since), limit))));
            return;
        }
        if (path.size() == 2 && path.get(1).equals("count")) {
            requireMethod(method, "POST", "POST");
            JsonFields f = JsonFields.of(body(request), "", Set.of("operation", "bodyContains", "header"));
            String headerName = null;
            String headerValue = null;
            if (f.has("header")) {
                JsonFields h = JsonFields.of(f.node("header"), "header", Set.of("name", "value"));
                headerName = h.requiredText("name");
                headerValue = h.text("value");
            }
            write(response, 200, AdminJson.object().put("count",
                    journal.count(f.text("operation"), f.text("bodyContains"), headerName, headerValue)));
            return;
        }
        throw AdminRequestException.notFound("no admin resource /__admin/" + String.join("/", path));
    }

    private void settings(String method, List<String> path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (path.size() != 1) {
            throw AdminRequestException.notFound("no admin resource /__admin/" + String.join("/", path));
        }
        if (method.equals("GET")) {
            write(response, 200, AdminJson.settings(setting.control().settings()));
            return;
        }
        requireMethod(method, "GET, PATCH", "PATCH");
        JsonFields f = JsonFields.of(body(request), "", Set.of("pace", "workers", "doneLinger"));
        Duration pace = f.duration("pace");
        Integer workers = f.integer("workers", 1, 256);
        Duration linger = f.duration("doneLinger");
        if (pace != null && (pace.isNegative() || pace.compareTo(Duration.ofDays(1)) > 0)) {
            throw AdminRequestException.badField("pace", "pace must be between 0 and one day per item");
        }
        if (linger != null && linger.isNegative()) {
            throw AdminRequestException.badField("doneLinger", "doneLinger must not be negative");
        }
        write(response, 200, AdminJson.settings(setting.control().changeSettings(pace, workers, linger)));
    }

    private void openApi(HttpServletResponse response) throws IOException {
        try (InputStream in = AdminServlet.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the build");
            }
            response.setStatus(200);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            in.transferTo(response.getOutputStream());
        }
    }

    // ---------------------------------------------------------------- plumbing

    private interface Action {
        void run() throws IOException;
    }

    private static void only(String method, String allowed, List<String> path, int size, Action action)
            throws IOException {
        if (path.size() != size) {
            throw AdminRequestException.notFound("no admin resource /__admin/" + String.join("/", path));
        }
        requireMethod(method, allowed, allowed);
        action.run();
    }

    /** @param allow the methods the resource serves; @param expected the one this branch serves */
    private static void requireMethod(String method, String allow, String expected) {
        if (!method.equals(expected)) {
            throw AdminRequestException.methodNotAllowed(method, allow);
        }
    }

    private boolean authorized(HttpServletRequest request) {
        String token = setting.token();
        if (token == null) {
            return true;
        }
        return AdminToken.inBearerHeader(request, token);
    }

    private static byte[] bytes(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new AdminRequestException(413, null, "the request body is larger than " + MAX_BODY + " bytes");
        }
        byte[] bytes = request.getInputStream().readNBytes((int) MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new AdminRequestException(413, null, "the request body is larger than " + MAX_BODY + " bytes");
        }
        return bytes;
    }

    private JsonNode body(HttpServletRequest request) throws IOException {
        byte[] bytes = bytes(request);
        if (bytes.length == 0) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw AdminRequestException.badField(null, "the request body is not JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
    }

    /** The path below /__admin, split and decoded ({@code %7C} in a handle is {@code |}). */
    private static List<String> segments(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath() + request.getServletPath();
        String rest = uri.length() > context.length() ? uri.substring(context.length()) : "";
        return Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
    }

    private void write(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        json.writerWithDefaultPrettyPrinter().writeValue(response.getOutputStream(), body);
    }
}
