package org.ipsjobs.soap;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.xml.namespace.QName;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.control.FaultRules;
import org.ipsjobs.control.RequestJournal;
import org.ipsjobs.ipsapi.IpsApiPortType;
import org.ipsjobs.metrics.RequestMetrics;

/**
 * Benchmark-only (compiled from src/bench, in this package because the interceptors are
 * package-private): publishes the IPS contract on a CXF bus with the service's interceptors added
 * group by group, up to a given {@link Step}. Step {@link Step#BARE} is a plain JaxWsServerFactoryBean
 * endpoint; the interceptors of the steps up to the given one are added in the order and with the
 * settings IpsApiPublisher uses, so each row of the harness's table differs from the one before by
 * exactly one group. The last two steps live outside CXF (Jetty handler, servlet and bus); the
 * harness applies them, this class only names them.
 */
public final class BenchInterceptorLadder {

    /** The groups, in the order they are added. */
    public enum Step {
        BARE("bare CXF endpoint (no interceptor of ours, no schema validation)"),
        REQUEST_LOG("+ request log (RequestLogInterceptor in/out)"),
        JOURNAL("+ request journal (JournalRecorder in/out, shipped size and bodies)"),
        METRICS("+ request metrics (RequestMetricsInterceptor on a Prometheus registry)"),
        VERSIONS("+ API versions (content-type version, version in, version out)"),
        REQUEST_READER("+ request reader, limits, extra elements, operation selection, trailing content"),
        AUTHENTICATION("+ authentication (AuthInterceptor, PBKDF2 user)"),
        SCHEMA_VALIDATION("+ schema validation (IN, validators reused per thread)"),
        FAULTS("+ fault injection (no rules) and fault shaping"),
        COMPRESSION("+ response compression check (client sends no Accept-Encoding)"),
        XML10("+ XML 1.0 output filter"),
        REQUEST_GATE("+ RequestGate (bodies read whole before a thread is spent)"),
        SERVLET_AND_BUS("+ our servlet and bus (CxfServlet, bus class loader, WSDL query filter, graceful handler, Jetty meters)");

        private final String label;

        Step(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        boolean within(Step upTo) {
            return ordinal() <= upTo.ordinal();
        }
    }

    /** The simplest real collaborators the interceptors need, built by the harness from the bench config. */
    public record Collaborators(UserDirectory directory, RequestJournal journal, FaultRules faults,
            RequestMetrics metrics, MeterRegistry registry, RequestLimits limits, ApiVersions versions, Clock clock) {
    }

    private BenchInterceptorLadder() {
    }

    /** Publishes {@code implementation} at {@code /IpsApiService} with the groups up to {@code upTo}. */
    public static Server publish(Bus bus, IpsApiPortType implementation, Step upTo, Collaborators c) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(IpsApiPortType.class);
        factory.setServiceBean(implementation);
        factory.setAddress(IpsApiPublisher.ADDRESS);
        factory.setWsdlLocation("classpath:wsdl/IpsApi.wsdl");
        factory.setServiceName(new QName(ApiNamespaces.CANONICAL, "IpsApiService"));
        factory.setEndpointName(new QName(ApiNamespaces.CANONICAL, "IpsApiSoap12Port"));
        if (upTo == Step.BARE) {
            return factory.create();
        }

        // every interceptor is built as IpsApiPublisher builds it, then kept only if its step is in
        JournalRecorder journal = new JournalRecorder(c.journal(), c.clock());
        SchemaIndex schema = SchemaIndex.load();
        RequestLogInterceptor logOut = RequestLogInterceptor.out();
        AuthInterceptor auth = new AuthInterceptor(c.directory(), c.versions().namespaces());
        Xml10OutputInterceptor xml10 = new Xml10OutputInterceptor();
        AbstractPhaseInterceptor<Message> journalOut = journal.out();
        ResponseCompression compression = new ResponseCompression();
        RequestMetricsInterceptor metricsOut = RequestMetricsInterceptor.out(c.metrics());

        if (Step.REQUEST_READER.within(upTo)) {
            c.limits().applyTo(factory.getProperties(true));
        }
        if (Step.SCHEMA_VALIDATION.within(upTo)) {
            factory.getProperties(true).put(Message.SCHEMA_VALIDATION_ENABLED, "IN");
        }
        Chain in = new Chain(upTo);
        in.add(Step.METRICS, RequestMetricsInterceptor.in(c.metrics()));
        in.add(Step.REQUEST_LOG, RequestLogInterceptor.in());
        in.add(Step.JOURNAL, journal.in());
        in.add(Step.VERSIONS, new ContentTypeVersionInterceptor());
        in.add(Step.VERSIONS, new VersionInInterceptor(c.versions()));
        in.add(Step.REQUEST_READER, new RequestReaderInterceptor(c.limits()));
        in.add(Step.REQUEST_READER, new ExtraElementsInInterceptor(schema));
        in.add(Step.REQUEST_READER, new OperationSelectionInterceptor());
        in.add(Step.AUTHENTICATION, auth);
        in.add(Step.REQUEST_READER, new TrailingContentInterceptor());
        in.add(Step.FAULTS, new FaultInjectionInterceptor(c.faults(), journal));
        Chain out = new Chain(upTo);
        out.add(Step.REQUEST_LOG, logOut);
        out.add(Step.XML10, xml10);
        out.add(Step.JOURNAL, journalOut);
        out.add(Step.VERSIONS, new VersionOutInterceptor(schema));
        out.add(Step.COMPRESSION, compression);
        out.add(Step.METRICS, metricsOut);
        Chain outFault = new Chain(upTo);
        outFault.add(Step.JOURNAL, journalOut);
        outFault.add(Step.COMPRESSION, compression);
        outFault.add(Step.XML10, xml10);
        outFault.add(Step.FAULTS, new FaultOutInterceptor(schema, auth.getUnderstoodHeaders()));
        outFault.add(Step.REQUEST_LOG, logOut);
        outFault.add(Step.METRICS, metricsOut);
        factory.getInInterceptors().addAll(in.kept);
        factory.getOutInterceptors().addAll(out.kept);
        factory.getOutFaultInterceptors().addAll(outFault.kept);

        Server server = factory.create();
        if (Step.SCHEMA_VALIDATION.within(upTo)) {
            CxfWorkarounds.reuseValidators(server, bus);
        }
        return server;
    }

    /** The interceptors of one chain whose step is within the published ones, in the publisher's order. */
    private static final class Chain {
        private final Step upTo;
        private final List<Interceptor<? extends Message>> kept = new ArrayList<>();

        Chain(Step upTo) {
            this.upTo = upTo;
        }

        void add(Step step, Interceptor<? extends Message> interceptor) {
            if (step.within(upTo)) {
                kept.add(interceptor);
            }
        }
    }
}
