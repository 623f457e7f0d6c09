package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.ipsjobs.testing.RequestMutator;
import org.ipsjobs.testing.RequestMutator.Mutant;
import org.ipsjobs.testing.RequestMutator.Payload;
import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * A deterministic fuzz corpus over real HTTP: valid requests of all twelve operations, mutated in
 * structure, values, characters, envelope, SOAP version, action, encoding, content type, method and
 * path (a few thousand cases from one fixed seed). Whatever arrives, the answer must be a well-formed
 * XML 1.0 SOAP envelope of the request's version (or a 404/405 for another method or path), a fault
 * must carry an IPS fault detail whose code is not 30000, no answer may name a Java class, and the
 * server logs no ERROR. Afterwards every company's listings must still parse and answer promptly.
 *
 * <p>A request whose connection the client cuts before the declared Content-Length may go unanswered;
 * if it is answered, the answer is held to the same rules.
 *
 * <p>All violations are collected and reported together, grouped by what was violated. Re-run with
 * {@code -Dfuzz.seed=N} for another corpus, {@code -Dfuzz.case=I} to send only case I after the usual setup (what
 * the earlier cases did to the store is then missing, so a case that depends on it may answer
 * differently). The full report is written to target/fuzz-report.txt.
 */
class RequestFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 0x1b5_f022L);
    private static final int RANDOM_MUTANTS = Integer.getInteger("fuzz.mutants", 1800);
    private static final Integer ONLY_CASE = Integer.getInteger("fuzz.case");

    private static final String S11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String S12 = "http://www.w3.org/2003/05/soap-envelope";
    private static final String NS = SoapClient.API_NS;
    private static final String COMMON = SoapClient.COMMON_NS;
    private static final Set<String> FAULT_ELEMENTS = Set.of("authenticationFault", "authorizationFault", "ipsApiFault");
    private static final List<String> OPERATIONS = List.of("submitJob", "getActiveJobs", "getScheduledJobs", "pauseJob",
            "resumeJob", "stopJob", "deleteJob", "executeJob", "getJobLogs", "getJobLogDetails", "getAssetJobLogs",
            "checkLogin");

    /** A task type as IPS names it. */
    private static final Pattern TASK_TYPE =
            Pattern.compile("<(\\w+:)?taskType>com\\.scene7\\.\\w+\\.\\w+AsyncTaskMonitor</(\\w+:)?taskType>");
    /** Java package or class names, qualified exception names and stack frames. */
    private static final List<Pattern> JAVA_NAMES = List.of(
            Pattern.compile("\\b(java|javax|jakarta|sun|com|org)\\.[a-z0-9_]+\\.[A-Za-z]"),
            Pattern.compile("\\b[A-Za-z_$][\\w$]*(\\.[\\w$]+)+Exception:"),
            Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$<>]+)+\\("),
            Pattern.compile("\\bat (org|java|javax|jakarta|sun|com)\\."),
            Pattern.compile("Caused by: "));

    @RegisterExtension
    static final TestServer server = TestServer.start();

    private static final ListAppender<ILoggingEvent> errors = new ListAppender<>();
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Valid requests, one or more per operation: operation name and operation element. */
    private static final List<Seed> seeds = new ArrayList<>();

    private record Seed(String operation, String name, String body) {
    }

    /**
     * One request of the corpus. {@code soap} is false for another method or path (a 404 or 405 is
     * expected); otherwise {@code versions} holds the envelope namespaces an answer may have.
     */
    private record Case(int index, String group, String operation, String description, String method, String path,
            List<String[]> headers, byte[] body, boolean soap, Set<String> versions, int cutAfter) {
    }

    /** What came back: status, headers, body (decompressed), or the error that stopped the exchange. */
    private record Answer(int status, Map<String, List<String>> headers, byte[] body, String error) {
        String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Violation(String category, Case c, String detail) {
    }

    @BeforeAll
    static void seedTheStore() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ThresholdFilter onlyErrors = new ThresholdFilter();
        onlyErrors.setLevel("ERROR");
        onlyErrors.start();
        errors.addFilter(onlyErrors);
        errors.start();
        root.addAppender(errors);

        String done47 = server.submitPublish("47", "Fuzz done 47");
        String done48 = server.submitPublish("48", "Fuzz done 48");
        String upload = server.call("submitJob", "submitJob/upload-urls.xml", Map.of("company", "47", "name", "Fuzz upload",
                "locale", "en-US", "url1", "http://images.example.com/a.jpg", "url2", "https://images.example.com/b.png"))
                .xpath("//ips:jobHandle");
        server.awaitState("47", done47, "Done");
        server.awaitState("48", done48, "Done");
        server.awaitState("47", upload, "Done");
        String asset = server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "47", "handle", upload))
                .xpath("//ips:detailArray/ips:items[ips:logType='UploadSuccess']/ips:assetHandle");
        Map<String, String> scheduled = new LinkedHashMap<>();
        for (String op : List.of("pauseJob", "resumeJob", "executeJob", "deleteJob", "stopJob", "getScheduledJobs")) {
            SoapResponse r = server.call("submitJob", "submitJob/scheduled.xml",
                    Map.of("company", "47", "name", "Fuzz " + op, "schedule", "0 0 3 * * ?"));
            assertThat(r.isFault()).as(r.toString()).isFalse();
            scheduled.put(op, r.xpath("//ips:jobHandle"));
        }
        assertThat(server.control("pauseJob", "47", scheduled.get("resumeJob")).isFault()).isFalse();

        seed("submitJob", "image-serving-publish", "submitJob/image-serving-publish.xml", "company", "47", "name", "Fuzz job");
        seed("submitJob", "upload-urls", "submitJob/upload-urls.xml", "company", "47", "name", "Fuzz urls", "locale", "en-US",
                "url1", "http://images.example.com/c.jpg", "url2", "https://images.example.com/d.png");
        seed("submitJob", "scheduled", "submitJob/scheduled.xml", "company", "47", "name", "Fuzz nightly",
                "schedule", "0 0 3 * * ?");
        seed("submitJob", "exec-time", "submitJob/exec-time.xml", "company", "48", "name", "Fuzz later",
                "time", "2040-06-01T12:00:00Z");
        seed("submitJob", "reprocess-assets", "submitJob/reprocess-assets.xml", "company", "47", "name", "Fuzz reprocess",
                "asset", asset);
        seeds.add(new Seed("submitJob", "all-fields", "<submitJobParam xmlns=\"" + NS + "\"><companyHandle>47</companyHandle>"
                + "<userHandle>u|47|1</userHandle><jobName>Fuzz full</jobName><locale>en-US</locale>"
                + "<execTime>2039-01-01T00:00:00Z</execTime><description>All the fields</description>"
                + "<imageServingPublishJob><publishType>Full</publishType><emailSetting>All</emailSetting>"
                + "</imageServingPublishJob></submitJobParam>"));
        seed("getActiveJobs", "by-company", "getActiveJobs/by-company.xml", "company", "47");
        seed("getActiveJobs", "by-handle", "getActiveJobs/by-handle.xml", "company", "48", "handle", done48);
        seed("getActiveJobs", "by-original-name", "getActiveJobs/by-original-name.xml", "name", "Fuzz done 47");
        seeds.add(new Seed("getActiveJobs", "waiting", "<getActiveJobsParam xmlns=\"" + NS + "\"><companyHandle>47"
                + "</companyHandle><includeWaitingJobs>false</includeWaitingJobs></getActiveJobsParam>"));
        seed("getScheduledJobs", "by-company", "getScheduledJobs/by-company.xml", "company", "47");
        seed("getScheduledJobs", "by-handle", "getScheduledJobs/by-handle.xml", "company", "47",
                "handle", scheduled.get("getScheduledJobs"));
        for (String op : List.of("pauseJob", "resumeJob", "stopJob", "deleteJob", "executeJob")) {
            seed(op, "scheduled job", "control/" + op + ".xml", "company", "47", "handle", scheduled.get(op));
        }
        seed("stopJob", "done job", "control/stopJob.xml", "company", "47", "handle", done47);
        seed("getJobLogs", "by-company", "logs/getJobLogs.xml", "company", "47");
        seed("getJobLogs", "sorted", "logs/getJobLogs-sorted.xml", "company", "48", "sortBy", "JobName",
                "direction", "Descending", "numRows", "10");
        seeds.add(new Seed("getJobLogs", "dated", "<getJobLogsParam xmlns=\"" + NS + "\"><companyHandle>47</companyHandle>"
                + "<userHandle>u|47|1</userHandle><startDate>2020-01-01T00:00:00Z</startDate>"
                + "<endDate>2040-01-01T00:00:00+02:00</endDate><numRows>5</numRows></getJobLogsParam>"));
        seed("getJobLogDetails", "by-handle", "logs/getJobLogDetails.xml", "company", "47", "handle", upload);
        seed("getJobLogDetails", "paged", "logs/getJobLogDetails-paged.xml", "company", "47", "handle", upload,
                "logType", "UploadSuccess", "perPage", "2", "page", "1", "direction", "Ascending");
        seed("getAssetJobLogs", "asset", "logs/getAssetJobLogs.xml", "company", "47", "asset", asset);
        seed("checkLogin", "user47", "checkLogin/check.xml", "company", "47", "email", TestServer.USER47,
                "password", TestServer.USER47_PASSWORD);
    }

    @AfterAll
    static void detachAppender() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(errors);
    }

    private static void seed(String operation, String name, String file, String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        seeds.add(new Seed(operation, name, SoapClient.request(file, values)));
    }

    @Test
    void everyAnswerIsAWellFormedSoapEnvelopeWithAnIpsFaultAndTheServerLogsNoError() throws Exception {
        long started = System.nanoTime();
        List<Case> corpus = corpus();
        List<Violation> violations = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> seedFaults = new ArrayList<>();

        for (Case c : corpus) {
            if (ONLY_CASE != null && c.index() != ONLY_CASE) {
                continue;
            }
            int errorsBefore = errorCount();
            Answer answer = send(c);
            statuses.merge(c.group() + " " + (answer.error() != null ? "no answer" : "HTTP " + answer.status()), 1, Integer::sum);
            if (c.group().equals("seed") && answer.status() != 200) {
                seedFaults.add("#" + c.index() + " " + c.operation() + " " + c.description() + " -> HTTP " + answer.status()
                        + " " + (answer.body() == null ? answer.error() : excerpt(answer)));
            }
            check(c, answer, violations);
            List<ILoggingEvent> logged = errorsSince(errorsBefore);
            if (!logged.isEmpty()) {
                violations.add(new Violation("the server logged ERROR", c, logged.size() + " ERROR event(s), first: "
                        + describe(logged.get(0))));
            }
        }
        double corpusSeconds = (System.nanoTime() - started) / 1e9;

        if (ONLY_CASE == null) {
            afterTheCorpus(violations);
        }
        double totalSeconds = (System.nanoTime() - started) / 1e9;

        String report = report(corpus, violations, statuses, seedFaults, corpusSeconds, totalSeconds);
        Path file = Path.of("target", "fuzz-report.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report, StandardCharsets.UTF_8);
        System.out.println(report);
        if (!violations.isEmpty()) {
            throw new AssertionError(summary(corpus, violations, corpusSeconds) + "\n(full report: " + file.toAbsolutePath() + ")");
        }
    }

    // ==============================================================================================
    // the corpus

    private static List<Case> corpus() {
        Random random = new Random(SEED);
        RequestMutator mutator = new RequestMutator(random);
        CorpusBuilder b = new CorpusBuilder(random);

        // the seeds themselves, in both SOAP versions
        for (Seed s : seeds) {
            b.soap("seed", s, s.name() + " as sent", s.body(), false);
            b.soap("seed", s, s.name() + " as sent", s.body(), true);
        }

        // random structural and value mutations, stacked one to three deep
        for (int i = 0; i < RANDOM_MUTANTS; i++) {
            Seed s = seeds.get(random.nextInt(seeds.size()));
            Mutant m = mutator.mutate(s.body());
            b.soap("mutant/" + m.kind().replaceAll("\\+.*", "+more"), s, s.name() + ": " + m.description(), m.xml(),
                    random.nextInt(4) == 0);
        }

        // every typed field with every troublesome value of its type
        for (Seed s : seeds) {
            for (String field : RequestMutator.leaves(s.body())) {
                List<String> values = RequestMutator.INT_FIELDS.contains(field) ? RequestMutator.NUMBERS
                        : RequestMutator.DATE_FIELDS.contains(field) ? RequestMutator.DATES
                        : RequestMutator.BOOLEAN_FIELDS.contains(field) ? RequestMutator.BOOLEANS
                        : field.equals("execSchedule") ? RequestMutator.SCHEDULES : List.of();
                for (String value : values) {
                    b.soap("typed-value", s, s.name() + ": <" + field + "> := '" + RequestMutator.abbreviate(value) + "'",
                            RequestMutator.withText(s.body(), field, value), random.nextInt(4) == 0);
                }
            }
        }

        // control and non-BMP characters in every text field (once per operation and field)
        Set<String> covered = new LinkedHashSet<>();
        for (Seed s : seeds) {
            for (String field : RequestMutator.leaves(s.body())) {
                if (!covered.add(s.operation() + "/" + field)) {
                    continue;
                }
                for (Payload p : RequestMutator.HOSTILE_TEXT) {
                    String body = RequestMutator.withText(s.body(), field, "Fuzz " + p.text() + " text");
                    b.soap("characters", s, s.name() + ": " + p.name() + " in <" + field + ">", body, random.nextInt(4) == 0);
                }
            }
        }
        // the same, in an XML 1.1 document, where the references to control characters are allowed
        for (Seed s : seeds) {
            for (String field : List.of("description", "jobName", "companyHandle", "emailSetting", "originalName", "email")) {
                if (!RequestMutator.has(s.body(), field) || !covered.add("1.1/" + s.operation() + "/" + field)) {
                    continue;
                }
                for (Payload p : RequestMutator.HOSTILE_TEXT) {
                    if (!p.text().startsWith("&#")) {
                        continue;
                    }
                    String body = RequestMutator.withText(s.body(), field, "Fuzz " + p.text() + " text");
                    b.soap("xml-1.1", s, s.name() + ": <?xml version=\"1.1\"?> and " + p.name() + " in <" + field + ">",
                            "<?xml version=\"1.1\" encoding=\"UTF-8\"?>", body, random.nextInt(4) == 0);
                }
            }
        }
        // XML 1.1 with characters only it allows raw
        for (Seed s : seeds) {
            if (RequestMutator.has(s.body(), "jobName") || RequestMutator.has(s.body(), "originalName")) {
                String field = RequestMutator.has(s.body(), "jobName") ? "jobName" : "originalName";
                b.soap("xml-1.1", s, s.name() + ": XML 1.1 with raw NEL and U+2028 in <" + field + ">",
                        "<?xml version=\"1.1\" encoding=\"UTF-8\"?>",
                        RequestMutator.withText(s.body(), field, "Fuzz\u0085line\u2028sep"), false);
            }
        }

        // xsi:type, attributes, unknown elements, no namespace: a few of each on every seed
        for (Seed s : seeds) {
            for (String kind : List.of("xsi-type", "odd-attribute", "wrap-text", "no-namespace", "foreign-namespace")) {
                Mutant m = mutator.mutate(s.body(), kind);
                b.soap("targeted/" + kind, s, s.name() + ": " + m.description(), m.xml(), random.nextInt(4) == 0);
            }
        }

        actionsAndVersions(b, random);
        envelopes(b, random);
        authHeaders(b, random);
        truncations(b, random);
        invalidUtf8(b, random);
        contentTypes(b);
        methodsAndPaths(b);
        return b.cases;
    }

    /** SOAPAction and Content-Type against the envelope: missing, unknown, another operation's, crossed versions. */
    private static void actionsAndVersions(CorpusBuilder b, Random random) {
        Map<String, Seed> first = new LinkedHashMap<>();
        seeds.forEach(s -> first.putIfAbsent(s.operation(), s));
        for (Seed s : first.values()) {
            String other = OPERATIONS.get((OPERATIONS.indexOf(s.operation()) + 1 + random.nextInt(OPERATIONS.size() - 1))
                    % OPERATIONS.size());
            String e11 = SoapClient.envelope11(auth(), s.body());
            String e12 = SoapClient.envelope12(auth(), s.body());
            String op = s.operation();
            b.raw("action", s, "SOAP 1.1 without SOAPAction", h(ct11()), e11);
            b.raw("action", s, "SOAP 1.1, SOAPAction bogusOp", h(ct11(), action("bogusOp")), e11);
            b.raw("action", s, "SOAP 1.1, SOAPAction " + other + " (another operation)", h(ct11(), action(other)), e11);
            b.raw("action", s, "SOAP 1.1, SOAPAction \"\"", h(ct11(), action("")), e11);
            b.raw("action", s, "SOAP 1.1, SOAPAction unquoted URI", h(ct11(),
                    new String[] {"SOAPAction", "urn:bogus#" + op}), e11);
            b.raw("action", s, "SOAP 1.2 without action", h(new String[] {"Content-Type",
                    "application/soap+xml; charset=UTF-8"}), e12);
            b.raw("action", s, "SOAP 1.2, action=bogusOp", h(ct12("bogusOp")), e12);
            b.raw("action", s, "SOAP 1.2, action=" + other + " (another operation)", h(ct12(other)), e12);
            b.raw("action", s, "SOAP 1.2 action and a SOAPAction header that disagree",
                    h(ct12(op), action(other)), e12);
            b.raw("version-crossed", s, "SOAP 1.2 envelope sent as text/xml with SOAPAction", h(ct11(), action(op)), e12);
            b.raw("version-crossed", s, "SOAP 1.1 envelope sent as application/soap+xml", h(ct12(op)), e11);
            b.raw("version-crossed", s, "SOAP 1.1 envelope as application/soap+xml without action",
                    h(new String[] {"Content-Type", "application/soap+xml"}), e11);
            String unknown11 = "<f:audit xmlns:f=\"urn:fuzz:audit\" xmlns:soapenv=\"" + S11
                    + "\" soapenv:mustUnderstand=\"1\">x</f:audit>";
            String unknown12 = "<f:audit xmlns:f=\"urn:fuzz:audit\" xmlns:soap12=\"" + S12
                    + "\" soap12:mustUnderstand=\"true\">x</f:audit>";
            b.raw("mustUnderstand", s, "SOAP 1.1, unknown header with mustUnderstand=\"1\"", h(ct11(), action(op)),
                    SoapClient.envelope11(auth() + unknown11, s.body()));
            b.raw("mustUnderstand", s, "SOAP 1.2, unknown header with mustUnderstand=\"true\"", h(ct12(op)),
                    SoapClient.envelope12(auth() + unknown12, s.body()));
            b.raw("mustUnderstand", s, "SOAP 1.1, unknown header with mustUnderstand=\"banana\"", h(ct11(), action(op)),
                    SoapClient.envelope11(auth() + unknown11.replace("\"1\"", "\"banana\""), s.body()));
            b.raw("mustUnderstand", s, "SOAP 1.1, authHeader with mustUnderstand=\"1\"", h(ct11(), action(op)),
                    SoapClient.envelope11(auth().replaceFirst("<authHeader ", "<authHeader xmlns:soapenv=\"" + S11
                            + "\" soapenv:mustUnderstand=\"1\" "), s.body()));
            b.raw("mustUnderstand", s, "SOAP 1.2, unknown header for role next with mustUnderstand", h(ct12(op)),
                    SoapClient.envelope12(auth() + unknown12.replace("soap12:mustUnderstand",
                            "soap12:role=\"http://www.w3.org/2003/05/soap-envelope/role/next\" soap12:mustUnderstand"),
                            s.body()));
            b.raw("action", s, "SOAP 1.1, body element bogusOpParam, SOAPAction bogusOp", h(ct11(), action("bogusOp")),
                    SoapClient.envelope11(auth(), "<bogusOpParam xmlns=\"" + NS + "\"/>"));
        }
    }

    /** The envelope around a valid operation element, bent out of shape. */
    private static void envelopes(CorpusBuilder b, Random random) {
        String[][] shapes = {
                {"no Header element", "<soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Body>BODY</soapenv:Body></soapenv:Envelope>"},
                {"empty Body", "<soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Header>AUTH</soapenv:Header><soapenv:Body/></soapenv:Envelope>"},
                {"Header after Body", "<soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Body>BODY</soapenv:Body><soapenv:Header>AUTH</soapenv:Header></soapenv:Envelope>"},
                {"two Headers", "<soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Header>AUTH</soapenv:Header><soapenv:Header>AUTH</soapenv:Header><soapenv:Body>BODY</soapenv:Body></soapenv:Envelope>"},
                {"attributes on Envelope and Body", "<soapenv:Envelope xmlns:soapenv=\"" + S11 + "\" foo=\"bar\" xmlns:x=\"urn:x\" x:y=\"z\"><soapenv:Header>AUTH</soapenv:Header><soapenv:Body soapenv:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\" id=\"b\">BODY</soapenv:Body></soapenv:Envelope>"},
                {"comment, PI and whitespace around everything", "<!-- c --><?pi x?>\n<soapenv:Envelope xmlns:soapenv=\"" + S11 + "\">\n<!-- c --><soapenv:Header>\n<?pi y?>AUTH</soapenv:Header>\n<soapenv:Body>\n<!-- c -->BODY\n</soapenv:Body></soapenv:Envelope>\n<!-- end -->"},
                {"DOCTYPE without entities", "<!DOCTYPE soapenv:Envelope [<!ELEMENT x ANY>]><soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Header>AUTH</soapenv:Header><soapenv:Body>BODY</soapenv:Body></soapenv:Envelope>"},
                {"internal entity used in the body", "<!DOCTYPE e [<!ENTITY n \"Fuzz entity\">]><soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Header>AUTH</soapenv:Header><soapenv:Body>BODY</soapenv:Body></soapenv:Envelope>"},
                {"BOM and whitespace before the prolog", "\uFEFF  <?xml version=\"1.0\"?><soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Header>AUTH</soapenv:Header><soapenv:Body>BODY</soapenv:Body></soapenv:Envelope>"},
                {"prolog with encoding ISO-8859-1 over UTF-8 bytes", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Header>AUTH</soapenv:Header><soapenv:Body>BODY</soapenv:Body></soapenv:Envelope>"},
                {"prolog with encoding bogus", "<?xml version=\"1.0\" encoding=\"bogus\"?><soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Header>AUTH</soapenv:Header><soapenv:Body>BODY</soapenv:Body></soapenv:Envelope>"},
                {"prolog with version 2.0", "<?xml version=\"2.0\"?><soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Header>AUTH</soapenv:Header><soapenv:Body>BODY</soapenv:Body></soapenv:Envelope>"},
                {"Envelope in no namespace", "<Envelope><Header>AUTH</Header><Body>BODY</Body></Envelope>"},
                {"undeclared envelope prefix", "<soapenv:Envelope><soapenv:Header>AUTH</soapenv:Header><soapenv:Body>BODY</soapenv:Body></soapenv:Envelope>"},
                {"text directly in Body", "<soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Header>AUTH</soapenv:Header><soapenv:Body>text BODY</soapenv:Body></soapenv:Envelope>"},
                {"a Fault as the request", "<soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Header>AUTH</soapenv:Header><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>x</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>"},
                {"Body nested in Body", "<soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Header>AUTH</soapenv:Header><soapenv:Body><soapenv:Body>BODY</soapenv:Body></soapenv:Body></soapenv:Envelope>"},
                {"header block in no namespace", "<soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Header>AUTH<plain>x</plain></soapenv:Header><soapenv:Body>BODY</soapenv:Body></soapenv:Envelope>"},
                {"Envelope with SOAP 1.1 and 1.2 children mixed", "<soapenv:Envelope xmlns:soapenv=\"" + S11 + "\" xmlns:soap12=\"" + S12 + "\"><soap12:Header>AUTH</soap12:Header><soapenv:Body>BODY</soapenv:Body></soapenv:Envelope>"},
                {"operation element prefixed, its children in no namespace", "<soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Header>AUTH</soapenv:Header><soapenv:Body>PREFIXED</soapenv:Body></soapenv:Envelope>"},
                {"the authHeader in the body, the operation in the header", "<soapenv:Envelope xmlns:soapenv=\"" + S11 + "\"><soapenv:Header>BODY</soapenv:Header><soapenv:Body>AUTH</soapenv:Body></soapenv:Envelope>"},
        };
        for (String[] shape : shapes) {
            for (int i = 0; i < 3; i++) {
                Seed s = seeds.get(random.nextInt(seeds.size()));
                String prefixed = s.body().replaceFirst("^<(\\w+) xmlns=\"" + Pattern.quote(NS) + "\">",
                        "<p:$1 xmlns:p=\"" + NS + "\">").replaceFirst("</(\\w+)>\\s*$", "</p:$1>");
                String body = s.body();
                if (shape[0].startsWith("internal entity")) {
                    body = RequestMutator.leaves(body).stream().findFirst()
                            .map(f -> RequestMutator.withText(s.body(), f, "&n;")).orElse(body);
                }
                String envelope = shape[1].replace("AUTH", auth()).replace("PREFIXED", prefixed).replace("BODY", body);
                b.raw("envelope", s, shape[0], h(ct11(), action(s.operation())), envelope);
            }
        }
    }

    /** The authHeader's optional elements with troublesome values (credentials stay valid). */
    private static void authHeaders(CorpusBuilder b, Random random) {
        List<String[]> extras = new ArrayList<>();
        for (String n : RequestMutator.NUMBERS) {
            extras.add(new String[] {"faultHttpStatusCode := '" + RequestMutator.abbreviate(n) + "'",
                    "<faultHttpStatusCode>" + n + "</faultHttpStatusCode>"});
        }
        for (String n : List.of("100", "101", "199", "204", "205", "301", "304", "404", "405", "599", "600")) {
            extras.add(new String[] {"faultHttpStatusCode := " + n, "<faultHttpStatusCode>" + n + "</faultHttpStatusCode>"});
        }
        for (String v : RequestMutator.BOOLEANS) {
            extras.add(new String[] {"gzipResponse := '" + v + "'", "<gzipResponse>" + v + "</gzipResponse>"});
        }
        extras.add(new String[] {"gzipResponse true", "<gzipResponse>true</gzipResponse>"});
        for (Payload p : RequestMutator.HOSTILE_TEXT) {
            extras.add(new String[] {p.name() + " in <locale>", "<locale>en" + p.text() + "</locale>"});
        }
        extras.add(new String[] {"locale xx-\u00FF\u00FF", "<locale>xx-\u00FF\u00FF</locale>"});
        extras.add(new String[] {"locale of 5000 chars", "<locale>" + "de-DE".repeat(1000) + "</locale>"});
        for (String[] extra : extras) {
            Seed s = random.nextInt(3) == 0 ? seeds.get(random.nextInt(seeds.size()))
                    : seeds.stream().filter(x -> x.operation().equals("stopJob")).findFirst().orElseThrow();
            String[] parts = SoapClient.authHeader(COMMON, TestServer.ADMIN, TestServer.ADMIN_PASSWORD).split("</password>");
            String header = parts[0] + "</password>" + (extra[1].startsWith("<locale>") ? extra[1] + parts[1]
                    : parts[1].replace("</authHeader>", extra[1] + "</authHeader>"));
            boolean soap12 = random.nextInt(4) == 0;
            b.raw("auth-header", s, "authHeader " + extra[0], headers(soap12, s.operation()),
                    soap12 ? SoapClient.envelope12(header, s.body())
                    : SoapClient.envelope11(header, s.body()));
        }
        for (Seed s : seeds.subList(0, 4)) {
            b.raw("auth-header", s, "authHeader in the 2022-11-01-beta namespace, SOAP 1.2", h(ct12(s.operation())),
                    SoapClient.envelope12(SoapClient.authHeader(NS, TestServer.ADMIN, TestServer.ADMIN_PASSWORD), s.body()));
            b.raw("auth-header", s, "authHeader in no namespace", h(ct11(), action(s.operation())),
                    SoapClient.envelope11(SoapClient.authHeader(COMMON, TestServer.ADMIN, TestServer.ADMIN_PASSWORD)
                            .replace(" xmlns=\"" + COMMON + "\"", ""), s.body()));
            b.raw("auth-header", s, "authHeader user wrapped: admin<x/>", h(ct11(), action(s.operation())),
                    SoapClient.envelope11(SoapClient.authHeader(COMMON, "nobody@example.com<x/>", "x"), s.body()));
        }
    }

    /** A valid request cut at a random byte: with a matching Content-Length, and with the connection cut early. */
    private static void truncations(CorpusBuilder b, Random random) {
        for (int i = 0; i < 160; i++) {
            Seed s = seeds.get(random.nextInt(seeds.size()));
            boolean soap12 = random.nextInt(4) == 0;
            byte[] full = RequestMutator.utf8(soap12 ? SoapClient.envelope12(auth(), s.body()) : SoapClient.envelope11(auth(), s.body()));
            int at = random.nextInt(full.length);
            b.bytes("truncated", s, "cut after byte " + at + " of " + full.length + " (Content-Length " + at + ")",
                    headers(soap12, s.operation()), RequestMutator.truncate(full, at), soap12 ? S12 : S11, -1);
        }
        for (int i = 0; i < 16; i++) {
            Seed s = seeds.get(random.nextInt(seeds.size()));
            byte[] full = RequestMutator.utf8(SoapClient.envelope11(auth(), s.body()));
            int at = random.nextInt(full.length);
            b.bytes("connection-cut", s, "Content-Length " + full.length + ", connection closed after byte " + at,
                    headers(false, s.operation()), full, S11, at);
        }
    }

    /** Invalid UTF-8 sequences put into a value of a valid request. */
    private static void invalidUtf8(CorpusBuilder b, Random random) {
        List<String> names = new ArrayList<>(new TreeMap<>(RequestMutator.BAD_UTF8).keySet());
        for (int i = 0; i < 100; i++) {
            Seed s = seeds.get(random.nextInt(seeds.size()));
            boolean soap12 = random.nextInt(4) == 0;
            byte[] full = RequestMutator.utf8(soap12 ? SoapClient.envelope12(auth(), s.body()) : SoapClient.envelope11(auth(), s.body()));
            List<Integer> offsets = RequestMutator.textOffsets(full);
            int at = offsets.get(random.nextInt(offsets.size()));
            String name = names.get(random.nextInt(names.size()));
            b.bytes("invalid-utf8", s, "bytes " + name + " at offset " + at, headers(soap12, s.operation()),
                    RequestMutator.insert(full, at, RequestMutator.BAD_UTF8.get(name)), soap12 ? S12 : S11, -1);
        }
    }

    /** Charsets and content types that do not match the bytes, or are not SOAP at all. */
    private static void contentTypes(CorpusBuilder b) {
        for (Seed s : List.of(seed("submitJob"), seed("getActiveJobs"), seed("getJobLogs"), seed("checkLogin"))) {
            String op = s.operation();
            String body = s.body().replace("Fuzz job", "Fuzz caf\u00E9 \u65E5\u672C");
            String e11 = SoapClient.envelope11(auth(), body);
            byte[] utf8 = RequestMutator.utf8(e11);
            String[] sa = action(op);
            b.bytes("charset", s, "charset=bogus", h(new String[] {"Content-Type", "text/xml; charset=bogus"}, sa), utf8, S11, -1);
            b.bytes("charset", s, "charset=UTF-16 with UTF-8 bytes", h(new String[] {"Content-Type", "text/xml; charset=UTF-16"}, sa), utf8, S11, -1);
            b.bytes("charset", s, "charset=UTF-32 with UTF-8 bytes", h(new String[] {"Content-Type", "text/xml; charset=UTF-32"}, sa), utf8, S11, -1);
            b.bytes("charset", s, "charset=ISO-8859-1 with UTF-8 bytes", h(new String[] {"Content-Type", "text/xml; charset=ISO-8859-1"}, sa), utf8, S11, -1);
            b.bytes("charset", s, "charset=ISO-8859-1, ISO-8859-1 bytes, no prolog",
                    h(new String[] {"Content-Type", "text/xml; charset=ISO-8859-1"}, sa),
                    e11.replaceFirst("^<\\?xml[^>]*>", "").getBytes(StandardCharsets.ISO_8859_1), S11, -1);
            b.bytes("charset", s, "charset=UTF-8, ISO-8859-1 bytes", h(ct11(), sa),
                    e11.replaceFirst("^<\\?xml[^>]*>", "").getBytes(StandardCharsets.ISO_8859_1), S11, -1);
            b.bytes("charset", s, "charset=UTF-16, UTF-16 bytes", h(new String[] {"Content-Type", "text/xml; charset=UTF-16"}, sa),
                    e11.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"").getBytes(StandardCharsets.UTF_16), S11, -1);
            b.bytes("charset", s, "charset= (empty)", h(new String[] {"Content-Type", "text/xml; charset="}, sa), utf8, S11, -1);
            b.bytes("charset", s, "charset=\"utf-8\" quoted, lower case", h(new String[] {"Content-Type", "text/xml; charset=\"utf-8\""}, sa), utf8, S11, -1);
            b.bytes("charset", s, "SOAP 1.2, charset=bogus", h(new String[] {"Content-Type",
                    "application/soap+xml; charset=bogus; action=\"" + op + "\""}), RequestMutator.utf8(SoapClient.envelope12(auth(), body)), S12, -1);
            b.bytes("content-type", s, "multipart/related without boundary", h(new String[] {"Content-Type", "multipart/related"}, sa), utf8, S11, -1);
            b.bytes("content-type", s, "multipart/related; boundary=xyz with a plain body", h(new String[] {"Content-Type",
                    "multipart/related; type=\"text/xml\"; boundary=xyz; start=\"<root>\""}, sa), utf8, S11, -1);
            b.bytes("content-type", s, "application/json", h(new String[] {"Content-Type", "application/json"}, sa), utf8, S11, -1);
            b.bytes("content-type", s, "application/json with a JSON body", h(new String[] {"Content-Type", "application/json"}, sa),
                    RequestMutator.utf8("{\"" + op + "Param\":{\"companyHandle\":\"47\"}}"), S11, -1);
            b.bytes("content-type", s, "no Content-Type", h(sa), utf8, S11, -1);
            b.bytes("content-type", s, "text/plain", h(new String[] {"Content-Type", "text/plain"}, sa), utf8, S11, -1);
            b.bytes("content-type", s, "application/xml", h(new String[] {"Content-Type", "application/xml"}, sa), utf8, S11, -1);
            b.bytes("content-type", s, "text/xml;;; charset", h(new String[] {"Content-Type", "text/xml;;; charset"}, sa), utf8, S11, -1);
            b.bytes("content-type", s, "Content-Type: ;", h(new String[] {"Content-Type", ";"}, sa), utf8, S11, -1);
            b.bytes("content-type", s, "two Content-Type headers (xml and soap+xml)", h(ct11(),
                    new String[] {"Content-Type", "application/soap+xml"}, sa), utf8, S11, -1);
            b.bytes("content-type", s, "a 4000-character Content-Type parameter", h(new String[] {"Content-Type",
                    "text/xml; charset=UTF-8; x=" + "y".repeat(4000)}, sa), utf8, S11, -1);
            b.bytes("content-type", s, "empty body", h(ct11(), sa), new byte[0], S11, -1);
            b.bytes("content-type", s, "body of NUL bytes", h(ct11(), sa), new byte[64], S11, -1);
        }
    }

    /** Other methods on the endpoint, and paths under /scene7/ that are not there. */
    private static void methodsAndPaths(CorpusBuilder b) {
        Seed s = seed("getActiveJobs");
        byte[] envelope = RequestMutator.utf8(SoapClient.envelope11(auth(), s.body()));
        String endpoint = server.client.endpoint().getPath();
        for (String method : List.of("PUT", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE")) {
            b.method(s, method, endpoint, true, envelope);
            b.method(s, method, endpoint, false, null);
        }
        // the WSDL is there for GET only
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            b.method(s, method, "/scene7/webservice/IpsApi.wsdl", true, envelope);
        }
        for (String path : List.of("/scene7/services/Nope", "/scene7/services/IpsApiServiceX", "/scene7/services/IpsApiService/extra",
                "/scene7/services/", "/scene7/services", "/scene7/nope", "/scene7/", "/scene7/webservice/Nope.wsdl",
                "/scene7/services/IpsApiService/../Nope")) {
            b.method(s, "POST", path, true, envelope);
            b.method(s, "GET", path, false, null);
        }
    }

    private static Seed seed(String operation) {
        return seeds.stream().filter(s -> s.operation().equals(operation)).findFirst().orElseThrow();
    }

    private static String auth() {
        return SoapClient.authHeader(COMMON, TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
    }

    private static List<String[]> h(String[]... headers) {
        return List.of(headers);
    }

    private static String[] ct11() {
        return new String[] {"Content-Type", "text/xml; charset=UTF-8"};
    }

    private static String[] ct12(String action) {
        return new String[] {"Content-Type", "application/soap+xml; charset=UTF-8; action=\"" + action + "\""};
    }

    private static String[] action(String action) {
        return new String[] {"SOAPAction", "\"" + action + "\""};
    }

    private static List<String[]> headers(boolean soap12, String operation) {
        return soap12 ? h(ct12(operation)) : h(ct11(), action(operation));
    }

    /** Collects cases, numbering them in the order they are made. */
    private static final class CorpusBuilder {
        final List<Case> cases = new ArrayList<>();
        final Random random;

        CorpusBuilder(Random random) {
            this.random = random;
        }

        /** The operation element in a standard envelope of the given version, with the standard headers. */
        void soap(String group, Seed s, String description, String body, boolean soap12) {
            soap(group, s, description, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", body, soap12);
        }

        void soap(String group, Seed s, String description, String prolog, String body, boolean soap12) {
            // now and then the documented authHeader namespace is swapped for the versioned one
            String header = SoapClient.authHeader(random.nextInt(8) == 0 ? NS : COMMON, TestServer.ADMIN,
                    TestServer.ADMIN_PASSWORD);
            String envelope = (soap12 ? SoapClient.envelope12(header, body) : SoapClient.envelope11(header, body))
                    .replaceFirst("^<\\?xml[^>]*>", Matcher.quoteReplacement(prolog));
            bytes(group, s, (soap12 ? "[SOAP 1.2] " : "") + description, headers(soap12, s.operation()),
                    RequestMutator.utf8(envelope), soap12 ? S12 : S11, -1);
        }

        void raw(String group, Seed s, String description, List<String[]> headers, String envelope) {
            String ns = envelope.contains("Envelope xmlns:soap12=") ? S12 : S11;
            bytes(group, s, description, headers, RequestMutator.utf8(envelope), ns, -1);
        }

        /**
         * A POST of these bytes. The answer may be in the Content-Type's SOAP version, or in the
         * envelope's when its start tag arrives intact and the two disagree.
         */
        void bytes(String group, Seed s, String description, List<String[]> headers, byte[] body, String envelopeNs,
                int cutAfter) {
            List<String[]> h = headers.stream().filter(x -> x != null).toList();
            String contentType = h.stream().filter(x -> x[0].equalsIgnoreCase("Content-Type")).map(x -> x[1])
                    .findFirst().orElse("");
            Set<String> versions = new LinkedHashSet<>();
            versions.add(contentType.toLowerCase(Locale.ROOT).trim().startsWith("application/soap+xml") ? S12 : S11);
            byte[] sent = cutAfter >= 0 ? RequestMutator.truncate(body, cutAfter) : body;
            String text = new String(sent, StandardCharsets.UTF_8);
            if (Pattern.compile("<(\\w+:)?Envelope\\b[^>]*>").matcher(text).find()) {
                versions.add(envelopeNs);
            }
            cases.add(new Case(cases.size(), group, s.operation(), description, "POST", null, h, body, true, versions,
                    cutAfter));
        }

        void method(Seed s, String method, String path, boolean withBody, byte[] body) {
            List<String[]> h = withBody ? h(ct11(), action(s.operation())) : List.of();
            boolean known = path.equals(server.client.endpoint().getPath()) || path.endsWith("/IpsApi.wsdl");
            String group = known ? "method" : "path";
            cases.add(new Case(cases.size(), group, s.operation(), method + " " + path + (withBody ? " with a SOAP body" : ""),
                    method, path, h, withBody ? body : null, false, Set.of(), -1));
        }
    }

    // ==============================================================================================
    // sending

    private static Answer send(Case c) {
        try {
            if (c.cutAfter() >= 0) {
                return rawCut(c);
            }
            URI uri = c.path() == null ? server.client.endpoint() : server.client.endpoint().resolve(c.path());
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(c.body()));
            for (String[] h : c.headers()) {
                request.header(h[0], h[1]);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            if (response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip") && body.length > 0) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                }
            }
            return new Answer(response.statusCode(), response.headers().map(), body, null);
        } catch (IOException e) {
            return new Answer(-1, Map.of(), null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends the headers and a Content-Length for the whole body, then only part of it, and half-closes. */
    private static Answer rawCut(Case c) throws IOException {
        URI endpoint = server.client.endpoint();
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder("POST " + endpoint.getPath() + " HTTP/1.1\r\nHost: " + endpoint.getHost()
                    + ":" + endpoint.getPort() + "\r\nConnection: close\r\nContent-Length: " + c.body().length + "\r\n");
            c.headers().forEach(h -> head.append(h[0]).append(": ").append(h[1]).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(c.body(), 0, c.cutAfter());
            out.flush();
            socket.shutdownOutput();
            byte[] raw;
            try {
                raw = socket.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new Answer(-1, Map.of(), null, "connection closed without an answer: " + e);
            }
            return parseRaw(raw);
        }
    }

    private static Answer parseRaw(byte[] raw) throws IOException {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        if (raw.length == 0 || end < 0) {
            return new Answer(-1, Map.of(), null, "connection closed without an answer (" + raw.length + " bytes)");
        }
        String[] lines = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (headers.getOrDefault("Transfer-Encoding", List.of()).stream().anyMatch(v -> v.equalsIgnoreCase("chunked"))) {
            body = dechunk(body);
        }
        if (headers.getOrDefault("Content-Encoding", List.of()).stream().anyMatch(v -> v.equalsIgnoreCase("gzip"))) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return new Answer(status, headers, body, null);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = i;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeText = new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(chunked, start, Math.min(size, chunked.length - start));
            i = start + size + 2;
        }
        return out.toByteArray();
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    // ==============================================================================================
    // the oracle

    private static void check(Case c, Answer a, List<Violation> out) {
        if (a.error() != null) {
            if (c.cutAfter() < 0) {
                out.add(new Violation("no answer", c, a.error()));
            }
            return;
        }
        leaks(c, a, out);
        if (!c.soap()) {
            boolean allow = a.headers().entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase("Allow"));
            if (!(a.status() == 404 || a.status() == 405 && allow)) {
                out.add(new Violation("other method or path: not 405 with Allow, nor 404", c, "HTTP " + a.status()
                        + (a.status() == 405 ? " without Allow" : "") + " " + excerpt(a)));
            }
            return;
        }
        Document doc;
        try {
            // the charset parameter of text/xml and application/soap+xml is authoritative (RFC 7303)
            InputSource source = new InputSource(new ByteArrayInputStream(a.body()));
            Matcher charset = Pattern.compile("(?i);\\s*charset=\"?([^\";\\s]+)").matcher(contentType(a));
            if (charset.find()) {
                source.setEncoding(charset.group(1));
            }
            doc = strictParser().parse(source);
        } catch (Exception e) {
            String text = a.text().stripLeading();
            String category = text.isEmpty() ? "answer has no body"
                    : !text.startsWith("<") || text.regionMatches(true, 0, "<html", 0, 5) ? "answer is not XML (e.g. an HTML error page)"
                    : String.valueOf(e.getMessage()).contains("invalid XML character")
                            ? "answer is not well-formed XML: a character XML 1.0 does not allow"
                    : "answer is not well-formed XML";
            out.add(new Violation(category, c, "HTTP " + a.status() + " " + contentType(a) + ": "
                    + firstLine(e.getMessage()) + " | " + excerpt(a)));
            return;
        }
        if (!"1.0".equals(doc.getXmlVersion())) {
            out.add(new Violation("answer is XML " + doc.getXmlVersion(), c, "HTTP " + a.status() + " " + excerpt(a)));
        }
        Element root = doc.getDocumentElement();
        String env = root.getNamespaceURI();
        if (!"Envelope".equals(root.getLocalName()) || !c.versions().contains(env)) {
            out.add(new Violation("answer is not a SOAP envelope of the request's version", c, "expected "
                    + c.versions().stream().map(v -> v.equals(S11) ? "SOAP 1.1" : "SOAP 1.2").collect(Collectors.joining(" or "))
                    + ", got {" + env + "}" + root.getLocalName() + " HTTP " + a.status() + " " + excerpt(a)));
            if (!"Envelope".equals(root.getLocalName()) || !(S11.equals(env) || S12.equals(env))) {
                return;
            }
            // an envelope of the other version: its fault is still held to the rules below
        }
        Element body = child(root, env, "Body");
        Element fault = body == null ? null : child(body, env, "Fault");
        if (fault == null) {
            return;
        }
        Element detail = env.equals(S11) ? child(fault, null, "detail") : child(fault, S12, "Detail");
        Element ips = null;
        if (detail != null) {
            for (Node n = detail.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && COMMON.equals(e.getNamespaceURI()) && FAULT_ELEMENTS.contains(e.getLocalName())) {
                    ips = e;
                }
            }
        }
        Element code = ips == null ? null : child(ips, COMMON, "code");
        Element reason = ips == null ? null : child(ips, COMMON, "reason");
        if (code == null || reason == null || !code.getTextContent().trim().matches("-?\\d+")) {
            out.add(new Violation("fault without an IPS fault detail (code and reason)", c, "HTTP " + a.status() + " "
                    + excerpt(a)));
            return;
        }
        if (code.getTextContent().trim().equals("30000")) {
            out.add(new Violation("fault code 30000 (internal error)", c, "HTTP " + a.status() + " " + ips.getLocalName()
                    + " 30000: " + reason.getTextContent()));
        }
    }

    private static void leaks(Case c, Answer a, List<Violation> out) {
        // IPS reports each task by its monitor class (com.scene7.upload.UploadAsyncTaskMonitor): that
        // name is part of the contract, not a leak of ours
        String text = TASK_TYPE.matcher(a.text()).replaceAll("<taskType/>");
        for (Pattern p : JAVA_NAMES) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                int from = Math.max(0, m.start() - 60);
                out.add(new Violation("answer names Java classes or packages", c, "HTTP " + a.status() + " '"
                        + text.substring(from, Math.min(text.length(), m.end() + 60)).replaceAll("\\s+", " ") + "'"));
                return;
            }
        }
    }

    /** A namespace-aware JDK parser that takes nothing on trust: no DOCTYPE, every error fatal. */
    private static DocumentBuilder strictParser() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        DocumentBuilder builder = f.newDocumentBuilder();
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        return builder;
    }

    private static Element child(Element parent, String ns, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())
                    && (ns == null ? e.getNamespaceURI() == null : ns.equals(e.getNamespaceURI()))) {
                return e;
            }
        }
        return null;
    }

    private static int errorCount() {
        synchronized (errors) {
            return errors.list.size();
        }
    }

    private static List<ILoggingEvent> errorsSince(int before) {
        synchronized (errors) {
            return List.copyOf(errors.list.subList(before, errors.list.size()));
        }
    }

    private static String describe(ILoggingEvent e) {
        String thrown = e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getClassName() + ": "
                + firstLine(e.getThrowableProxy().getMessage());
        return "[" + e.getLoggerName() + "] " + firstLine(e.getFormattedMessage()) + thrown;
    }

    // ==============================================================================================
    // after the corpus

    private static void afterTheCorpus(List<Violation> out) {
        for (String company : List.of("47", "48")) {
            Map<String, String> listings = new LinkedHashMap<>();
            listings.put("getActiveJobs", SoapClient.request("getActiveJobs/by-company.xml", Map.of("company", company)));
            listings.put("getScheduledJobs", SoapClient.request("getScheduledJobs/by-company.xml", Map.of("company", company)));
            listings.put("getJobLogs", SoapClient.request("logs/getJobLogs.xml", Map.of("company", company)));
            listings.put("getJobLogDetails", "<getJobLogDetailsParam xmlns=\"" + NS + "\"><companyHandle>" + company
                    + "</companyHandle></getJobLogDetailsParam>");
            listings.forEach((op, body) -> {
                Case listing = new Case(-1, "after the corpus", op, op + " of company " + company + " as the admin", "POST",
                        null, List.of(), null, true, Set.of(S11), -1);
                String problem = listingProblem(server.call(op, body));
                if (problem != null) {
                    out.add(new Violation(problem.startsWith("not well-formed") ? "after the corpus: a listing is not well-formed XML 1.0"
                            : "after the corpus: a listing fails", listing, problem));
                }
            });
        }
        long t0 = System.nanoTime();
        SoapResponse r = server.call("getActiveJobs", "getActiveJobs/by-company.xml", Map.of("company", "47"));
        long ms = millis(t0);
        if (ms > 1000 || r.status() != 200) {
            out.add(new Violation("after the corpus: a normal getActiveJobs takes over 1 s or fails", new Case(-1,
                    "after the corpus", "getActiveJobs", "getActiveJobs of company 47 as the admin", "POST", null, List.of(),
                    null, true, Set.of(S11), -1), ms + " ms, HTTP " + r.status()));
        }
    }

    /** Null for a successful answer that parses strictly; otherwise what is wrong with it. */
    private static String listingProblem(SoapResponse r) {
        String excerpt = RequestMutator.abbreviate(r.body().substring(0, Math.min(300, r.body().length())));
        try {
            strictParser().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return "not well-formed: " + firstLine(e.getMessage()) + " | HTTP " + r.status() + " " + excerpt;
        }
        if (r.body().startsWith("<?xml version=\"1.1\"")) {
            return "not well-formed: XML 1.1 | " + excerpt;
        }
        if (r.isFault()) {
            return "HTTP " + r.status() + " " + r.faultElement() + " " + r.faultCode() + ": " + r.faultReason();
        }
        return null;
    }

    // ==============================================================================================
    // the report

    private static String summary(List<Case> corpus, List<Violation> violations, double seconds) {
        Map<String, List<Violation>> byCategory = group(violations);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%d of %d fuzz cases (seed %d, %.1f s) broke the contract, %d violations in %d categories:%n",
                violations.stream().map(Violation::c).distinct().count(), corpus.size(), SEED, seconds, violations.size(),
                byCategory.size()));
        byCategory.forEach((category, list) -> {
            b.append(String.format(Locale.ROOT, "%n== %s: %d%n", category, list.size()));
            b.append("   by case group: ").append(countBy(list, v -> v.c().group(), 8)).append('\n');
            list.stream().collect(Collectors.toMap(v -> v.c().group(), v -> v, (x, y) -> x, LinkedHashMap::new)).values()
                    .stream().limit(2).forEach(v -> b.append(example(v)));
        });
        return b.toString();
    }

    private static String report(List<Case> corpus, List<Violation> violations, Map<String, Integer> statuses,
            List<String> seedFaults, double corpusSeconds, double totalSeconds) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "RequestFuzzTest: seed %d, %d cases, corpus %.1f s, with the checks after it %.1f s%n",
                SEED, corpus.size(), corpusSeconds, totalSeconds));
        b.append("cases by group: ").append(countBy(corpus, Case::group)).append('\n');
        b.append("answers: ").append(statuses).append('\n');
        b.append("seeds not answered with 200 (an earlier case may have changed the job; not a violation by itself):\n");
        seedFaults.forEach(f -> b.append("   ").append(oneLine(f)).append('\n'));
        b.append('\n');
        b.append(violations.isEmpty() ? "no violations\n" : summary(corpus, violations, corpusSeconds));
        if (!violations.isEmpty()) {
            b.append("\n\nEvery violation:\n");
            group(violations).forEach((category, list) -> {
                b.append("\n== ").append(category).append(" (").append(list.size()).append(")\n");
                list.forEach(v -> b.append(example(v)));
            });
        }
        return b.toString();
    }

    private static Map<String, List<Violation>> group(List<Violation> violations) {
        Map<String, List<Violation>> byCategory = violations.stream().collect(Collectors.groupingBy(Violation::category,
                LinkedHashMap::new, Collectors.toList()));
        List<Map.Entry<String, List<Violation>>> entries = new ArrayList<>(byCategory.entrySet());
        entries.sort((x, y) -> y.getValue().size() - x.getValue().size());
        Map<String, List<Violation>> sorted = new LinkedHashMap<>();
        entries.forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static <T> String countBy(List<T> items, java.util.function.Function<T, String> key) {
        return countBy(items, key, Integer.MAX_VALUE);
    }

    private static <T> String countBy(List<T> items, java.util.function.Function<T, String> key, int limit) {
        Map<String, Long> counts = items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
        String top = counts.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(limit)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return counts.size() > limit ? top + ", ... (" + counts.size() + " groups)" : top;
    }

    private static String example(Violation v) {
        Case c = v.c();
        return String.format(Locale.ROOT, "   #%d [%s] %s: %s%n      -> %s%n", c.index(), c.group(), c.operation(),
                RequestMutator.abbreviate(c.description()).replace("...(", "... ("), oneLine(v.detail()));
    }

    private static String excerpt(Answer a) {
        String text = a.text();
        Matcher reason = Pattern.compile("<(?:\\w+:)?reason>(.*?)</(?:\\w+:)?reason>", Pattern.DOTALL).matcher(text);
        Matcher code = Pattern.compile("<(?:\\w+:)?code>(.*?)</(?:\\w+:)?code>", Pattern.DOTALL).matcher(text);
        if (reason.find() && code.find()) {
            return "fault " + code.group(1) + ": " + reason.group(1);
        }
        return "'" + (text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text) + "'";
    }

    private static String contentType(Answer a) {
        return a.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
                .map(e -> String.join(",", e.getValue())).findFirst().orElse("(no Content-Type)");
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("\\s*\n\\s*", " ");
        StringBuilder b = new StringBuilder();
        flat.codePoints().forEach(cp -> b.append(cp < 0x20 || cp == 0x7F ? String.format("\\u{%X}", cp) : Character.toString(cp)));
        return b.length() > 400 ? b.substring(0, 400) + "..." : b.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
