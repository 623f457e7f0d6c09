package org.ipsjobs.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ipsjobs.admin.AdminRequestException;
import org.ipsjobs.admin.AdminToken;
import org.ipsjobs.admin.FaultRuleReader;
import org.ipsjobs.admin.SeedReader;
import org.ipsjobs.auth.AuthenticationException;
import org.ipsjobs.auth.AuthorizationException;
import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.Credentials;
import org.ipsjobs.auth.Role;
import org.ipsjobs.auth.StoredPassword;
import org.ipsjobs.auth.TooManyAttemptsException;
import org.ipsjobs.auth.User;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.control.FaultRule;
import org.ipsjobs.control.FaultRules;
import org.ipsjobs.control.RequestJournal;
import org.ipsjobs.control.SeedException;
import org.ipsjobs.control.SeedReport;
import org.ipsjobs.control.ServiceControl;
import org.ipsjobs.jobs.api.JobService;
import org.ipsjobs.jobs.model.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard at {@code /dashboard}: server-rendered pages over the job service, the control and
 * the journal, with live views pushed as server-sent events and actions as plain form posts. It maps
 * HTTP to those and back; every rule stays in the service. Access follows the admin API (open when no
 * admin token is configured, which the server allows only on loopback; the token otherwise), and IPS
 * users may sign in with their own credentials for a read-only view of their companies.
 */
public final class DashboardServlet extends HttpServlet {

