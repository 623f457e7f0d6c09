package org.ipsjobs.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceLoggingTest {

    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    private ExecutionStatus configure(Set<String> resources, Set<String> properties) {
        ServiceLogging logging = new ServiceLogging(resources::contains, properties::contains);
        logging.setContext(context);
        return logging.configure(context);
    }

    @Test
    void withNothingConfiguredTheServiceLogsInfoLinesThroughTheBatchingAppender() {
        assertThat(configure(Set.of(), Set.of())).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("STDOUT")).isInstanceOf(BatchingConsoleAppender.class)
                .matches(a -> a.isStarted());
        assertThat(context.getLogger("org.ipsjobs.requests").isInfoEnabled()).isTrue();
        assertThat(context.getLogger("org.apache.cxf.phase.PhaseInterceptorChain").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.quartz.core").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void aConfigurationFileOfTheUsersTakesPrecedence() {
        for (ExecutionStatus status : new ExecutionStatus[] {
                configure(Set.of("logback.xml"), Set.of()),
                configure(Set.of("logback-test.xml"), Set.of()),
                configure(Set.of(), Set.of("logback.configurationFile"))}) {
            assertThat(status).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        }
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }
}
