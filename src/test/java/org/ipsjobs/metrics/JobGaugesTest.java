package org.ipsjobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.ipsjobs.jobs.model.JobState;
import org.ipsjobs.jobs.model.JobType;
import org.junit.jupiter.api.Test;

class JobGaugesTest {

    @Test
    void gaugesOverLambdasStillReadAfterACollection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        int[] values = {7, 3, 1, 4}; // captured, so each lambda is an object of its own, as a method reference is
        JobGauges.register(registry, (state, type) -> state == JobState.DONE && type == JobType.EXPORT ? values[0] : 0,
                () -> values[1], () -> values[2], () -> values[3]);

        // Micrometer holds a gauge's state weakly unless told otherwise; the suppliers here are
        // referenced by nothing else, so a collection would take them and the gauges would read NaN
        System.gc();

        assertThat(registry.get("ips.job.queue.depth").gauge().value()).isEqualTo(3);
        assertThat(registry.get("ips.job.workers").gauge().value()).isEqualTo(4);
        assertThat(registry.get("ips.job.runs").tag("state", "Done").tag("type", "Export").gauge().value())
                .isEqualTo(7);
    }
}