    public static final String PATH = "/dashboard";
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServlet.class);
    private static final String COOKIE = "ips_dashboard";
    private static final Set<String> OPERATOR_VIEWS = Set.of("requests", "controls");

    /** What the dashboard reads and acts through. */
    public record Setting(JobService service, UserDirectory directory, ServiceControl control, FaultRules faults,
            RequestJournal journal, Runnable reset, ZoneId zone, String serverName, String version, String token) {
        @Override
        public String toString() {
            return "DashboardServlet.Setting[" + serverName + "]";
        }
    }

    private final Setting setting;
    private final String csrf;
    private final Views views;
    private final LiveUpdates live;
    private final Caller operator;
    private final ObjectMapper json = new ObjectMapper();

    public DashboardServlet(Setting setting) {
        this.setting = setting;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        this.views = new Views(setting, csrf);
        this.live = new LiveUpdates(16, Duration.ofMillis(400), Duration.ofMinutes(5));
        // the operator acts as an IpsAdmin of no company in particular: the service's rules for that role apply
        this.operator = new Caller(new User("dashboard", "dashboard@" + setting.serverName(),
                StoredPassword.plain(csrf + "-never-used"), Role.IPS_ADMIN, Set.of(), false), null, "dashboard",
                setting.version());
    }

    /** Ends the live streams, so a server stopping does not wait for them. */
    public void close() {
        live.close();
    }

    @Override
    public void destroy() {
        close();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.isEmpty()) {
            response.sendRedirect(PATH + "/");
            return;
        }
        if (path.startsWith("/static/")) {
            staticFile(path.substring("/static/".length()), response);
            return;
        }
        Viewer viewer;
        try {
            viewer = viewer(request, response);
        } catch (AuthenticationException | TooManyAttemptsException e) {
            challenge(response, e.getMessage());
            return;
        }
        if (viewer == null) {
            return; // answered (a challenge, or the redirect that drops ?token=)
        }
        String method = request.getMethod();
        try {
            if (path.startsWith("/actions/")) {
                if (!method.equals("POST")) {
                    response.setHeader("Allow", "POST");
                    response.sendError(405);
                    return;
                }
                act(viewer, path.substring("/actions/".length()), request, response);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                response.setHeader("Allow", "GET");
                response.sendError(405);
                return;
            }
            page(viewer, path, request, response);
        } catch (Params.BadInput e) {
            plain(response, 400, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- pages

    private void page(Viewer viewer, String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Params p = params(request);
        String view = switch (path) {
            case "/" -> "jobs";
            case "/job" -> "job";
            case "/schedules" -> "schedules";
            case "/logs" -> "logs";
            case "/logs/detail" -> "logdetail";
            case "/requests" -> "requests";
            case "/controls" -> "controls";
            case "/live" -> "live";
            default -> null;
        };
        if (view == null) {
            plain(response, 404, "No dashboard page " + path);
            return;
        }
        if (OPERATOR_VIEWS.contains(view) || view.equals("live") && OPERATOR_VIEWS.contains(p.get("view"))) {
            if (!viewer.operator()) {
                plain(response, 403, "This view is for the service's operator; signed in as an IPS user you see "
                        + "your companies' jobs, schedules and logs.");
                return;
            }
        }
        if (view.equals("live")) {
            String liveView = p.require("view");
            Function<Params, String> render = liveRenderer(viewer, liveView);
            if (render == null) {
                plain(response, 404, "No live view " + liveView);
                return;
            }
            live.stream(request, response, () -> safely(render, p), p.get("since"));
            return;
        }
        Shell shell = new Shell(viewer, request.getQueryString() == null ? "" : request.getQueryString());
        String body = switch (view) {
            case "jobs" -> shell.live("Active jobs", "jobs", p, safely(liveRenderer(viewer, "jobs"), p));
            case "job" -> shell.live("Job " + p.require("handle"), "job", p, safely(liveRenderer(viewer, "job"), p));
            case "schedules" -> shell.live("Schedules", "schedules", p, safely(liveRenderer(viewer, "schedules"), p));
            case "logs" -> shell.page("Job logs", safely(q -> views.logs(viewer, q), p));
            case "logdetail" -> shell.page("Job log " + p.require("handle"), safely(q -> views.logDetail(viewer, q), p));
            case "requests" -> shell.page("Requests", views.requestFilters(p)
                    + shell.liveBlock("requests", p, safely(liveRenderer(viewer, "requests"), p)));
            default -> shell.page("Test controls", views.controls(viewer));
        };
        response.setStatus(200);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                + "style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(body);
    }

    private Function<Params, String> liveRenderer(Viewer viewer, String view) {
        return switch (view) {
            case "jobs" -> q -> views.jobs(viewer, q);
            case "job" -> q -> views.job(viewer, q);
            case "schedules" -> q -> views.schedules(viewer, q);
            case "requests" -> q -> views.requests(viewer, q);
            default -> null;
        };
    }

    /** A view whose service call is refused shows the refusal, as SOAP would fault it. */
    private static String safely(Function<Params, String> render, Params p) {
        try {
            return render.apply(p);
        } catch (InvalidRequestException | AuthorizationException e) {
            return "<p class=\"error\" role=\"alert\">" + Html.escape("\u2716 " + e.getMessage()) + "</p>";
        }
    }

    // ---------------------------------------------------------------- actions

    private void act(Viewer viewer, String action, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!viewer.operator()) {
            plain(response, 403, "Signed in as an IPS user the dashboard is read-only.");
            return;
        }
        if (!sameOrigin(request) || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                String.valueOf(request.getParameter("csrf")).getBytes(StandardCharsets.UTF_8))) {
            plain(response, 403, "The form did not come from this dashboard (stale page or another site); reload the"
                    + " page and try again.");
            return;
        }
        Params p = params(request);
        String done;
        try {
            done = perform(viewer, action, p);
        } catch (Params.BadInput | InvalidRequestException | AuthorizationException | AdminRequestException
                | SeedException | IllegalArgumentException e) {
            back(request, response, "err", e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.error("dashboard action {} failed", action, e);
            back(request, response, "err", "The action failed on the server; see its log.");
            return;
        }
        if (done == null) {
            plain(response, 404, "No dashboard action " + action);
            return;
        }
        back(request, response, "msg", done);
    }

    /** Does the action; returns what to tell the operator, or null for an unknown action. */
    private String perform(Viewer viewer, String action, Params p) {
        Caller caller = viewer.caller();
        JobService service = setting.service();
        ServiceControl control = setting.control();
        switch (action) {
            case "jobs/stop" -> service.stop(caller, p.require("company"), p.require("handle"));
            case "jobs/hold", "jobs/pause" -> service.pause(caller, p.require("company"), p.require("handle"));
            case "jobs/release", "jobs/resume" -> service.resume(caller, p.require("company"), p.require("handle"));
            case "jobs/run" -> service.execute(caller, p.require("company"), p.require("handle"));
            case "jobs/delete" -> service.delete(caller, p.require("company"), p.require("handle"));
            case "clock/freeze" -> {
                return "Clock frozen at " + control.freezeAt(instant(p.require("at"))).now();
            }
            case "clock/advance" -> {
                Duration by = duration(p.require("by"));
                if (by.isNegative()) {
                    throw new Params.BadInput("the clock only advances forward; by must not be negative");
                }
                ServiceControl.AdvanceReport r = control.advance(by);
                return "Clock advanced to " + r.to() + "; " + r.events().size() + " run event(s)";
            }
            case "clock/real" -> {
                control.runReal();
                return "The clock follows real time again";
            }
            case "faults/add" -> {
                FaultRule rule = FaultRuleReader.read(ruleJson(p));
                FaultRule added = setting.faults().add(rule.match(), rule.effect(), rule.remaining());
                return "Fault rule " + added.id() + " added";
            }
            case "faults/remove" -> {
                if (!setting.faults().remove(p.require("id"))) {
                    throw new Params.BadInput("no fault rule " + p.require("id"));
                }
                return "Fault rule " + p.require("id") + " removed";
            }
            case "seed" -> {
                SeedReport report = control.seed(SeedReader.read(p.require("text").getBytes(StandardCharsets.UTF_8)));
                return "Seeded " + report.companies().size() + " company(ies), " + report.users().size() + " user(s), "
                        + report.jobs().size() + " job(s)";
            }
            case "reset" -> {
                if (!"yes".equals(p.get("confirm"))) {
                    throw new Params.BadInput("tick the confirmation to reset");
                }
                setting.reset().run();
                return "The service was reset";
            }
            default -> {
                return null;
            }
        }
        return "Done: " + action.substring(action.indexOf('/') + 1) + " " + p.require("handle");
    }

    /** The form's fields as the admin API's JSON rule, so both are read by one reader. */
    private ObjectNode ruleJson(Params p) {
        ObjectNode rule = json.createObjectNode();
        ObjectNode match = rule.putObject("match");
        for (String field : new String[] {"company", "jobName", "jobType", "operation"}) {
            if (p.get(field) != null) {
                match.put(field, p.get(field));
            }
        }
        if (p.get("times") != null) {
            try {
                rule.put("times", Integer.parseInt(p.get("times")));
            } catch (NumberFormatException e) {
                throw new Params.BadInput("times must be a whole number; got '" + p.get("times") + "'");
            }
        }
        String value = p.get("value");
        String reason = p.get("reason");
        switch (p.require("effect")) {
            case "fault" -> {
                ObjectNode fault = rule.putObject("fault");
                if (value != null) {
                    fault.put("code", number("value", value));
                }
                if (reason != null) {
                    fault.put("reason", reason);
                }
            }
            case "failAtItem" -> {
                rule.put("failAtItem", value == null ? 1 : number("value", value));
                if (reason != null) {
                    rule.put("message", reason);
                }
            }
            case "delay", "pace" -> rule.put(p.get("effect"), value == null ? "PT1S" : value);
            case "disconnect" -> rule.put("disconnect", value == null ? "reset" : value);
            case "stall" -> rule.putObject("stall");
            default -> throw new Params.BadInput("effect must be fault, failAtItem, delay, disconnect, stall or pace");
        }
        return rule;
    }

    private static int number(String field, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Params.BadInput(field + " must be a whole number here; got '" + value + "'");
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Params.BadInput("at must be an instant such as 2030-01-01T00:00:00Z; got '" + text + "'");
        }
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new Params.BadInput("by must be an ISO-8601 duration such as PT30M, PT2H or P1D; got '" + text + "'");
        }
    }

    /** Back to the page the form was on (this dashboard's only), with a message. */
    private static void back(HttpServletRequest request, HttpServletResponse response, String kind, String message)
            throws IOException {
        String target = PATH + "/";
        String referer = request.getHeader("Referer");
        if (referer != null) {
            try {
                URI r = URI.create(referer);
                if (r.getRawPath() != null && r.getRawPath().startsWith(PATH + "/")) {
                    target = r.getRawPath();
                    String q = r.getRawQuery() == null ? "" : r.getRawQuery().replaceAll("(^|&)(msg|err)=[^&]*", "");
                    q = q.replaceAll("^&", "");
                    target += "?" + (q.isEmpty() ? "" : q + "&");
                }
            } catch (IllegalArgumentException e) {
                // an unreadable Referer: back to the start page
            }
        }
        if (!target.contains("?")) {
            target += "?";
        }
        response.setStatus(303);
        response.setHeader("Location", target + kind + "=" + Html.url(message == null ? "" : message));
    }

    private static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true; // browsers send Origin with every cross-site POST; the CSRF token covers the rest
        }
        try {
            URI o = URI.create(origin);
            String host = request.getHeader("Host");
            return host != null && host.equalsIgnoreCase(o.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- access

    /** The viewer, or null when the answer was already sent. */
    private Viewer viewer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = setting.token();
        if (token == null) {
            return new Viewer(operator, true);
        }
        String sent = request.getParameter("token");
        if (sent != null && request.getMethod().equals("GET") && matches(sent, token)) {
            // the token moves to a cookie the page's own requests carry, and out of the address bar
            Cookie c = new Cookie(COOKIE, token);
            c.setHttpOnly(true);
            c.setPath(PATH);
            c.setAttribute("SameSite", "Strict");
            response.addCookie(c);
            response.setStatus(303);
            response.setHeader("Location", PATH + request.getPathInfo());
            return null;
        }
        String header = request.getHeader("Authorization");
        if (AdminToken.inBearerHeader(request, token)) {
            return new Viewer(operator, true);
        }
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (c.getName().equals(COOKIE) && matches(c.getValue(), token)) {
                    return new Viewer(operator, true);
                }
            }
        }
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            Credentials credentials = basic(header.substring(6).trim());
            if (credentials != null) {
                User user = setting.directory().authenticate(credentials, request.getRemoteAddr());
                return new Viewer(new Caller(user, null, "dashboard", setting.version()), false);
            }
        }
        challenge(response, "Sign in with your IPS user's email and password for a read-only view, or open "
                + PATH + "/?token=<admin token> as the operator.");
        return null;
    }

    private static Credentials basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean matches(String sent, String token) {
        return AdminToken.matches(sent, token);
    }

    private static void challenge(HttpServletResponse response, String why) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"IPS Job Service dashboard\", charset=\"UTF-8\"");
        plain(response, 401, why);
    }

    // ---------------------------------------------------------------- plumbing

    private static Params params(HttpServletRequest request) {
        Map<String, String> values = new HashMap<>();
        request.getParameterMap().forEach((k, v) -> values.put(k, v.length == 0 ? null : v[0]));
        values.remove("csrf");
        values.remove("token");
        values.remove("msg");
        values.remove("err");
        return new Params(values);
    }

    private static void staticFile(String name, HttpServletResponse response) throws IOException {
        String type = name.equals("dashboard.css") ? "text/css" : name.equals("dashboard.js") ? "text/javascript" : null;
        InputStream in = type == null ? null : DashboardServlet.class.getResourceAsStream(name);
        if (in == null) {
            plain(response, 404, "No such file");
            return;
        }
        try (in) {
            response.setStatus(200);
            response.setContentType(type);
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "max-age=300");
            in.transferTo(response.getOutputStream());
        }
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(message + "\n");
    }

    /** The page around a view: navigation, messages, and the live block the script keeps current. */
    private final class Shell {
        private final Viewer viewer;
        private final Params query;

        Shell(Viewer viewer, String rawQuery) {
            this.viewer = viewer;
            Map<String, String> q = new HashMap<>();
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
            this.query = new Params(q);
        }

        String live(String title, String view, Params p, String fragment) {
            return page(title, liveBlock(view, p, fragment));
        }

        String liveBlock(String view, Params p, String fragment) {
            return "<div id=\"live\" aria-live=\"polite\" " + Html.attr("data-view", view) + " "
                    + Html.attr("data-query", p.query()) + " " + Html.attr("data-shown", LiveUpdates.fingerprint(fragment))
                    + ">" + fragment + "</div>";
        }

        String page(String title, String content) {
            Html h = new Html();
            h.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
            h.el("title", null, title + " \u2014 IPS Job Service");
            h.raw("<link rel=\"stylesheet\" href=\"" + PATH + "/static/dashboard.css\">"
                    + "<script src=\"" + PATH + "/static/dashboard.js\" defer></script></head><body>");
            h.raw("<header><nav><strong>IPS Job Service</strong>");
            link(h, "/", "Active jobs");
            link(h, "/schedules", "Schedules");
            link(h, "/logs", "Job logs");
            if (viewer.operator()) {
                link(h, "/requests", "Requests");
                link(h, "/controls", "Test controls");
            }
            h.el("span", "class=\"who\"", setting.serverName() + " \u00B7 " + viewer.name()
                    + (viewer.operator() ? "" : " (read-only)"));
            h.raw("</nav></header><main>");
            h.el("h1", null, title);
            if (query.get("msg") != null) {
                h.el("p", "class=\"msg\" role=\"status\"", "\u2714 " + query.get("msg"));
            }
            if (query.get("err") != null) {
                h.el("p", "class=\"error\" role=\"alert\"", "\u2716 " + query.get("err"));
            }
            h.raw(content).raw("</main></body></html>");
            return h.toString();
        }

        private void link(Html h, String path, String label) {
            h.raw("<a " + Html.attr("href", PATH + path) + ">").text(label).raw("</a>");
        }

        private String decode(String s) {
            try {
                return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
    }
}
