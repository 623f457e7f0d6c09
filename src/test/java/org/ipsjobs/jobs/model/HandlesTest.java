package org.ipsjobs.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Job and run handles have the forms the real IPS answered with. */
class HandlesTest {

    @Test
    void aJobHandleCarriesTheCompanyIdAndTheName() {
        assertThat(JobHandle.of("c|110", "katlyn").value()).isEqualTo("j|110|katlyn||");
        assertThat(JobHandle.of("47", "Nightly").value()).isEqualTo("j|47|Nightly||");
        assertThat(JobHandle.of("c|110", "katlyn").companyHandle()).isEqualTo("c|110");
        for (String name : new String[] {"katlyn", "a|pipe||in it", " ", "c|"}) {
            assertThat(JobHandle.of("c|110", name).name()).isEqualTo(name);
            assertThat(JobHandle.of("47", name).name()).isEqualTo(name);
        }
    }

    @Test
    void aRunIdIsReadFromTheEndOfARunHandle() {
        assertThat(RunHandle.runIdOf("j|110||upload_2011-03-30-14:32:08.834|5129821")).isEqualTo(5129821);
        assertThat(RunHandle.runIdOf("j|110|upload||")).isEqualTo(-1);
        assertThat(RunHandle.runIdOf("j|110||upload_2011-03-30-14:32:08.834|12x")).isEqualTo(-1);
        assertThat(RunHandle.runIdOf("j|1||u_2011-03-30-14:32:08.834|99999999999999999999")).as("too long").isEqualTo(-1);
        assertThat(RunHandle.runIdOf(null)).isEqualTo(-1);
    }

    @Test
    void aRunHandleNamesTheRunByItsTriggerTimeInTheServersZone() {
        JobHandle job = JobHandle.of("c|110", "upload");
        Instant triggered = Instant.parse("2011-03-30T19:32:08.834Z");

        RunHandle run = RunHandle.of(job, 5129821, triggered, ZoneId.of("America/Chicago"));

        assertThat(run.instanceName()).isEqualTo("upload_2011-03-30-14:32:08.834");
        assertThat(run.value()).isEqualTo("j|110||upload_2011-03-30-14:32:08.834|5129821");
        assertThat(RunHandle.of(job, 7, Instant.parse("2026-01-01T00:00:00Z"), ZoneId.of("UTC")).value())
                .as("milliseconds are always written").isEqualTo("j|110||upload_2026-01-01-00:00:00.000|7");
    }

    @Test
    void theTriggerTimeIsWrittenLikeTheFormatterWouldForAnyInstantAndZone() {
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("uuuu-MM-dd-HH:mm:ss.SSS");
        Random random = new Random(20261201);
        ZoneId[] zones = {ZoneId.of("UTC"), ZoneId.of("America/Chicago"), ZoneId.of("Asia/Kathmandu"),
            ZoneId.of("Pacific/Kiritimati"), ZoneId.of("Europe/Berlin")};
        long latest = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 20_000; i++) {
            Instant at = Instant.ofEpochMilli(i < 10 ? latest - i : Math.floorMod(random.nextLong(), latest));
            ZoneId zone = zones[i % zones.length];
            StringBuilder written = new StringBuilder();
            RunHandle.appendStamp(written, at, zone);
            assertThat(written.toString()).as(at + " in " + zone).isEqualTo(stamp.format(at.atZone(zone)));
        }
    }

    @Test
    void aRunHandleNamesItsJob() {
        for (String name : new String[] {"upload", "with_underscore_2026-01-01", "a|pipe||in it", " "}) {
            JobHandle job = JobHandle.of("c|110", name);
            RunHandle run = RunHandle.of(job, 42, Instant.parse("2026-01-01T00:00:00Z"), ZoneId.of("UTC"));
            assertThat(RunHandle.jobHandleOf(run.value())).as(name).contains(job.value());
            assertThat(run.instanceName()).isEqualTo(name + "_2026-01-01-00:00:00.000");
        }
        // a clock moved past the year 9999 writes a longer trigger time
        RunHandle late = RunHandle.of(JobHandle.of("c|110", "late_run"), 7, Instant.parse("+10000-01-01T00:00:00Z"),
                ZoneId.of("UTC"));
        assertThat(RunHandle.jobHandleOf(late.value())).contains("j|110|late_run||");
        assertThat(RunHandle.jobHandleOf("j|110|upload||")).as("a job handle").isEmpty();
        assertThat(RunHandle.jobHandleOf("j|110||upload_2026-01-01-00:00:00.000|")).as("no run id").isEmpty();
        assertThat(RunHandle.jobHandleOf("anything")).isEmpty();
        assertThat(RunHandle.jobHandleOf(null)).isEmpty();
    }
}
