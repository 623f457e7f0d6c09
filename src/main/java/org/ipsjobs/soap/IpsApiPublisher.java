package org.ipsjobs.soap;

import java.time.Clock;
import java.time.ZoneId;

import javax.xml.namespace.QName;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.control.FaultRules;
import org.ipsjobs.control.RequestJournal;
import org.ipsjobs.ipsapi.IpsApiPortType;
import org.ipsjobs.jobs.api.JobService;
import org.ipsjobs.jobs.api.MessageCatalog;
import org.ipsjobs.metrics.RequestMetrics;

/**
 * Publishes the IPS API endpoint on a CXF bus: the contract from wsdl/IpsApi.wsdl, requests checked
 * against its schema, and the interceptors that authenticate, shape faults and log requests.
 */
public final class IpsApiPublisher {

    /** Path of the endpoint below the CXF servlet. */
    public static final String ADDRESS = "/IpsApiService";

    private IpsApiPublisher() {
    }

    /**
     * @param zone the server's time zone, in which dates are written
     * @param serverName what ActiveJob/serverName reports
     * @param answerCacheBytes how much of the answers' items to keep written (all API versions together); 0: none
     */
    public static Server publish(Bus bus, JobService jobs, UserDirectory directory, ZoneId zone, String serverName,
            RequestLimits limits, ApiVersions versions, Steering steering, long answerCacheBytes) {
        AnswerCache answers = AnswerCache.of(answerCacheBytes);
        return publish(bus, new IpsApiEndpoint(jobs, new JobMapper(zone, serverName, new MessageCatalog()), answers),
                directory, limits, versions, steering, answers);
    }

    /**
     * What tests steer and watch the endpoint with: the fault rules it applies to calls, the journal it
     * writes, the clock the journal's times come from, and the metrics that count its calls.
     */
    public record Steering(FaultRules faults, RequestJournal journal, Clock clock, RequestMetrics metrics) {
        public Steering(FaultRules faults, RequestJournal journal, Clock clock) {
            this(faults, journal, clock, RequestMetrics.none());
        }
    }

    /** The names of the contract's operations, as the metrics label them. */
    public static java.util.Set<String> operationNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (java.lang.reflect.Method m : IpsApiPortType.class.getMethods()) {
            jakarta.jws.WebMethod web = m.getAnnotation(jakarta.jws.WebMethod.class);
            if (web != null) {
                names.add(web.operationName().isEmpty() ? m.getName() : web.operationName());
            }
        }
        names.add("UploadFile"); // the servlet beside the SOAP API
        return names;
    }

    /**
     * Publishes the given implementation of the port type behind the same contract, validation and
     * interceptors as the job endpoint. The benchmarks use it to measure this stack with a no-op
     * implementation behind it.
     */
    public static Server publish(Bus bus, IpsApiPortType implementation, UserDirectory directory,
            RequestLimits limits, ApiVersions versions, Steering steering) {
        return publish(bus, implementation, directory, limits, versions, steering, AnswerCache.of(0));
    }

    private static Server publish(Bus bus, IpsApiPortType implementation, UserDirectory directory,
            RequestLimits limits, ApiVersions versions, Steering steering, AnswerCache answers) {
        JournalRecorder journal = new JournalRecorder(steering.journal(), steering.clock());
        SchemaIndex schema = SchemaIndex.load();
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(IpsApiPortType.class);
        factory.setServiceBean(implementation);
        factory.setAddress(ADDRESS);
        factory.setWsdlLocation("classpath:wsdl/IpsApi.wsdl");
        factory.setServiceName(new QName(ApiNamespaces.CANONICAL, "IpsApiService"));
        // the SOAP 1.2 port: CXF refuses 1.2 envelopes on a 1.1 endpoint but serves 1.1 ones on a 1.2
        // endpoint, answering each in the version it came in, which is what clients of either binding need
        factory.setEndpointName(new QName(ApiNamespaces.CANONICAL, "IpsApiSoap12Port"));
        // requests are validated against the contract's schema: missing, misplaced or mistyped elements fault
        factory.getProperties(true).put(Message.SCHEMA_VALIDATION_ENABLED, "IN");
        limits.applyTo(factory.getProperties());

        RequestLogInterceptor logOut = RequestLogInterceptor.out();
        AuthInterceptor auth = new AuthInterceptor(directory, versions.namespaces());
        factory.getInInterceptors().add(RequestMetricsInterceptor.in(steering.metrics()));
        factory.getInInterceptors().add(RequestLogInterceptor.in());
        factory.getInInterceptors().add(journal.in());
        factory.getInInterceptors().add(new ContentTypeVersionInterceptor());
        factory.getInInterceptors().add(new VersionInInterceptor(versions));
        factory.getInInterceptors().add(new RequestReaderInterceptor(limits));
        factory.getInInterceptors().add(new ExtraElementsInInterceptor(schema));
        factory.getInInterceptors().add(new OperationSelectionInterceptor());
        factory.getInInterceptors().add(auth);
        factory.getInInterceptors().add(new TrailingContentInterceptor());
        factory.getInInterceptors().add(new FaultInjectionInterceptor(steering.faults(), journal));
        Xml10OutputInterceptor xml10 = new Xml10OutputInterceptor();
        factory.getOutInterceptors().add(logOut);
        factory.getOutInterceptors().add(xml10);
        AbstractPhaseInterceptor<Message> journalOut = journal.out();
        factory.getOutInterceptors().add(journalOut);
        factory.getOutFaultInterceptors().add(journalOut);
        factory.getOutInterceptors().add(new VersionOutInterceptor(schema));
        factory.getOutInterceptors().add(new CachedItemsOutInterceptor(answers, schema, steering.metrics()));
        ResponseCompression compression = new ResponseCompression();
        factory.getOutInterceptors().add(compression);
        factory.getOutFaultInterceptors().add(compression);
        factory.getOutFaultInterceptors().add(xml10);
        factory.getOutFaultInterceptors().add(new FaultOutInterceptor(schema, auth.getUnderstoodHeaders()));
        factory.getOutFaultInterceptors().add(logOut);
        RequestMetricsInterceptor metricsOut = RequestMetricsInterceptor.out(steering.metrics());
        factory.getOutInterceptors().add(metricsOut);
        factory.getOutFaultInterceptors().add(metricsOut);
        Server server = factory.create();
        CxfWorkarounds.reuseValidators(server, bus);
        CxfWorkarounds.escapeTextDirectly(server);
        return server;
    }
}
