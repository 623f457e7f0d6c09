package org.ipsjobs.soap;

import java.io.CharConversionException;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

import jakarta.xml.bind.JAXBException;

import org.apache.cxf.binding.soap.SoapFault;
import org.ipsjobs.auth.AuthenticationException;
import org.ipsjobs.auth.AuthorizationException;
import org.ipsjobs.auth.TooManyAttemptsException;
import org.ipsjobs.jobs.model.ApiText;
import org.ipsjobs.jobs.model.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

/**
 * Decides which IPS fault an exception becomes, by the exception's type and our own knowledge of the
 * request, never by the wording of another library's message:
 * <ul>
 * <li>the service's own exceptions carry their fault and reason;</li>
 * <li>SOAP faults CXF raises about the envelope keep their SOAP code (MustUnderstand,
 * VersionMismatch);</li>
 * <li>a stream that cannot be parsed ({@link XMLStreamException}) is XML that is not well-formed,
 * unless {@link RequestReader} raised it for a limit;</li>
 * <li>a request JAXB or the schema validator would not accept ({@link JAXBException},
 * {@link SAXException}) is described from where {@link RequestReader} stood and what the contract
 * ({@link SchemaIndex}) says belongs there;</li>
 * <li>anything else is our own failure: 30000, logged here with a reference the client also sees,
 * and never described to it.</li>
 * </ul>
 */
final class FaultMapper {

    private static final Logger LOG = LoggerFactory.getLogger(FaultMapper.class);

    private final SchemaIndex schema;

    FaultMapper(SchemaIndex schema) {
        this.schema = schema;
    }

    /**
     * @param error what went wrong
     * @param position where the request reader stood, or null when the body was never read
     * @param notUnderstood the headers marked mustUnderstand that nobody understood
     */
    IpsFault map(Throwable error, RequestReader.Position position, List<QName> notUnderstood) {
        return map(error, position, notUnderstood, null);
    }

