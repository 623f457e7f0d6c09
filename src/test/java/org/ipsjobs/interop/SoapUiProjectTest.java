package org.ipsjobs.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathEvaluationResult;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathNodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Runs the test suite of the SoapUI project in src/interop/soapui against a server started in
 * process, the way SoapUI would: steps in order, ${#Project#...}, ${#TestSuite#...} and
 * ${#TestCase#...} property expansion, property transfers (XPath or JsonPath), delays, conditional
 * gotos (bounded), SOAP request steps and REST request steps (the admin API: method, endpoint and
 * resource path from the project's REST service, a JSON body), and every assertion of every request
 * step, each request sent over real HTTP. SoapUI itself is not used; the project file is read with
 * the JDK's DOM and XPath, JSON with Jackson. Anything in the file this runner does not understand
 * fails the test rather than being skipped.
 */
class SoapUiProjectTest {

    static final Path PROJECT_FILE = Path.of("src/interop/soapui/ips-job-service-soapui-project.xml");
    static final String CON = "http://eviware.com/soapui/config";
    static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
    static final String SOAP11_BINDING = "http://schemas.xmlsoap.org/wsdl/soap/";
    static final String SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope";
    static final String XSD = "http://www.w3.org/2001/XMLSchema";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final ObjectMapper JSON = new ObjectMapper();
    /** At most this many conditional-goto jumps per test case, whatever the project says. */
    static final int MAX_JUMPS = 300;
    static final Pattern EXPANSION = Pattern.compile("\\$\\{([^{}]*)\\}");
    static final Pattern DECLARE = Pattern.compile("\\s*declare\\s+namespace\\s+([\\w.-]+)\\s*=\\s*['\"]([^'\"]*)['\"]\\s*;");

    static TestServer server;
    static final AtomicInteger JUMPS = new AtomicInteger();
    static Document project;
    static Wsdl wsdl;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        // 100 ms per work item: a job takes longer than one poll delay, so the goto loops really loop
        server = TestServer.start(Duration.ofMillis(100), Duration.ofMinutes(10));
        project = parse(Files.readString(PROJECT_FILE));
        wsdl = new Wsdl(parse(get(server.server.wsdl())));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The project's interface is the served WSDL's SOAP 1.1 binding, operation for operation. */
    @Test
    void interfaceMatchesTheServedWsdl() throws Exception {
        List<Element> interfaces = interfaces("WsdlInterface");
        assertEquals(1, interfaces.size(), "the project has one WSDL interface");
        Element iface = interfaces.get(0);
        Element binding = wsdl.binding(QName.valueOf(iface.getAttribute("bindingName")));
        assertEquals("1_1", iface.getAttribute("soapVersion"), "interface SOAP version");
        assertEquals(1, childrenNs(binding, SOAP11_BINDING, "binding").size(), "binding is SOAP 1.1");

        Map<String, String> actions = new LinkedHashMap<>();
        for (Element op : childrenNs(binding, WSDL_NS, "operation")) {
            actions.put(op.getAttribute("name"), childrenNs(op, SOAP11_BINDING, "operation").get(0).getAttribute("soapAction"));
        }
        Map<String, String> declared = new LinkedHashMap<>();
        for (Element op : children(iface, "operation")) {
            declared.put(op.getAttribute("name"), op.getAttribute("action"));
            assertEquals(op.getAttribute("name"), op.getAttribute("bindingOperationName"), "bindingOperationName");
        }
        assertEquals(new TreeMap<>(actions), new TreeMap<>(declared),
                "interface operations and SOAPActions");

        for (Element step : allTestSteps()) {
            if (!"request".equals(step.getAttribute("type"))) {
                continue;
            }
            Element config = child(step, "config");
            String operation = text(child(config, "operation"));
            assertEquals(iface.getAttribute("name"), text(child(config, "interface")), "interface of step " + step.getAttribute("name"));
            assertTrue(actions.containsKey(operation), "step " + step.getAttribute("name") + " uses unknown operation " + operation);
            Element body = soapBody(parse(text(child(child(config, "request"), "request"))));
            assertEquals(wsdl.message(binding, operation, "input"), qname(firstChildElement(body)),
                    "body element of step " + step.getAttribute("name"));
        }
    }

    /** Every method of the project's REST service is an operation of the admin API's OpenAPI document. */
    @Test
    void restServiceMatchesTheAdminApi() throws Exception {
        List<Element> services = interfaces("RestService");
        assertEquals(1, services.size(), "the project has one REST service (the admin API)");
        JsonNode paths = JSON.readTree(get(URI.create(serverRoot() + "/__admin/openapi.json"))).path("paths");
        int methods = 0;
        for (Map.Entry<String, Element> resource : resources(services.get(0)).entrySet()) {
            for (Element method : children(resource.getValue(), "method")) {
                methods++;
                assertTrue(paths.path(resource.getKey()).has(method.getAttribute("method").toLowerCase(Locale.ROOT)),
                        method.getAttribute("method") + " " + resource.getKey() + " is not in the admin API's OpenAPI document");
            }
        }
        assertTrue(methods > 0, "the REST service declares resources with methods");
        for (Element step : allTestSteps()) {
            if ("restrequest".equals(step.getAttribute("type"))) {
                Element config = child(step, "config");
                assertEquals(services.get(0).getAttribute("name"), config.getAttribute("service"), "service of step " + step.getAttribute("name"));
                restMethod(services.get(0), config.getAttribute("resourcePath"), config.getAttribute("methodName"));
            }
        }
    }

    /** One JUnit test per SoapUI test case, run in the project's order. */
    @TestFactory
    Stream<DynamicTest> testSuite() {
        Map<String, String> projectProps = properties(project.getDocumentElement());
        // the in-process server and one of its accounts replace the defaults meant for users
        projectProps.put("endpoint", server.server.endpoint().toString());
        projectProps.put("wsdl", server.server.wsdl().toString());
        projectProps.put("user", TestServer.ADMIN);
        projectProps.put("password", TestServer.ADMIN_PASSWORD);
        projectProps.put("company", "47");
        projectProps.put("adminEndpoint", serverRoot());
        List<DynamicTest> tests = new ArrayList<>();
        for (Element suite : children(project.getDocumentElement(), "testSuite")) {
            Map<String, String> suiteProps = properties(suite);
            for (Element testCase : children(suite, "testCase")) {
                if (!"true".equals(testCase.getAttribute("disabled"))) {
                    String name = suite.getAttribute("name") + " / " + testCase.getAttribute("name");
                    tests.add(DynamicTest.dynamicTest(name, () -> new CaseRun(projectProps, suiteProps, testCase).run()));
                }
            }
        }
        assertTrue(tests.size() >= 1, "the project has test cases");
        tests.add(DynamicTest.dynamicTest("the polling loops went round at least once",
                () -> assertTrue(JUMPS.get() > 0, "no conditional goto ever jumped: the polling was not exercised")));
        return tests.stream();
    }

    /** One run of a SoapUI test case. */
    static final class CaseRun {
        final Map<String, String> projectProps;
        final Map<String, String> suiteProps;
        final Map<String, String> caseProps;
        final String caseName;
        final long timeoutMillis;
        final List<Element> steps = new ArrayList<>();
        final Map<String, Exchange> exchanges = new HashMap<>();

        CaseRun(Map<String, String> projectProps, Map<String, String> suiteProps, Element testCase) {
            this.projectProps = projectProps;
            this.suiteProps = suiteProps;
            this.caseProps = properties(testCase);
            this.caseName = testCase.getAttribute("name");
            String timeout = testCase.getAttribute("timeout");
            this.timeoutMillis = timeout.isEmpty() || "0".equals(timeout) ? 300_000 : Long.parseLong(timeout);
            for (Element step : children(testCase, "testStep")) {
                if (!"true".equals(step.getAttribute("disabled"))) {
                    steps.add(step);
                }
            }
        }

        void run() throws Exception {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            int jumps = 0;
            int i = 0;
            while (i < steps.size()) {
                Element step = steps.get(i);
                String name = step.getAttribute("name");
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError(where(name) + ": test case timeout of " + timeoutMillis + " ms reached");
                }
                Element config = child(step, "config");
                switch (step.getAttribute("type")) {
                    case "request" -> request(name, config);
                    case "restrequest" -> restRequest(name, config);
                    case "transfer" -> transfer(name, config);
                    case "delay" -> Thread.sleep(delay(name, config));
                    case "goto" -> {
                        Integer target = gotoTarget(i, name, config);
                        if (target != null) {
                            if (++jumps > MAX_JUMPS) {
                                throw new AssertionError(where(name) + ": more than " + MAX_JUMPS
                                        + " jumps; the loop does not end (last response: " + previousResponse(i, name) + ")");
                            }
                            JUMPS.incrementAndGet();
                            System.out.println("[" + caseName + "] " + name + " -> back to " + steps.get(target).getAttribute("name"));
                            i = target;
                            continue;
                        }
                    }
                    default -> throw new AssertionError(where(name) + ": step type '" + step.getAttribute("type")
                            + "' is not supported by this runner");
                }
                i++;
            }
        }

        String where(String step) {
            return "SoapUI test case \"" + caseName + "\", step \"" + step + "\"";
        }

        // ---- request steps ----

        void request(String name, Element config) throws Exception {
            String operation = text(child(config, "operation"));
            Element iface = interfaceNamed(text(child(config, "interface")));
            Element op = children(iface, "operation").stream().filter(o -> operation.equals(o.getAttribute("name")))
                    .findFirst().orElseThrow(() -> new AssertionError(where(name) + ": no operation " + operation));
            Element req = child(config, "request");
            String endpoint = expand(name, text(child(req, "endpoint")));
            String body = expand(name, text(child(req, "request")));
            HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if ("1_2".equals(iface.getAttribute("soapVersion"))) {
                http.header("Content-Type", "application/soap+xml;charset=UTF-8;action=\"" + op.getAttribute("action") + "\"");
            } else {
                http.header("Content-Type", "text/xml;charset=UTF-8").header("SOAPAction", "\"" + op.getAttribute("action") + "\"");
            }
            HttpResponse<String> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Exchange exchange = new Exchange(operation, body, response.statusCode(), response.body());
            exchanges.put(name, exchange);
            System.out.println("[" + caseName + "] " + name + " -> HTTP " + response.statusCode());
            assertAll(name, req, exchange, iface);
        }

        /**
         * A REST request step as SoapUI runs it: the method comes from the project's REST service
         * (found by the step's service, resourcePath and methodName), the URL is the request's endpoint
         * followed by the resource's full path, the body is the request text with properties expanded.
         */
        void restRequest(String name, Element config) throws Exception {
            String resourcePath = config.getAttribute("resourcePath");
            Element service = interfaces("RestService").stream()
                    .filter(i -> i.getAttribute("name").equals(config.getAttribute("service"))).findFirst()
                    .orElseThrow(() -> new AssertionError(where(name) + ": no REST service " + config.getAttribute("service")));
            String method = restMethod(service, resourcePath, config.getAttribute("methodName")).getAttribute("method");
            Element req = child(config, "restRequest");
            Element parameters = child(req, "parameters");
            if (parameters != null && !elements(parameters).isEmpty()) {
                throw new AssertionError(where(name) + ": request parameters are not supported by this runner");
            }
            Element settings = child(req, "settings");
            for (Element setting : settings == null ? List.<Element>of() : children(settings, "setting")) {
                // SoapUI keeps extra request headers in this setting; an empty fragment means none
                if (setting.getAttribute("id").endsWith("@request-headers") && !text(setting).trim().equals("<xml-fragment/>")) {
                    throw new AssertionError(where(name) + ": extra request headers are not supported by this runner");
                }
            }
            if (req.getAttribute("mediaType").isEmpty()) {
                throw new AssertionError(where(name) + ": the request has no mediaType");
            }
            String endpoint = expand(name, text(child(req, "endpoint"))).replaceAll("/+$", "");
            String body = expand(name, text(child(req, "request")));
            HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(endpoint + resourcePath)).timeout(Duration.ofSeconds(30));
            switch (method) {
                case "GET", "DELETE" -> http.method(method, HttpRequest.BodyPublishers.noBody());
                case "POST", "PUT", "PATCH" -> http.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .header("Content-Type", req.getAttribute("mediaType") + ";charset=UTF-8");
                default -> throw new AssertionError(where(name) + ": HTTP method " + method + " is not supported by this runner");
            }
            HttpResponse<String> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Exchange exchange = new Exchange(method + " " + resourcePath, body, response.statusCode(), response.body());
            exchanges.put(name, exchange);
            System.out.println("[" + caseName + "] " + name + ": " + method + " " + resourcePath + " -> HTTP " + response.statusCode());
            assertAll(name, req, exchange, null);
        }

        /** Runs every enabled assertion of a request; the step fails with all that did not hold. */
        void assertAll(String name, Element req, Exchange exchange, Element iface) {
            List<String> failures = new ArrayList<>();
            int count = 0;
            for (Element assertion : children(req, "assertion")) {
                if ("true".equals(assertion.getAttribute("disabled"))) {
                    continue;
                }
                count++;
                String problem;
                try {
                    problem = check(name, assertion, exchange, iface);
                } catch (Exception | AssertionError e) {
                    // a path that selects nothing is a failed assertion of this step, not an abort
                    problem = e instanceof AssertionError && e.getMessage() != null ? e.getMessage() : e.toString();
                }
                if (problem != null) {
                    failures.add("assertion \"" + assertion.getAttribute("name") + "\" [" + assertion.getAttribute("type")
                            + "] failed: " + problem);
                }
            }
            if (count == 0) {
                failures.add("the step has no assertions");
            }
            if (!failures.isEmpty()) {
                throw new AssertionError(where(name) + " (" + exchange.operation + "): " + String.join("; ", failures)
                        + "\n--- request\n" + exchange.request + "\n--- response (HTTP " + exchange.status + ")\n"
                        + abbreviate(exchange.response));
            }
        }

        /** Null when the assertion holds, else what went wrong; iface is null for a REST request. */
        String check(String step, Element assertion, Exchange exchange, Element iface) throws Exception {
            Element conf = child(assertion, "configuration");
            String type = assertion.getAttribute("type");
            if (iface == null && Set.of("SOAP Response", "SOAP Fault Assertion", "Not SOAP Fault Assertion", "Schema Compliance")
                    .contains(type)) {
                return "a SOAP assertion on a REST request";
            }
            switch (type) {
                case "SOAP Response" -> {
                    Document doc = tryParse(exchange.response);
                    if (doc == null) {
                        return "the response is not XML";
                    }
                    Element env = doc.getDocumentElement();
                    boolean envelope = "Envelope".equals(env.getLocalName())
                            && (SOAP11_ENV.equals(env.getNamespaceURI()) || SOAP12_ENV.equals(env.getNamespaceURI()));
                    return envelope && soapBody(doc) != null ? null : "the response is not a SOAP envelope with a Body";
                }
                case "SOAP Fault Assertion" -> { // SoapUI's id of "Not SOAP Fault" (the ids are crossed)
                    return fault(exchange) == null ? null : "the response is a SOAP Fault: " + faultString(exchange);
                }
                case "Not SOAP Fault Assertion" -> { // SoapUI's id of "SOAP Fault"
                    return fault(exchange) != null ? null : "the response is not a SOAP Fault";
                }
                case "Schema Compliance" -> {
                    String definition = conf == null ? "" : text(child(conf, "definition"));
                    if (!definition.isEmpty()) {
                        return "a definition other than the interface's is not supported";
                    }
                    return wsdl.validate(wsdl.binding(QName.valueOf(iface.getAttribute("bindingName"))),
                            exchange.operation, parse(exchange.response));
                }
                case "XPath Match" -> {
                    return xpathMatch(step, conf, exchange);
                }
                case "Simple Contains", "Simple NotContains" -> {
                    String token = expand(step, text(child(conf, "token")));
                    boolean ignoreCase = "true".equals(text(child(conf, "ignoreCase")));
                    boolean regex = "true".equals(text(child(conf, "useRegEx")));
                    String content = exchange.response.replace("\r\n", "\n");
                    boolean found = token.isEmpty() || (regex ? content.matches(token)
                            : ignoreCase ? content.toUpperCase().contains(token.toUpperCase()) : content.contains(token));
                    boolean wanted = "Simple Contains".equals(assertion.getAttribute("type"));
                    return found == wanted ? null : (wanted ? "missing token [" : "response contains token [") + token + "]";
                }
                case "Valid HTTP Status Codes" -> {
                    Set<String> codes = Set.of(expand(step, text(child(conf, "codes"))).trim().split("\\s*,\\s*"));
                    return codes.contains(Integer.toString(exchange.status)) ? null : "HTTP status " + exchange.status + " not in " + codes;
                }
                case "JsonPath Match" -> {
                    String path = expand(step, text(child(conf, "path")));
                    String expected = expand(step, text(child(conf, "content")));
                    String actual = JsonPathSubset.read(path, JSON.readTree(exchange.response)).text();
                    boolean wildcards = "true".equals(text(child(conf, "allowWildcards")));
                    return (wildcards ? similar(expected, actual) : expected.equals(actual)) ? null
                            : "expected [" + expected + "] for path [" + path + "] but was [" + actual + "]";
                }
                case "JsonPath Count" -> {
                    String path = expand(step, text(child(conf, "path")));
                    String expected = expand(step, text(child(conf, "content")));
                    String actual = Integer.toString(JsonPathSubset.read(path, JSON.readTree(exchange.response)).count());
                    return expected.equals(actual) ? null : "expected count " + expected + " for path [" + path + "] but was " + actual;
                }
                case "JsonPath Existence Match" -> {
                    String path = expand(step, text(child(conf, "path")));
                    String expected = expand(step, text(child(conf, "content")));
                    String actual = Boolean.toString(JsonPathSubset.exists(path, JSON.readTree(exchange.response)));
                    return expected.equals(actual) ? null : "expected existence " + expected + " for path [" + path + "] but was " + actual;
                }
                default -> {
                    return "assertion type not supported by this runner";
                }
            }
        }

        /** SoapUI's XPath Match: any selected item equal to the expected content passes. */
        String xpathMatch(String step, Element conf, Exchange exchange) throws Exception {
            String path = expand(step, text(child(conf, "path")));
            String expected = expand(step, text(child(conf, "content")));
            boolean wildcards = "true".equals(text(child(conf, "allowWildcards")));
            List<String> actual = evaluate(path, parse(exchange.response));
            if (actual.isEmpty()) {
                return "missing content for xpath [" + path + "]";
            }
            for (String value : actual) {
                if (wildcards ? similar(expected, value) : expected.equals(value)) {
                    return null;
                }
            }
            return "expected [" + expected + "] for path [" + path + "] but was " + actual;
        }

        // ---- property transfers, delays, gotos ----

        void transfer(String name, Element config) throws Exception {
            for (Element t : children(config, "transfers")) {
                if ("true".equals(t.getAttribute("disabled"))) {
                    continue;
                }
                String label = "transfer \"" + text(child(t, "name")) + "\"";
                String type = text(child(t, "type"));
                if (!type.isEmpty() && !"XPATH".equals(type) && !"JSONPATH".equals(type) || !text(child(t, "targetPath")).isEmpty()) {
                    throw new AssertionError(where(name) + ": " + label + " uses a transfer type or target path not supported here");
                }
                String value = propertyOf(name, text(child(t, "sourceStep")), text(child(t, "sourceType")));
                String path = expand(name, text(child(t, "sourcePath")));
                if (!path.isEmpty()) {
                    List<String> selected = "JSONPATH".equals(type) ? JsonPathSubset.selected(path, JSON.readTree(value))
                            : evaluate(path, parse(value));
                    if (selected.isEmpty()) {
                        if ("true".equals(t.getAttribute("failOnError"))) {
                            throw new AssertionError(where(name) + ": " + label + " selected nothing with [" + path + "] in\n"
                                    + abbreviate(value));
                        }
                        value = "true".equals(t.getAttribute("setNullOnMissingSource")) ? "" : null;
                    } else {
                        value = selected.get(0);
                    }
                }
                if (value != null) {
                    holder(name, text(child(t, "targetStep"))).put(text(child(t, "targetType")), value);
                }
            }
        }

        long delay(String name, Element config) {
            String value = expand(name, text(child(config, "delay")));
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new AssertionError(where(name) + ": delay '" + value + "' is not a number of milliseconds");
            }
        }

        /** The index to jump to, or null to go on; conditions apply to the previous request's response. */
        Integer gotoTarget(int index, String name, Element config) throws Exception {
            Document response = parse(previousResponse(index, name));
            for (Element condition : children(config, "condition")) {
                if (!"XPATH".equals(text(child(condition, "type")))) {
                    throw new AssertionError(where(name) + ": condition type " + text(child(condition, "type")) + " not supported");
                }
                String expression = expand(name, text(child(condition, "expression")));
                XPathEvaluationResult<?> result = xpath(expression).evaluateExpression(stripDeclarations(expression), response);
                if (result.type() != XPathEvaluationResult.XPathResultType.BOOLEAN) {
                    throw new AssertionError(where(name) + ": condition \"" + text(child(condition, "name"))
                            + "\" must give a boolean, gave " + result.type());
                }
                if ((Boolean) result.value()) {
                    String target = text(child(condition, "targetStep")).trim();
                    for (int i = 0; i < steps.size(); i++) {
                        if (target.equals(steps.get(i).getAttribute("name"))) {
                            return i;
                        }
                    }
                    throw new AssertionError(where(name) + ": target step \"" + target + "\" does not exist");
                }
            }
            return null;
        }

        String previousResponse(int index, String name) {
            for (int i = index - 1; i >= 0; i--) {
                if (Set.of("request", "restrequest").contains(steps.get(i).getAttribute("type"))) {
                    Exchange exchange = exchanges.get(steps.get(i).getAttribute("name"));
                    if (exchange == null) {
                        throw new AssertionError(where(name) + ": the previous request has not run yet");
                    }
                    return exchange.response;
                }
            }
            throw new AssertionError(where(name) + ": no request step before it");
        }

        // ---- properties ----

        /** Expands ${#Project#p}, ${#TestSuite#p}, ${#TestCase#p} and ${Step#Request|Response}, repeatedly. */
        String expand(String step, String text) {
            for (int depth = 0; depth < 10 && text.contains("${"); depth++) {
                Matcher m = EXPANSION.matcher(text);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    String ref = m.group(1);
                    String value;
                    if (ref.startsWith("#")) {
                        int hash = ref.indexOf('#', 1);
                        if (hash < 0) {
                            throw new AssertionError(where(step) + ": cannot expand ${" + ref + "}");
                        }
                        value = holder(step, ref.substring(0, hash + 1)).get(ref.substring(hash + 1));
                    } else if (ref.contains("#")) {
                        String[] parts = ref.split("#", 2);
                        value = propertyOf(step, parts[0], parts[1]);
                    } else {
                        value = null;
                    }
                    if (value == null) {
                        throw new AssertionError(where(step) + ": property ${" + ref + "} is not defined");
                    }
                    m.appendReplacement(out, Matcher.quoteReplacement(value));
                }
                m.appendTail(out);
                text = out.toString();
            }
            return text;
        }

        Map<String, String> holder(String step, String ref) {
            return switch (ref) {
                case "#Project#" -> projectProps;
                case "#TestSuite#" -> suiteProps;
                case "#TestCase#" -> caseProps;
                default -> throw new AssertionError(where(step) + ": property holder " + ref + " is not supported");
            };
        }

        String propertyOf(String step, String source, String property) {
            if (source.startsWith("#")) {
                String value = holder(step, source).get(property);
                if (value == null) {
                    throw new AssertionError(where(step) + ": property " + source + property + " is not defined");
                }
                return value;
            }
            Exchange exchange = exchanges.get(source);
            if (exchange == null) {
                throw new AssertionError(where(step) + ": step \"" + source + "\" has no exchange yet (not run, or not a request)");
            }
            return switch (property) {
                case "Response" -> exchange.response;
                case "Request" -> exchange.request;
                default -> throw new AssertionError(where(step) + ": property " + property + " of step " + source + " not supported");
            };
        }

        Element interfaceNamed(String name) {
            return interfaces("WsdlInterface").stream()
                    .filter(i -> name.equals(i.getAttribute("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no interface " + name));
        }
    }

    record Exchange(String operation, String request, int status, String response) {
    }

    // ---- the project's REST service ----

    /** The project's interfaces of one kind: xsi:type con:WsdlInterface or con:RestService. */
    static List<Element> interfaces(String kind) {
        return children(project.getDocumentElement(), "interface").stream()
                .filter(i -> ("con:" + kind).equals(i.getAttributeNS(XSI, "type"))).toList();
    }

    /** The service's resources by full path, as SoapUI forms it: base path, then each resource's path. */
    static Map<String, Element> resources(Element service) {
        Map<String, Element> byPath = new LinkedHashMap<>();
        addResources(service, service.getAttribute("basePath"), byPath);
        return byPath;
    }

    private static void addResources(Element parent, String base, Map<String, Element> byPath) {
        for (Element resource : children(parent, "resource")) {
            String path = resource.getAttribute("path");
            String full = base.endsWith("/") || path.startsWith("/") || base.isEmpty() ? base + path : base + "/" + path;
            byPath.put(full, resource);
            addResources(resource, full, byPath);
        }
    }

    static Element restMethod(Element service, String resourcePath, String methodName) {
        Element resource = resources(service).get(resourcePath);
        if (resource == null) {
            throw new AssertionError("REST service " + service.getAttribute("name") + " has no resource " + resourcePath);
        }
        return children(resource, "method").stream().filter(m -> methodName.equals(m.getAttribute("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("resource " + resourcePath + " has no method " + methodName));
    }

    /** Where the in-process server answers: scheme, host and port, no path. */
    static String serverRoot() {
        return server.server.endpoint().resolve("/").toString().replaceAll("/+$", "");
    }

    /**
     * The part of JsonPath the project's assertions and transfers use: $, .name, ['name'], [index] and
     * [*]. A path with [*] selects a list (SoapUI shows it as [a, b]); without one it selects one value
     * or fails when the value is missing, as SoapUI's JsonPath does. Anything else is refused.
     */
    static final class JsonPathSubset {
        private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_$][\\w$-]*)|\\['([^']*)'\\]|\\[(\\d+)\\]|(\\[\\*\\])");

        record Result(List<JsonNode> nodes, boolean list) {
            String text() {
                return list ? nodes.stream().map(JsonPathSubset::show).toList().toString() : show(nodes.get(0));
            }

            /** SoapUI's count: the items of a list or an array, else one. */
            int count() {
                return list ? nodes.size() : nodes.get(0).isArray() ? nodes.get(0).size() : 1;
            }
        }

        static Result read(String path, JsonNode root) {
            List<JsonNode> current = List.of(root);
            boolean list = false;
            String rest = path.trim();
            if (!rest.startsWith("$")) {
                throw new AssertionError("JsonPath [" + path + "] does not start with $");
            }
            rest = rest.substring(1);
            while (!rest.isEmpty()) {
                Matcher m = STEP.matcher(rest);
                if (!m.lookingAt()) {
                    throw new AssertionError("JsonPath [" + path + "]: '" + rest + "' is beyond what this runner reads");
                }
                List<JsonNode> next = new ArrayList<>();
                for (JsonNode node : current) {
                    if (m.group(4) != null) {
                        node.elements().forEachRemaining(next::add);
                    } else {
                        JsonNode child = m.group(3) != null ? node.get(Integer.parseInt(m.group(3)))
                                : node.get(m.group(1) != null ? m.group(1) : m.group(2));
                        if (child != null) {
                            next.add(child);
                        } else if (!list) {
                            throw new MissingValue("JsonPath [" + path + "]: no " + m.group() + " in " + show(node));
                        }
                    }
                }
                list |= m.group(4) != null;
                current = next;
                rest = rest.substring(m.end());
            }
            return new Result(current, list);
        }

        static boolean exists(String path, JsonNode root) {
            try {
                return !read(path, root).nodes().isEmpty();
            } catch (MissingValue e) {
                return false;
            }
        }

        /** A path that is fine but selects nothing in this document. */
        static final class MissingValue extends AssertionError {
            MissingValue(String message) {
                super(message);
            }
        }

        /** The values a property transfer takes: the one value, or each item of a list. */
        static List<String> selected(String path, JsonNode root) {
            try {
                return read(path, root).nodes().stream().map(JsonPathSubset::show).toList();
            } catch (MissingValue e) {
                return List.of(); // the transfer's failOnError decides
            }
        }

        static String show(JsonNode node) {
            return node.isValueNode() ? node.asText() : node.toString();
        }
    }

    // ---- XPath as SoapUI writes it: "declare namespace p='uri';" then an expression ----

    static XPath xpath(String withDeclarations) {
        Map<String, String> prefixes = new HashMap<>();
        Matcher m = DECLARE.matcher(withDeclarations);
        int end = 0;
        while (m.find() && m.start() == end) {
            prefixes.put(m.group(1), m.group(2));
            end = m.end();
        }
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return prefixes.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public Iterator<String> getPrefixes(String uri) {
                return List.<String>of().iterator();
            }
        });
        return xpath;
    }

    static String stripDeclarations(String expression) {
        Matcher m = DECLARE.matcher(expression);
        int end = 0;
        while (m.find() && m.start() == end) {
            end = m.end();
        }
        return expression.substring(end).trim();
    }

    /** The selected items as strings: an element's own text, an attribute's or text node's value, or an atomic result. */
    static List<String> evaluate(String expression, Document doc) throws XPathExpressionException {
        XPathEvaluationResult<?> result = xpath(expression).evaluateExpression(stripDeclarations(expression), doc);
        List<String> values = new ArrayList<>();
        switch (result.type()) {
            case NODESET -> ((XPathNodes) result.value()).forEach(n -> values.add(nodeValue(n)));
            case NODE -> values.add(nodeValue((Node) result.value()));
            case BOOLEAN -> values.add(result.value().toString());
            case NUMBER -> {
                double d = ((Number) result.value()).doubleValue();
                values.add(d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d));
            }
            default -> values.add(String.valueOf(result.value()));
        }
        return values;
    }

    static String nodeValue(Node node) {
        if (node.getNodeType() != Node.ELEMENT_NODE) {
            return node.getNodeValue();
        }
        StringBuilder text = new StringBuilder();
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(c.getNodeValue());
            }
        }
        return text.toString().trim();
    }

    /** SoapUI's wildcard comparison: '*' in the expected value stands for any run of characters. */
    static boolean similar(String expected, String actual) {
        StringBuilder regex = new StringBuilder();
        for (String part : expected.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches();
    }

    // ---- the served WSDL: bindings, messages, and its schema for Schema Compliance ----

    static final class Wsdl {
        final Document doc;
        final Schema schema;

        Wsdl(Document doc) throws Exception {
            this.doc = doc;
            List<DOMSource> sources = new ArrayList<>();
            Element types = childrenNs(doc.getDocumentElement(), WSDL_NS, "types").get(0);
            for (Element xs : childrenNs(types, XSD, "schema")) {
                sources.add(new DOMSource(standalone(xs)));
            }
            this.schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(sources.toArray(DOMSource[]::new));
        }

        Element binding(QName name) {
            return named(childrenNs(doc.getDocumentElement(), WSDL_NS, "binding"), name, "binding");
        }

        /** The element of the operation's input or output message, by way of the binding's port type. */
        QName message(Element binding, String operation, String direction) {
            Element op = operation(binding, operation);
            Element io = childrenNs(op, WSDL_NS, direction).get(0);
            return partElement(resolve(io, io.getAttribute("message")));
        }

        Set<QName> faults(Element binding, String operation) {
            Set<QName> faults = new LinkedHashSet<>();
            for (Element f : childrenNs(operation(binding, operation), WSDL_NS, "fault")) {
                faults.add(partElement(resolve(f, f.getAttribute("message"))));
            }
            return faults;
        }

        Element operation(Element binding, String operation) {
            Element portType = named(childrenNs(doc.getDocumentElement(), WSDL_NS, "portType"),
                    resolve(binding, binding.getAttribute("type")), "portType");
            return childrenNs(portType, WSDL_NS, "operation").stream()
                    .filter(o -> operation.equals(o.getAttribute("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no operation " + operation + " in the WSDL"));
        }

        QName partElement(QName message) {
            Element msg = named(childrenNs(doc.getDocumentElement(), WSDL_NS, "message"), message, "message");
            Element part = childrenNs(msg, WSDL_NS, "part").get(0);
            return resolve(part, part.getAttribute("element"));
        }

        Element named(List<Element> candidates, QName name, String what) {
            String tns = doc.getDocumentElement().getAttribute("targetNamespace");
            return candidates.stream().filter(e -> new QName(tns, e.getAttribute("name")).equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + what + " " + name + " in the served WSDL"));
        }

        /** SoapUI's Schema Compliance: the body holds the operation's answer, or a declared fault, valid to the schema. */
        String validate(Element binding, String operation, Document response) {
            Element body = soapBody(response);
            if (body == null) {
                return "no SOAP Body";
            }
            Element payload = firstChildElement(body);
            List<Element> toValidate = new ArrayList<>();
            if (payload != null && "Fault".equals(payload.getLocalName())) {
                Set<QName> declared = faults(binding, operation);
                Element detail = child(payload, "detail");
                for (Element entry : detail == null ? List.<Element>of() : elements(detail)) {
                    if (!declared.contains(qname(entry))) {
                        return "fault detail " + qname(entry) + " is not a declared fault of " + operation;
                    }
                    toValidate.add(entry);
                }
            } else {
                QName expected = message(binding, operation, "output");
                if (payload == null || !expected.equals(qname(payload))) {
                    return "body element " + (payload == null ? "missing" : qname(payload)) + ", expected " + expected;
                }
                toValidate.add(payload);
            }
            for (Element e : toValidate) {
                try {
                    schema.newValidator().validate(new DOMSource(e));
                } catch (Exception ex) {
                    return "not valid to the WSDL schema: " + ex.getMessage();
                }
            }
            return null;
        }

        /** A copy of an inline schema as its own document, with the namespace declarations it inherits. */
        static Document standalone(Element schema) throws Exception {
            Document copy = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            copy.setXmlStandalone(true);
            Element root = (Element) copy.importNode(schema, true);
            copy.appendChild(root);
            for (Node n = schema.getParentNode(); n instanceof Element e; n = n.getParentNode()) {
                NamedNodeMap attrs = e.getAttributes();
                for (int i = 0; i < attrs.getLength(); i++) {
                    Attr a = (Attr) attrs.item(i);
                    if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI()) && !root.hasAttributeNS(a.getNamespaceURI(), a.getLocalName())) {
                        root.setAttributeNS(a.getNamespaceURI(), a.getName(), a.getValue());
                    }
                }
            }
            return copy;
        }

        static QName resolve(Element context, String prefixed) {
            int colon = prefixed.indexOf(':');
            String prefix = colon < 0 ? null : prefixed.substring(0, colon);
            return new QName(context.lookupNamespaceURI(prefix), prefixed.substring(colon + 1));
        }
    }

    // ---- small DOM helpers ----

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    static Document tryParse(String xml) {
        try {
            return parse(xml);
        } catch (Exception e) {
            return null;
        }
    }

    static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "GET " + uri);
        return r.body();
    }

    static Element soapBody(Document doc) {
        Element env = doc.getDocumentElement();
        for (Element e : elements(env)) {
            if ("Body".equals(e.getLocalName()) && env.getNamespaceURI().equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    static Element fault(Exchange exchange) throws Exception {
        Element body = soapBody(parse(exchange.response));
        Element first = body == null ? null : firstChildElement(body);
        return first != null && "Fault".equals(first.getLocalName()) ? first : null;
    }

    static String faultString(Exchange exchange) throws Exception {
        StringWriter out = new StringWriter();
        var t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        t.transform(new DOMSource(fault(exchange)), new StreamResult(out));
        return out.toString();
    }

    static List<Element> allTestSteps() {
        List<Element> steps = new ArrayList<>();
        NodeList all = project.getElementsByTagNameNS(CON, "testStep");
        for (int i = 0; i < all.getLength(); i++) {
            steps.add((Element) all.item(i));
        }
        return steps;
    }

    static Map<String, String> properties(Element owner) {
        Map<String, String> props = new HashMap<>();
        Element holder = child(owner, "properties");
        if (holder != null) {
            for (Element p : children(holder, "property")) {
                props.put(text(child(p, "name")), text(child(p, "value")));
            }
        }
        return props;
    }

    static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    static Element firstChildElement(Element parent) {
        List<Element> all = elements(parent);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Children in SoapUI's namespace; unqualified children (assertion configurations) by local name. */
    static List<Element> children(Element parent, String name) {
        return elements(parent).stream().filter(e -> name.equals(e.getLocalName())
                && (CON.equals(e.getNamespaceURI()) || e.getNamespaceURI() == null)).toList();
    }

    static List<Element> childrenNs(Element parent, String ns, String name) {
        return elements(parent).stream().filter(e -> name.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())).toList();
    }

    static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    static String text(Element e) {
        return e == null ? "" : e.getTextContent();
    }

    static QName qname(Element e) {
        return e == null ? null : new QName(e.getNamespaceURI(), e.getLocalName());
    }

    static String abbreviate(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 4000) + "...";
    }
}
