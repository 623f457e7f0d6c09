package org.ipsjobs.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Logs and runs keep their lines and item progress flat ({@link LogLines}, {@link TaskItems}) and
 * share repeated texts and options: none of that may change what a reader gets back.
 */
class FlatRecordsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final JobHandle JOB = JobHandle.of("c|7", "nightly publish");
    private static final RunHandle RUN = RunHandle.of(JOB, 3, T0, java.time.ZoneOffset.UTC);

    @Test
    void aLogGivesBackTheLinesItWasWrittenWith() {
        List<LogDetail> written = List.of(
                new LogDetail("JobBegin", LogMessage.of("job.begin", "nightly publish", "2"), T0, null, null, null),
                new LogDetail("FileSuccess", LogMessage.of("item.created", "a.jpg", "a|7|1"), T0.plusMillis(5),
                        "a.jpg", "NoType", "a|7|1"),
                new LogDetail("FileWarning", LogMessage.of("literal", "nightly publish"), T0.plusMillis(6), "b.jpg",
                        "Image", null),
                // an argument that reads like the mark the log keeps the job's name as is still itself
                new LogDetail("FileError", LogMessage.of("literal", "(the job's name)"), T0.plusMillis(7), null, null,
                        null),
                new LogDetail("JobEnd", LogMessage.of("job.end"), T0.plusMillis(8), null, null, null));

        LogRecord log = new LogRecord(1, RUN, "u@example.com", null, null, JobType.IMAGE_SERVING_PUBLISH, "Full", T0,
                T0.plusMillis(8), 1, 0, 1, 2, false, written);

        assertThat(log.details()).isEqualTo(written).hasSize(5);
        assertThat(log.details().get(0).message()).isEqualTo(LogMessage.of("job.begin", "nightly publish", "2"));
        assertThat(log.details().get(2).message().args()).containsExactly("nightly publish");
        assertThat(log.details().get(3).message().args()).containsExactly("(the job's name)");
        assertThat(log.details().get(1).assetHandle()).isEqualTo("a|7|1");
        assertThat(log.details().get(2).assetType()).isEqualTo("Image");
        assertThat(log.details()).containsExactlyElementsOf(written);
        // a record copied with the same lines keeps them, and equal logs stay equal
        LogRecord copy = new LogRecord(1, RUN, "u@example.com", null, null, JobType.IMAGE_SERVING_PUBLISH, "Full", T0,
                T0.plusMillis(8), 1, 0, 1, 2, false, log.details());
        assertThat(copy).isEqualTo(log);
        assertThat(new LogRecord(2, RUN, "u@example.com", null, null, JobType.IMAGE_SERVING_PUBLISH, "", T0, T0, 0,
                0, 0, 0, false, List.of()).details()).isEmpty();
    }

    @Test
    void aTaskGivesBackItsItemsProgressAsReported() {
        List<TaskItemStatus> done = List.of(new TaskItemStatus("a.jpg", 1.0, "Done", T0),
                new TaskItemStatus("b.jpg", 1.0, "Failed", T0.plusSeconds(1)));
        List<TaskItemStatus> running = List.of(new TaskItemStatus("a.jpg", 1.0, "Done", T0),
                new TaskItemStatus("b.jpg", 0.5, "Processing", T0.plusSeconds(1)),
                new TaskItemStatus("c.jpg", 0.0, "Pending", T0), new TaskItemStatus("d.jpg", -0.0, "Pending", T0));

        for (List<TaskItemStatus> items : List.of(done, running, List.<TaskItemStatus>of())) {
            TaskStatus task = new TaskStatus("ImageServingPublish", "Running", 1, 1, 2, 0.25, "1 of 4", T0, items);
            assertThat(task.items()).isEqualTo(items).containsExactlyElementsOf(items);
        }
        TaskStatus task = new TaskStatus("t", "Running", 0, 0, 4, 0, "", T0, running);
        assertThat(Double.doubleToRawLongBits(task.items().get(3).progress()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void repeatedShortTextsAndOptionsAreKeptOnce() {
        String first = SharedText.of(new String("Increment"));
        assertThat(SharedText.of(new String("Increment"))).isSameAs(first).isEqualTo("Increment");
        String long1 = "x".repeat(SharedText.MAX_LENGTH + 1);
        assertThat(SharedText.of(new String(long1))).isNotSameAs(SharedText.of(new String(long1))).isEqualTo(long1);
        assertThat(SharedText.of(null)).isNull();

        Options a = new Options(List.of(Options.Option.text(new String("emailSetting"), new String("Error"))));
        Options b = new Options(List.of(Options.Option.text(new String("emailSetting"), new String("Error"))));
        assertThat(b.shared()).isSameAs(a.shared()).isEqualTo(a);
        Options big = new Options(List.of(Options.Option.text("note", "y".repeat(2000))));
        assertThat(big.shared()).isSameAs(big);
    }
}