    /**
     * As {@link #map(Throwable, RequestReader.Position, List)}, knowing what the request's authHeader
     * held (null when none was read), so a header the schema refuses is described by what it lacks.
     */
    IpsFault map(Throwable error, RequestReader.Position position, List<QName> notUnderstood,
            RequestCredentials header) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            IpsFault own = ownFault(t);
            if (own != null) {
                return own;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SoapFault soap) {
                String code = soap.getFaultCode() == null ? "" : soap.getFaultCode().getLocalPart();
                if ("MustUnderstand".equals(code)) {
                    return new IpsFault(IpsFault.Kind.IPS_API, IpsFault.INVALID_REQUEST_XML,
                            "The request has a header marked mustUnderstand that this service does not understand"
                                    + (notUnderstood.isEmpty() ? "" : ": " + notUnderstood.stream()
                                            .map(FaultMapper::describe).collect(Collectors.joining(", "))),
                            IpsFault.SoapCode.MUST_UNDERSTAND);
                }
                if ("VersionMismatch".equals(code)) {
                    return new IpsFault(IpsFault.Kind.IPS_API, IpsFault.INVALID_REQUEST_XML,
                            "The request is not a SOAP 1.1 or SOAP 1.2 envelope", IpsFault.SoapCode.VERSION_MISMATCH);
                }
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RequestReader.RequestLimitException limit) {
                return IpsFault.api(IpsFault.INVALID_REQUEST_XML, limit.getMessage());
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof XMLStreamException || t instanceof CharConversionException) {
                return IpsFault.api(IpsFault.INVALID_REQUEST_XML, notWellFormed(t, position));
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof JAXBException || t instanceof SAXException) {
                return new ContentProblem(schema, position, header).fault();
            }
        }
        if (position == null || position.event() == RequestReader.Event.NONE) {
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (t instanceof IOException) {
                    // before any XML was read, the only input is the request's bytes: a multipart body
                    // without its boundary, or a stream that ended early
                    return IpsFault.api(IpsFault.INVALID_REQUEST_XML, "The request body could not be read as its"
                            + " Content-Type describes it (for SOAP send text/xml or application/soap+xml)");
                }
            }
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("internal error, reference {}", reference, error);
        return new IpsFault(IpsFault.Kind.IPS_API, IpsFault.EXCEPTION,
                "The server could not complete the request; quote reference " + reference + " to its operators", false);
    }

    /** The fault of one of the service's own exceptions, or null when it is not one. */
    static IpsFault ownFault(Throwable t) {
        if (t instanceof InjectedFaultException e) {
            return e.fault();
        }
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
        if (t instanceof TooManyAttemptsException e) {
            return IpsFault.api(IpsFault.INVALID_PARAMETER, e.getMessage());
        }
        if (t instanceof MalformedRequestException e) {
            return IpsFault.api(IpsFault.INVALID_REQUEST_XML, e.getMessage());
        }
        if (t instanceof InvalidRequestException e) {
            return IpsFault.api(e.kind() == InvalidRequestException.Kind.MISSING_PARAMETER
                    ? IpsFault.MISSING_PARAMETER : IpsFault.INVALID_PARAMETER, e.getMessage());
        }
        return null;
    }

    private static String notWellFormed(Throwable t, RequestReader.Position position) {
        StringBuilder reason = new StringBuilder("The request is not well-formed XML");
        Location location = t instanceof XMLStreamException x ? x.getLocation() : null;
        if (location != null && location.getLineNumber() > 0) {
            reason.append(" (line ").append(location.getLineNumber()).append(", column ")
                    .append(location.getColumnNumber()).append(')');
        }
        if (position != null && position.element() != null) {
            reason.append("; the last element read was ").append(position.element());
        }
        return reason.toString();
    }

    private static String describe(QName name) {
        return name.getNamespaceURI().isEmpty() ? name.getLocalPart()
                : "{" + name.getNamespaceURI() + "}" + name.getLocalPart();
    }

    /**
     * What was wrong with the body, worked out from where the reader stood when JAXB or the
     * validator gave up, and from the contract's sequences.
     */
    private static final class ContentProblem {
        private final SchemaIndex schema;
        private final RequestReader.Position at;
        private final RequestCredentials header;

        ContentProblem(SchemaIndex schema, RequestReader.Position at, RequestCredentials header) {
            this.schema = schema;
            this.at = at;
            this.header = header;
        }

        IpsFault fault() {
            if (at == null || at.event() == RequestReader.Event.NONE || at.path().isEmpty()
                    || !schema.isTopElement(at.path().get(0))) {
                // the reader was not inside the operation's element: the one header the schema checks,
                // authHeader (CXF reads header parts after the body)
                return headerProblem();
            }
            List<String> path = at.path();
            String element = at.element();
            return switch (at.event()) {
                case START -> atStart(element, at.parent(), typeOf(path.subList(0, path.size() - 1)));
                case END -> atEnd(element, typeOf(path), simpleTypeOf(path));
                case TEXT -> typeOf(path) != null
                        ? invalid("Element " + element + " holds elements, not text (found '" + clip(at.text()) + "')")
                        : invalid("Element " + element + " has an invalid value '" + clip(at.text()) + "'");
                case NONE -> invalid("The request does not match the API's schema");
            };
        }

        private IpsFault headerProblem() {
            List<SchemaIndex.Child> fields = schema.children(RequestCredentials.AUTH_HEADER);
            if (header != null) {
                for (SchemaIndex.Child field : fields) {
                    boolean absent = switch (field.name()) {
                        case "appName" -> header.appName() == null;
                        case "appVersion" -> header.appVersion() == null;
                        default -> false;
                    };
                    if (field.required() && absent) {
                        return missing("The authHeader is missing the required element " + field.name()
                                + " (the name and version of the calling application)");
                    }
                }
            }
            List<String> required = fields.stream().filter(SchemaIndex.Child::required).map(SchemaIndex.Child::name)
                    .toList();
            return invalid("The authHeader does not match the API's schema: it holds " + names(fields)
                    + ", in that order" + (required.isEmpty() ? "" : "; " + String.join(" and ", required)
                            + " are required"));
        }

        private IpsFault atStart(String element, String parent, String parentType) {
            if (parent == null) {
                return invalid("Element " + element + " has attributes or content this API does not accept");
            }
            if (parentType == null) {
                return invalid("Element " + parent + " holds a value, not elements; found element " + element);
            }
            if (at.namespace() != null && !at.namespace().equals(ApiNamespaces.CANONICAL)
                    && schema.child(parentType, element).isPresent()) {
                return invalid("Element " + element + " in " + parent + " is in namespace '" + at.namespace()
                        + "' instead of the API's");
            }
            List<SchemaIndex.Child> sequence = schema.children(parentType);
            int index = indexOf(sequence, element);
            if (index < 0) {
                return invalid("Unexpected element " + element + " in " + parent + "; it holds "
                        + names(sequence));
            }
            List<String> seen = at.children().subList(0, Math.max(0, at.children().size() - 1));
            for (int i = 0; i < index; i++) {
                SchemaIndex.Child child = sequence.get(i);
                if (child.required() && !seen.contains(child.name())) {
                    return missing(parent + " is missing the required element " + child.name()
                            + " (found " + element + " where it should be)");
                }
            }
            if (seen.contains(element) && !sequence.get(index).repeatable()) {
                return invalid("Element " + element + " appears more than once in " + parent);
            }
            for (String earlier : seen) {
                if (indexOf(sequence, earlier) > index) {
                    return invalid("Element " + element + " is out of order in " + parent + "; it comes before "
                            + earlier);
                }
            }
            if (at.attributes()) {
                return invalid("Element " + element + " in " + parent + " has an attribute this API does not accept"
                        + " (such as an xsi:type it does not define)");
            }
            return invalid("Element " + element + " is not valid in " + parent);
        }

        private IpsFault atEnd(String element, String type, String simpleType) {
            if (type != null) {
                for (SchemaIndex.Child child : schema.children(type)) {
                    if (child.required() && !at.children().contains(child.name())) {
                        return missing(element + " is missing the required element " + child.name());
                    }
                }
                return invalid("Element " + element + " is not valid");
            }
            String value = at.text() == null ? "" : at.text();
            return invalid(element + " must be " + expected(simpleType) + "; got '" + clip(value) + "'");
        }

        /** The complex type key of the element at the end of the path, or null for a simple or unknown one. */
        private String typeOf(List<String> path) {
            if (path.isEmpty() || !schema.isTopElement(path.get(0))) {
                return null;
            }
            String type = path.get(0);
            for (int i = 1; i < path.size() && type != null; i++) {
                type = schema.childType(type, path.get(i));
            }
            return type;
        }

        private String simpleTypeOf(List<String> path) {
            if (path.size() < 2) {
                return null;
            }
            String parent = typeOf(path.subList(0, path.size() - 1));
            return schema.child(parent, path.get(path.size() - 1)).map(SchemaIndex.Child::simpleType).orElse(null);
        }

        private static String expected(String simpleType) {
            if (simpleType == null) {
                return "a valid value";
            }
            return switch (simpleType) {
                case "int" -> "a whole number from -2147483648 to 2147483647";
                case "long" -> "a whole number (xsd:long)";
                case "boolean" -> "true or false";
                case "dateTime" -> "an xsd:dateTime with a four-digit year, such as 2026-01-31T09:30:00Z";
                case "double", "float", "decimal" -> "a number";
                default -> "a valid xsd:" + simpleType;
            };
        }

        private static int indexOf(List<SchemaIndex.Child> sequence, String name) {
            for (int i = 0; i < sequence.size(); i++) {
                if (sequence.get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        private static String names(List<SchemaIndex.Child> sequence) {
            List<String> names = sequence.stream().map(SchemaIndex.Child::name).toList();
            String joined = String.join(", ", names.subList(0, Math.min(names.size(), 12)));
            return names.isEmpty() ? "no elements" : joined + (names.size() > 12 ? ", ..." : "");
        }

        private static IpsFault invalid(String reason) {
            return IpsFault.api(IpsFault.INVALID_PARAMETER, reason);
        }

        private static IpsFault missing(String reason) {
            return IpsFault.api(IpsFault.MISSING_PARAMETER, reason);
        }
    }

    /** A client's value quoted in a reason: short, and only characters an answer can carry. */
    static String clip(String value) {
        if (value == null) {
            return "";
        }
        String clean = ApiText.cleaned(value.strip());
        return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }
}
