package org.ipsjobs.server;

import java.util.function.Predicate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The service's logging when nobody configured any: one line per event on standard output through a
 * {@link BatchingConsoleAppender}, INFO and above, CXF, Jetty and Quartz at WARN. Logback finds it as a
 * service (META-INF/services) and asks it before looking for configuration files.
 *
 * <p>Built in code rather than read from a logback.xml in the jar because reading that file (Joran
 * and its XML parser) took about 0.3 s of CPU at start-up, a tenth of the time to the first answer.
 * Whoever configures logback the usual ways still wins: {@code -Dlogback.configurationFile=FILE}, or
 * a {@code logback-test.xml} or {@code logback.xml} on the class path (a test suite running the
 * service in process, say); then this steps aside and logback reads that file as always.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class ServiceLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n";

    private final Predicate<String> resourceExists;
    private final Predicate<String> propertySet;

    /** What logback calls. */
    public ServiceLogging() {
        this(name -> ServiceLogging.class.getClassLoader().getResource(name) != null,
                name -> System.getProperty(name) != null);
    }

    ServiceLogging(Predicate<String> resourceExists, Predicate<String> propertySet) {
        this.resourceExists = resourceExists;
        this.propertySet = propertySet;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (propertySet.test("logback.configurationFile") || resourceExists.test("logback-test.xml")
                || resourceExists.test("logback.xml")) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        BatchingConsoleAppender console = new BatchingConsoleAppender();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        for (String quiet : new String[] {"org.apache.cxf", "org.eclipse.jetty", "org.quartz"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
