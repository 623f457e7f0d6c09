package org.ipsjobs.soap;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.xml.stream.XMLStreamException;

import org.apache.cxf.binding.soap.SoapFault;
import org.ipsjobs.auth.AuthenticationException;
import org.ipsjobs.auth.AuthorizationException;
import org.ipsjobs.jobs.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which IPS fault an exception becomes. Domain exceptions map by their reason; errors CXF
 * raised while reading the request (XML that is not well-formed, an unknown operation, a schema
 * violation) are recognised and given a reason that names the element at fault; anything else is an
 * internal error, logged here with a reference the client also sees, and never described to it.
 */
final class FaultMapper {

    private static final Logger LOG = LoggerFactory.getLogger(FaultMapper.class);

    private static final Pattern CVC = Pattern.compile("(cvc-[a-zA-Z0-9.-]+): (.*)", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final Pattern UNEXPECTED_ELEMENT = Pattern.compile("Unexpected element \\{([^}]*)\\}(\\S+?) found");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\{([^}]*)\\}([A-Za-z0-9_.-]+)");
    private static final Pattern BAD_VALUE = Pattern.compile("IllegalArgumentException: (.*)");

    private final SchemaIndex schema;

    FaultMapper(SchemaIndex schema) {
        this.schema = schema;
    }

