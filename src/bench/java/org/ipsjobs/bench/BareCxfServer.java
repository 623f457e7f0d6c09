package org.ipsjobs.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;

import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.control.FaultRules;
import org.ipsjobs.control.RequestJournal;
import org.ipsjobs.ipsapi.IpsApiPortType;
import org.ipsjobs.metrics.LabelValues;
import org.ipsjobs.metrics.RequestMetrics;
import org.ipsjobs.metrics.ServiceMetrics;
import org.ipsjobs.server.BenchServerWiring;
import org.ipsjobs.server.ConnectionLimits;
import org.ipsjobs.server.ServiceSettings;
import org.ipsjobs.soap.ApiVersion;
import org.ipsjobs.soap.ApiVersions;
import org.ipsjobs.soap.BenchInterceptorLadder;
import org.ipsjobs.soap.BenchInterceptorLadder.Step;
import org.ipsjobs.soap.CxfWorkarounds;
import org.ipsjobs.soap.IpsApiPublisher;
import org.ipsjobs.soap.WsdlQueryFilter;

/**
 * The bare CXF references, each a plain JaxWsServerFactoryBean endpoint of the IPS contract behind
 * CXFNonSpringServlet on Jetty set up as the service sets it up (see {@link BareJetty}):
 * <ul>
 * <li>{@code bare --config FILE --port N}: the no-op implementation ({@link NoopIpsApi}), none of the
 * service's interceptors, no schema validation: the floor every ratio is taken against;</li>
 * <li>{@code prebuilt --config FILE --port N --answers W2FILE,W4FILE}: the same bare endpoint whose
 * getActiveJobs and getJobLogs return objects unmarshalled once from the service's own answers
 * ({@link PrebuiltAnswerIpsApi}), so CXF marshals an answer of the service's size on every call;</li>
 * <li>{@code ladder --config FILE --ports P0,P1,...}: one server per {@link Step} in this JVM, the
 * first bare and each next one with one more group of the service's interceptors or wiring, for the
 * table of what each costs.</li>
 * </ul>
 */
public final class BareCxfServer {

    private BareCxfServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if ("startup".equals(args[0])) {
            // the start-up reference: CXF publishing the same WSDL and port type on Jetty, nothing else
            // (no configuration file, no store, no metrics, no interceptor of ours)
            Bus bus = BusFactory.newInstance().createBus();
            CXFNonSpringServlet servlet = new CXFNonSpringServlet();
            servlet.setBus(bus);
            BenchInterceptorLadder.publish(bus, new NoopIpsApi(), Step.BARE, null);
            BareJetty.start("127.0.0.1", Integer.parseInt(options.get("port")), ConnectionLimits.defaults(), servlet,
                    (context, jetty) -> context);
            System.out.println("bare CXF server ready: " + String.join(" ", args));
            Thread.currentThread().join();
            return;
        }
        ServiceSettings settings = ServiceSettings.load(Path.of(options.get("config")));
        BenchInterceptorLadder.Collaborators collaborators = collaborators(settings);
        switch (args[0]) {
            case "bare" -> start(Step.BARE, new NoopIpsApi(), Integer.parseInt(options.get("port")), settings,
                    collaborators);
            case "prebuilt" -> {
                String[] files = options.get("answers").split(",");
                start(Step.BARE, PrebuiltAnswerIpsApi.fromAnswers(Path.of(files[0]), Path.of(files[1])),
                        Integer.parseInt(options.get("port")), settings, collaborators);
            }
            case "ladder" -> {
                String[] ports = options.get("ports").split(",");
                if (ports.length != Step.values().length) {
                    throw new IllegalArgumentException("one port per step: " + Step.values().length);
                }
                for (Step step : Step.values()) {
                    start(step, new NoopIpsApi(), Integer.parseInt(ports[step.ordinal()]), settings, collaborators);
                }
            }
            default -> throw new IllegalArgumentException("bare|prebuilt|ladder, not " + args[0]);
        }
        System.out.println("bare CXF server ready: " + String.join(" ", args));
        Thread.currentThread().join();
    }

    /**
     * The simplest real collaborators the interceptors need: the bench config's users (its PBKDF2
     * user), a journal of the shipped size, no fault rules, and the service's Prometheus registry
     * labelled as the service labels it.
     */
    static BenchInterceptorLadder.Collaborators collaborators(ServiceSettings settings) {
        ApiVersions versions = ApiVersions.load();
        Clock clock = Clock.systemUTC();
        ServiceMetrics meters = new ServiceMetrics();
        RequestMetrics metrics = new RequestMetrics(meters.registry(), new LabelValues(
                versions.all().stream().map(ApiVersion::id).collect(Collectors.toSet()),
                IpsApiPublisher.operationNames()));
        return new BenchInterceptorLadder.Collaborators(new UserDirectory(settings.companies(), settings.users(), clock),
                new RequestJournal(settings.admin().journalSize(), settings.admin().journalBodies()), new FaultRules(),
                metrics, meters.registry(), settings.limits(), versions, clock);
    }

    /** Starts one Jetty with the endpoint and the groups up to {@code upTo}. */
    static Server start(Step upTo, IpsApiPortType implementation, int port, ServiceSettings settings,
            BenchInterceptorLadder.Collaborators collaborators) throws Exception {
        boolean ourWiring = upTo.ordinal() >= Step.SERVLET_AND_BUS.ordinal();
        // a bus exactly as CXF makes it, unless the step adds the service's own settings of it
        Bus bus = ourWiring ? CxfWorkarounds.newBus(BareCxfServer.class.getClassLoader())
                : BusFactory.newInstance().createBus();
        HttpServlet servlet;
        if (ourWiring) {
            servlet = BenchServerWiring.cxfServlet(bus);
        } else {
            CXFNonSpringServlet plain = new CXFNonSpringServlet();
            plain.setBus(bus);
            servlet = plain;
        }
        BenchInterceptorLadder.publish(bus, implementation, upTo, collaborators);
        return BareJetty.start(settings.host(), port, settings.connections(), servlet, (context, jetty) -> {
            Handler handler = context;
            if (upTo.ordinal() >= Step.REQUEST_GATE.ordinal()) {
                handler = BenchServerWiring.requestGate(handler, settings);
            }
            if (ourWiring) {
                ((ServletContextHandler) context).addFilter(new FilterHolder(new WsdlQueryFilter(
                        "/webservice/" + collaborators.versions().canonical().wsdlName())), "/services/*",
                        java.util.EnumSet.of(DispatcherType.REQUEST));
                handler = new GracefulHandler(handler);
                JettyConnectionMetrics.addToAllConnectors(jetty, collaborators.registry());
            }
            return handler;
        });
    }
}
