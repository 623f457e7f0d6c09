package org.ipsjobs.soap;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import javax.xml.namespace.NamespaceContext;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import javax.xml.validation.Schema;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxb.JAXBDataBinding;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.service.model.ServiceInfo;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;
import org.glassfish.jaxb.core.marshaller.MinimumEscapeHandler;

/**
 * Every place where the service departs from CXF's defaults or reaches into its internals, each for a
 * reason of its own. When CXF is upgraded, this is the class to check.
 */
public final class CxfWorkarounds {

    /**
     * Request attribute set when a fault rule wants the connection dropped ({@code reset} or
     * {@code empty}); the servlet, which can reach the connection, does it once CXF has returned.
     */
    public static final String DISCONNECT_ATTRIBUTE = FaultInjectionInterceptor.DISCONNECT;

    private CxfWorkarounds() {
    }

    /**
     * A bus for the service, with two changes:
     * <ul>
     * <li>a fault listener that logs nothing: client faults are logged once, by the request log, where
     * CXF would log each with a stack trace;</li>
     * <li>the class loader CXF makes current for each request, given up front: otherwise CXF looks one
     * up in the jar on every request, under a lock all request threads share.</li>
     * </ul>
     */
    public static Bus newBus(ClassLoader classLoader) {
        Bus bus = BusFactory.newInstance().createBus();
        bus.setProperty(FaultListener.class.getName(), (FaultListener) (exception, description, message) -> false);
        bus.setExtension(classLoader, ClassLoader.class);
        return bus;
    }

    /**
     * Makes the bus the current thread's default bus once, for good. CXF's servlet sets it for each
     * request and takes it away afterwards, both through one lock shared by all threads; a thread that
     * already has it skips both. Called by the servlet before each request.
     */
    public static void keepAsThreadDefault(Bus bus) {
        if (BusFactory.getThreadDefaultBus(false) != bus) {
            BusFactory.setThreadDefaultBus(bus);
        }
    }

    /**
     * Replaces the schema CXF validates requests with by one that hands out its validators again on
     * the same thread ({@link ThreadReusedSchema}): CXF makes a new validator per request, which costs
     * more than validating. CXF keeps that schema in an internal property of the service model (the
     * schema's class name as the key), which is why this has to reach in after the endpoint is built.
     */
    static void reuseValidators(Server server, Bus bus) {
        ServiceInfo service = server.getEndpoint().getService().getServiceInfos().get(0);
        Schema schema = EndpointReferenceUtils.getSchema(service, bus);
        if (schema != null) {
            service.setProperty(Schema.class.getName(), new ThreadReusedSchema(schema));
        }
    }

    /**
     * Gives JAXB its minimum character escaper directly. CXF hands the marshaller the same escaper
     * wrapped in a reflective proxy (so it works with either JAXB implementation), and that proxy is
     * called for every text value written: it took about 6% of the CPU of a 100-row getJobLogs answer.
     * Marshaller properties of the data binding are applied after CXF's own, so this one wins; the
     * escaping is the same (&amp;, &lt;, &gt; and, in attributes, quotes).
     */
    static void escapeTextDirectly(Server server) {
        if (server.getEndpoint().getService().getDataBinding() instanceof JAXBDataBinding binding) {
            Map<String, Object> properties = new HashMap<>();
            if (binding.getMarshallerProperties() != null) {
                properties.putAll(binding.getMarshallerProperties());
            }
            properties.put("org.glassfish.jaxb.characterEscapeHandler", MinimumEscapeHandler.theInstance);
            binding.setMarshallerProperties(properties);
        }
    }

    /**
     * Wraps a reader that would otherwise make CXF throw five exceptions per request. Before it
     * unmarshals a request it validates, CXF collects the namespaces declared on ancestor elements by
     * reflection on the parser's namespace context: a method {@code createNonTransientNsContext} and a
     * field {@code mNamespaces} (Woodstox's names), else a field {@code fNamespaceContext} (the JDK
     * parser's). The context of CXF's {@code InTransformReader}, which renames API versions' namespaces,
     * has neither, so every lookup throws and is swallowed; each exception fills a stack trace some
     * hundred frames deep, which cost about a seventh of a request's CPU time. The context handed out
     * here has both members and reports no ancestor namespaces: the same outcome CXF reached through
     * the exceptions, without them. No request element's content is a QName, so nothing needs the
     * ancestors' prefixes.
     */
    static XMLStreamReader withReflectableNamespaces(XMLStreamReader reader) {
        return new StreamReaderDelegate(reader) {
            private final NamespaceContext context = new NoAncestorNamespaces(reader);

            @Override
            public NamespaceContext getNamespaceContext() {
                return context;
            }
        };
    }

    /** See {@link #withReflectableNamespaces}; public because CXF finds its members by reflection. */
    public static final class NoAncestorNamespaces implements NamespaceContext {
        @SuppressWarnings("unused") // read by CXF through reflection
        private final String[] mNamespaces = {};
        private final XMLStreamReader reader;

        NoAncestorNamespaces(XMLStreamReader reader) {
            this.reader = reader;
        }

        /** The method CXF looks for first; the snapshot it asks for is this context itself. */
        public NamespaceContext createNonTransientNsContext(Location location) {
            return this;
        }

        @Override
        public String getNamespaceURI(String prefix) {
            return reader.getNamespaceContext().getNamespaceURI(prefix);
        }

        @Override
        public String getPrefix(String namespaceURI) {
            return reader.getNamespaceContext().getPrefix(namespaceURI);
        }

        @Override
        public Iterator<String> getPrefixes(String namespaceURI) {
            return reader.getNamespaceContext().getPrefixes(namespaceURI);
        }
    }
}