    IpsFault map(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException e) {
                return new IpsFault(IpsFault.Kind.AUTHENTICATION, switch (e.reason()) {
                    case NO_CREDENTIALS -> IpsFault.NO_CREDENTIALS;
                    case INVALID_CREDENTIALS -> IpsFault.INVALID_CREDENTIALS;
                    case INVALID_USER -> IpsFault.INVALID_USER;
                }, e.getMessage(), true);
            }
            if (t instanceof AuthorizationException e) {
                return new IpsFault(IpsFault.Kind.AUTHORIZATION, switch (e.reason()) {
                    case INVALID_COMPANY -> IpsFault.INVALID_COMPANY;
                    case INVALID_REQUEST_USER -> IpsFault.INVALID_REQUEST_USER;
                    case NO_OPERATION_PERMISSION -> IpsFault.NO_OPERATION_PERMISSION;
                    case ILLEGAL_COMPANY -> IpsFault.ILLEGAL_COMPANY;
                    case ILLEGAL_REQUEST_USER -> IpsFault.ILLEGAL_REQUEST_USER;
                }, e.getMessage(), true);
            }
            if (t instanceof RequestSizeInterceptor.TooLargeException e) {
                return IpsFault.api(IpsFault.INVALID_REQUEST_XML, e.getMessage());
            }
            if (t instanceof MalformedRequestException e) {
                return IpsFault.api(IpsFault.INVALID_REQUEST_XML, e.getMessage());
            }
            if (t instanceof InvalidRequestException e) {
                return IpsFault.api(e.kind() == InvalidRequestException.Kind.MISSING_PARAMETER
                        ? IpsFault.MISSING_PARAMETER : IpsFault.INVALID_PARAMETER, e.getMessage());
            }
        }
        LOG.debug("mapping fault", error);
        IpsFault fromRequest = requestProblem(error);
        if (fromRequest != null) {
            return fromRequest;
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("internal error, reference {}", reference, error);
        return new IpsFault(IpsFault.Kind.IPS_API, IpsFault.EXCEPTION,
                "The server could not complete the request; quote reference " + reference + " to its operators", false);
    }

    /** Recognises the faults CXF raises for a bad request; null when the error is something else. */
    private IpsFault requestProblem(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            Matcher cvc = CVC.matcher(message);
            if (cvc.find()) {
                return schemaViolation(cvc.group(1), cvc.group(2));
            }
            if (t instanceof XMLStreamException || t instanceof java.io.CharConversionException
                    || t.getClass().getName().startsWith("com.ctc.wstx.exc")) {
                return IpsFault.api(IpsFault.INVALID_REQUEST_XML, "The request is not well-formed XML: "
                        + firstLine(stripLocation(message)));
            }
            if (t instanceof SoapFault soap && "VersionMismatch".equals(soap.getFaultCode().getLocalPart())) {
                return IpsFault.api(IpsFault.INVALID_REQUEST_XML, "The request is not a SOAP 1.1 or SOAP 1.2 envelope");
            }
            Matcher unexpected = UNEXPECTED_ELEMENT.matcher(message);
            if (unexpected.find()) {
                return IpsFault.api(IpsFault.INVALID_REQUEST_XML, "The request body element " + unexpected.group(2)
                        + (unexpected.group(1).isEmpty() ? " (in no namespace)" : " in namespace " + unexpected.group(1))
                        + " is not an operation of this service");
            }
            Matcher badValue = BAD_VALUE.matcher(message);
            if (badValue.find()) {
                return IpsFault.api(IpsFault.INVALID_PARAMETER, "Invalid value: " + firstLine(badValue.group(1)));
            }
            if (message.contains("Unexpected wrapper element") || message.contains("was not recognized")
                    || message.contains("No such operation") || message.contains("Message part")) {
                Matcher part = QUALIFIED_NAME.matcher(message);
                return IpsFault.api(IpsFault.INVALID_REQUEST_XML, "The request body "
                        + (part.find() ? "element " + part.group(2) + " " : "")
                        + "is not an operation of this service");
            }
            if (t instanceof NumberFormatException || t instanceof IllegalArgumentException
                    && message.toLowerCase().contains("date")) {
                return IpsFault.api(IpsFault.INVALID_PARAMETER, "A value in the request has the wrong type: "
                        + firstLine(message));
            }
            if (message.startsWith("Unmarshalling Error") || message.contains("Couldn't parse stream")) {
                return IpsFault.api(IpsFault.INVALID_REQUEST_XML, "The request could not be read: "
                        + firstLine(stripLocation(message)));
            }
        }
        return null;
    }

    private IpsFault schemaViolation(String rule, String text) {
        String readable = firstLine(simplifyNames(text));
        String[] q = quotedAll(readable);
        switch (rule) {
            case "cvc-complex-type.2.4.b" -> {
                // "The content of element 'X' is not complete. One of '{...}' is expected."
                if (q.length > 1) {
                    String missing = schema.requiredAmong(names(q[1])).orElse(q[1]);
                    return IpsFault.api(IpsFault.MISSING_PARAMETER, q[0] + " is missing the required element " + missing);
                }
                return IpsFault.api(IpsFault.MISSING_PARAMETER, "A required element is missing: " + readable);
            }
            case "cvc-complex-type.2.4.a" -> {
                // "Invalid content was found starting with element 'X'. One of '{...}' is expected."
                if (q.length > 1) {
                    Optional<String> required = schema.requiredAmong(names(q[1]));
                    if (required.isPresent()) {
                        return IpsFault.api(IpsFault.MISSING_PARAMETER, "The required element " + required.get()
                                + " is missing (found " + q[0] + " where it should be)");
                    }
                    return IpsFault.api(IpsFault.INVALID_PARAMETER, "Unexpected element " + q[0]
                            + "; expected one of " + q[1]);
                }
                return IpsFault.api(IpsFault.INVALID_PARAMETER, readable);
            }
            case "cvc-complex-type.2.4.d" -> {
                return IpsFault.api(IpsFault.INVALID_PARAMETER, q.length > 0 ? "Unexpected element " + q[0]
                        + "; no more elements are allowed there" : readable);
            }
            default -> {
                return IpsFault.api(IpsFault.INVALID_PARAMETER, "Invalid value: " + readable);
            }
        }
    }

    /** Turns {"namespace":name} and prefix:name into plain names, since the namespace is the API's own. */
    private static String simplifyNames(String text) {
        return text.replaceAll("\\{?\"[^\"]*\":([A-Za-z0-9_]+)\\}?", "$1")
                .replaceAll("'[A-Za-z0-9_]+:([A-Za-z0-9_]+)'", "'$1'");
    }

    private static List<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    private static String[] quotedAll(String text) {
        Matcher m = QUOTED.matcher(text);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found.stream().map(s -> Arrays.stream(s.split(",")).map(String::trim)
                .collect(Collectors.joining(", "))).toArray(String[]::new);
    }

    private static String stripLocation(String message) {
        return message.replaceAll("(?s)^\\s*(Unmarshalling Error:\\s*)?", "").replaceAll("at \\[row,col[^]]*\\]:?", "")
                .replaceAll("\\[row,col[^]]*\\]:?", "").trim();
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        String line = nl < 0 ? t : t.substring(0, nl).strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
