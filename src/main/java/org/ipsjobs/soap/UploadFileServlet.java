package org.ipsjobs.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.Credentials;
import org.ipsjobs.auth.User;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.ipsapi.UploadPostJob;
import org.ipsjobs.jobs.api.JobService;
import org.ipsjobs.jobs.api.UploadPost;
import org.ipsjobs.jobs.api.UploadPostResult;
import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.metrics.RequestMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;

/**
 * The UploadFile servlet ({@code POST /scene7/UploadFile}): a multipart/form-data request with an
 * {@code auth} part (an authHeader document), an {@code uploadParams} part (an uploadPostParam
 * document) and file parts. It maps the parts to an {@link UploadPost} for the job service and its
 * answer to an {@code uploadPostReturn} document in the namespace the request used; any refusal is the
 * API's fault document. The multipart body is parsed by the servlet container within the limits it
 * was configured with (part count, part size, request size), never by hand.
 */
public final class UploadFileServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(UploadFileServlet.class);
    /** The XML parts are small documents; a larger one is refused before it is parsed. */
    private static final int MAX_XML_PART_BYTES = 256 * 1024;

    private final transient JobService jobs;
    private final transient UserDirectory directory;
    private final transient ApiVersions versions;
    private transient volatile JAXBContext uploadPostJob;
    private final Limits limits;
    private final transient RequestMetrics metrics;

    /**
     * The limits the container was given for multipart bodies, for the faults that name them.
     *
     * @param maxParts most parts (the files and the two XML parts)
     * @param maxFileBytes largest part
     * @param maxPostBytes largest body
     */
    public record Limits(int maxParts, long maxFileBytes, long maxPostBytes) {
    }

    public UploadFileServlet(JobService jobs, UserDirectory directory, ApiVersions versions, Limits limits,
            RequestMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
        this.jobs = jobs;
        this.directory = directory;
        this.versions = versions;
    }

    /** Bound on the first POST that sends uploadParams, not at start-up, which it would slow for everyone. */
    private JAXBContext uploadPostJob() {
        JAXBContext context = uploadPostJob;
        if (context == null) {
            try {
                context = JAXBContext.newInstance(UploadPostJob.class);
            } catch (JAXBException e) {
                throw new IllegalStateException("the generated UploadPostJob type cannot be bound", e);
            }
            uploadPostJob = context; // two first POSTs at once may both bind it; either result serves
        }
        return context;
    }

    /** A refusal of the request's content, with the fault it answers. */
    private static final class Refused extends Exception {
        final transient IpsFault fault;

        Refused(IpsFault fault) {
            super(fault.reason(), null, false, false);
            this.fault = fault;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        write(response, 405, SoapFaultDocument.bare(IpsFault.api(IpsFault.INVALID_REQUEST_XML,
                "UploadFile takes multipart/form-data POSTs (auth, uploadParams and file parts)")));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        String[] namespace = {null};
        int faultCode = post(request, response, namespace);
        metrics.record(RequestMetrics.UPLOAD_FILE, namespace[0] == null ? null
                : versions.byNamespace(namespace[0]).map(ApiVersion::id).orElse(null), "UploadFile", faultCode,
                System.nanoTime() - started);
    }

    /**
     * Answers one POST.
     *
     * @param namespaceSeen receives the namespace of the request's uploadParams, once it is read
     * @return the fault code answered, or 0
     */
    private int post(HttpServletRequest request, HttpServletResponse response, String[] namespaceSeen)
            throws IOException {
        int faultStatus = 500;
        String namespace = ApiNamespaces.CANONICAL;
        try {
            String contentType = request.getContentType() == null ? "" : request.getContentType();
            if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
                throw new Refused(IpsFault.api(IpsFault.INVALID_REQUEST_XML, "UploadFile takes multipart/form-data"
                        + " (auth, uploadParams and file parts), not '" + clip(contentType) + "'"));
            }
            List<Part> parts = parts(request);
            Element auth = xmlPart(parts, "auth", "authHeader");
            if ("200".equals(text(auth, "faultHttpStatusCode"))) {
                faultStatus = 200; // for clients that cannot read the body of an error answer
            }
            Element params = xmlPart(parts, "uploadParams", "uploadPostParam");
            namespace = params.getNamespaceURI();
            namespaceSeen[0] = namespace;
            Caller caller = caller(auth, request.getRemoteAddr());
            UploadPost post = post(params, namespace, request.getRemoteAddr(), parts);
            UploadPostResult result = jobs.uploadPost(caller, post);
            LOG.info("UploadFile user={} job={} files={} ok", caller.email(), result.run(), result.filesAccepted());
            write(response, 200, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><uploadPostReturn xmlns=\""
                    + namespace + "\"><jobHandle>" + escape(result.run().value()) + "</jobHandle></uploadPostReturn>")
                    .getBytes(StandardCharsets.UTF_8));
            return 0;
        } catch (Refused e) {
            LOG.info("UploadFile refused: {} {}", e.fault.code(), e.fault.reason());
            write(response, faultStatus, SoapFaultDocument.bare(e.fault));
            return e.fault.code();
        } catch (RuntimeException e) {
            IpsFault own = FaultMapper.ownFault(e);
            if (own == null) {
                String reference = UUID.randomUUID().toString();
                LOG.error("UploadFile failed, reference {}", reference, e);
                own = new IpsFault(IpsFault.Kind.IPS_API, IpsFault.EXCEPTION, "The server could not complete the"
                        + " upload; quote reference " + reference + " to its operators", false);
            } else {
                LOG.info("UploadFile refused: {} {}", own.code(), own.reason());
            }
            write(response, faultStatus, SoapFaultDocument.bare(own));
            return own.code();
        }
    }

    private List<Part> parts(HttpServletRequest request) throws Refused {
        try {
            return new ArrayList<>(request.getParts());
        } catch (IllegalStateException e) {
            // the container's limits: a part or the whole request larger than allowed, too many parts
            throw new Refused(IpsFault.api(IpsFault.INVALID_REQUEST_XML, "The upload is refused ("
                    + containerWords(e) + "). " + limitsText()));
        } catch (IOException | ServletException e) {
            throw new Refused(IpsFault.api(IpsFault.INVALID_REQUEST_XML, "The multipart body cannot be read ("
                    + containerWords(e) + "). " + limitsText() + "; each part needs a name, and the body must end"
                    + " with its closing boundary"));
        }
    }

    private String limitsText() {
        return "UploadFile takes at most " + (limits.maxParts() - 2) + " files in one POST, each at most "
                + limits.maxFileBytes() + " bytes, the whole body at most " + limits.maxPostBytes() + " bytes";
    }

    /** What the container said went wrong, from the innermost cause, without the names of its classes. */
    private static String containerWords(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return clip(String.valueOf(root.getMessage()).replaceAll("([a-z_][\\w]*\\.)+[A-Z][\\w$]*:? ?", ""));
    }

    /** The root element of an XML part, which must be the named element in an API namespace. */
    private Element xmlPart(List<Part> parts, String partName, String element) throws Refused {
        Part part = parts.stream().filter(p -> partName.equals(p.getName())).findFirst().orElseThrow(() -> new Refused(
                IpsFault.api(IpsFault.MISSING_PARAMETER, "The POST has no '" + partName + "' part; it needs one with"
                        + " an " + element + " document")));
        if (part.getSize() > MAX_XML_PART_BYTES) {
            throw new Refused(IpsFault.api(IpsFault.INVALID_REQUEST_XML, "The '" + partName + "' part is "
                    + part.getSize() + " bytes; at most " + MAX_XML_PART_BYTES + " are taken"));
        }
        Document document;
        try (InputStream in = part.getInputStream()) {
            document = parser().parse(new ByteArrayInputStream(in.readNBytes(MAX_XML_PART_BYTES)));
        } catch (SAXException | IOException e) {
            throw new Refused(IpsFault.api(IpsFault.INVALID_REQUEST_XML, "The '" + partName + "' part is not a"
                    + " well-formed XML document: " + clip(String.valueOf(e.getMessage()))));
        }
        Element root = document.getDocumentElement();
        String ns = root.getNamespaceURI() == null ? "" : root.getNamespaceURI();
        if (!element.equals(root.getLocalName())
                || !(ns.equals(ApiNamespaces.COMMON) || versions.byNamespace(ns).isPresent())) {
            throw new Refused(IpsFault.api(IpsFault.INVALID_REQUEST_XML, "The '" + partName + "' part must be an "
                    + element + " element in an IPS API namespace (such as " + ApiNamespaces.CANONICAL + "), not {"
                    + clip(ns) + "}" + clip(String.valueOf(root.getLocalName()))));
        }
        return root;
    }

    private Caller caller(Element auth, String address) {
        User user = directory.authenticate(new Credentials(text(auth, "user"), text(auth, "password")), address);
        return new Caller(user, text(auth, "locale"), text(auth, "appName"), text(auth, "appVersion"));
    }

    private UploadPost post(Element params, String namespace, String address, List<Part> parts) throws Refused {
        List<UploadPost.PostedFile> files = new ArrayList<>();
        for (Part part : parts) {
            if (!"auth".equals(part.getName()) && !"uploadParams".equals(part.getName())) {
                files.add(new UploadPost.PostedFile(part.getSubmittedFileName(), part::getInputStream));
            }
        }
        return new UploadPost(text(params, "companyHandle"), text(params, "jobName"), text(params, "jobHandle"),
                text(params, "locale"), text(params, "description"), text(params, "destFolder"),
                text(params, "fileName"), "true".equalsIgnoreCase(text(params, "endJob")) || "1".equals(text(params,
                        "endJob")), uploadParams(params, namespace), address, files);
    }

    /** The uploadParams element, an UploadPostJob, bound to the generated type; null when absent. */
    private JobParameters.UploadPost uploadParams(Element params, String namespace) throws Refused {
        Element element = child(params, "uploadParams");
        if (element == null) {
            return null;
        }
        toCanonical(element, namespace);
        try {
            UploadPostJob job = uploadPostJob().createUnmarshaller().unmarshal(element, UploadPostJob.class).getValue();
            return new JobParameters.UploadPost(OptionsCodec.read(job, java.util.Set.of()));
        } catch (JAXBException e) {
            throw new Refused(IpsFault.api(IpsFault.INVALID_REQUEST_XML, "uploadParams is not an UploadPostJob"));
        }
    }

    /** Moves the element's tree from the request's version into the namespace the generated types use. */
    private static void toCanonical(Element root, String namespace) {
        List<Element> elements = new ArrayList<>();
        collect(root, elements);
        for (Element e : elements) {
            if (namespace.equals(e.getNamespaceURI())) {
                root.getOwnerDocument().renameNode(e, ApiNamespaces.CANONICAL, e.getLocalName());
            }
        }
    }

    private static void collect(Element e, List<Element> into) {
        into.add(e);
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                collect(child, into);
            }
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())
                    && parent.getNamespaceURI() != null && parent.getNamespaceURI().equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private static DocumentBuilder parser() throws Refused {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
        }
    }

    private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/xml;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String clip(String s) {
        return FaultMapper.clip(s);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
