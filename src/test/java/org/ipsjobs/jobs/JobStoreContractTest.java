package org.ipsjobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JobStore} must do; each implementation runs it through a small subclass. */
abstract class JobStoreContractTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private JobStore store;

    protected abstract JobStore newStore();

    @BeforeEach
    void create() {
        store = newStore();
    }

    @Test
    void reservesUniqueNamesPerCompanyForGood() {
        assertThat(store.reserveName("47", "Nightly")).isEqualTo("Nightly");
        assertThat(store.reserveName("47", "Nightly")).isEqualTo("Nightly_2");
        assertThat(store.reserveName("47", "Nightly_3")).isEqualTo("Nightly_3");
        assertThat(store.reserveName("47", "Nightly")).isEqualTo("Nightly_4");
        assertThat(store.reserveName("48", "Nightly")).isEqualTo("Nightly");
    }

    @Test
    void storesRetrievesAndRemovesJobsAndRuns() {
        JobDefinition immediate = job("47", "A", new ExecTiming.Immediate());
        JobDefinition scheduled = job("47", "B", new ExecTiming.At(T0));
        store.storeJob(immediate);
        store.storeJob(scheduled);

        assertThat(store.retrieveJob("47|A|")).contains(immediate);
        assertThat(store.retrieveJob("47|nope|")).isEmpty();
        assertThat(store.retrieveJob(null)).isEmpty();
        assertThat(store.scheduledJobsOfCompany("47")).containsExactly(scheduled);
        assertThat(store.scheduledJobsOfCompany("99")).isEmpty();

        JobRun run = new JobRun(1, immediate, T0, 3, "queued");
        store.storeRun(run);
        assertThat(store.retrieveRun("47|A|")).contains(run);
        assertThat(store.runsOfCompany("47")).containsExactly(run);
        assertThat(store.runCount()).isEqualTo(1);

        JobRun next = new JobRun(2, immediate, T0, 3, "queued");
        store.storeRun(next);
        assertThat(store.removeRun(run)).as("no longer the current run").isFalse();
        assertThat(store.retrieveRun("47|A|")).contains(next);
        assertThat(store.removeRun(next)).isTrue();
        assertThat(store.runsOfCompany("47")).isEmpty();

        store.removeJob("47|B|");
        assertThat(store.scheduledJobsOfCompany("47")).isEmpty();
    }

    @Test
    void indexesLogsByJobCompanyAndAsset() {
        JobDefinition job = job("47", "Upload", new ExecTiming.Immediate());
        LogDetail line = new LogDetail("UploadSuccess", LogMessage.of("item.success", "x"), T0, "x.jpg", "NoType", "a|47|1");
        JobLogRecord first = new JobLogRecord(1, job, T0, T0, 1, 0, 0, 1, false, List.of(line));
        JobLogRecord second = new JobLogRecord(2, job, T0, T0, 1, 0, 0, 1, false, List.of(line));
        store.storeLog(first);
        store.storeLog(second);

        assertThat(store.logsOfJob("47|Upload|")).containsExactly(first, second);
        assertThat(store.logsOfCompany("47").toList()).containsExactly(second, first);
        assertThat(store.logsOfCompany("48").toList()).isEmpty();
        assertThat(store.assetLogs("47", "a|47|1")).extracting(AssetLogEntry::log).containsExactly(first, second);
        assertThat(store.assetLogs("48", "a|47|1")).isEmpty();
        assertThat(store.logCount()).isEqualTo(2);
    }

    private static JobDefinition job(String company, String name, ExecTiming timing) {
        return new JobDefinition(new JobHandle(company, name), name, "u@example.com", null, null, null, timing,
                new JobDetail(JobType.URL_UPLOAD, "", new Object(), List.of()), T0);
    }
}
