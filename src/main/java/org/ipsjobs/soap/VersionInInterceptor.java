package org.ipsjobs.soap;

import java.util.HashMap;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

import org.apache.cxf.interceptor.StaxInInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.staxutils.transform.InTransformReader;

/**
 * Lets one endpoint serve every API version: notes which version's namespace the request body uses,
 * and renames that namespace to the canonical one as the request is read, so the rest of the chain
 * only ever sees the canonical contract. {@link VersionOutInterceptor} turns the answer back.
 *
 * <p>Older versions are not checked against the canonical schema: it requires elements some of them
 * never had, so their requests are read leniently and the service's own rules check them.
 */
final class VersionInInterceptor extends AbstractPhaseInterceptor<Message> {

    private final ApiVersions versions;
    private final Map<String, String> toCanonical = new HashMap<>();

    VersionInInterceptor(ApiVersions versions) {
        super(Phase.POST_STREAM);
        addAfter(StaxInInterceptor.class.getName());
        this.versions = versions;
        for (ApiVersion v : versions.all()) {
            if (!v.isCanonical()) {
                toCanonical.put("{" + v.namespace() + "}*", "{" + ApiNamespaces.CANONICAL + "}*");
            }
        }
    }

    @Override
    public void handleMessage(Message message) {
        XMLStreamReader reader = message.getContent(XMLStreamReader.class);
        if (reader == null) {
            return;
        }
        message.getExchange().put(ApiVersion.class, versions.canonical());
        XMLStreamReader sniffed = new BodyNamespaceSniffer(reader, message);
        message.setContent(XMLStreamReader.class,
                CxfWorkarounds.withReflectableNamespaces(new InTransformReader(sniffed, toCanonical, null, true)));
    }

    /** Records the version of the first element inside the SOAP Body. */
    private final class BodyNamespaceSniffer extends StreamReaderDelegate {
        private final Message message;
        private boolean inBody;
        private boolean decided;

        BodyNamespaceSniffer(XMLStreamReader reader, Message message) {
            super(reader);
            this.message = message;
        }

        @Override
        public int next() throws XMLStreamException {
            int event = super.next();
            if (!decided && event == XMLStreamConstants.START_ELEMENT) {
                if (inBody) {
                    decided = true;
                    versions.byNamespace(getNamespaceURI()).ifPresent(v -> {
                        message.getExchange().put(ApiVersion.class, v);
                        if (!v.isCanonical()) {
                            message.put(Message.SCHEMA_VALIDATION_ENABLED, Boolean.FALSE);
                        }
                    });
                } else if ("Body".equals(getLocalName())) {
                    inBody = true;
                }
            }
            return event;
        }
    }
}
