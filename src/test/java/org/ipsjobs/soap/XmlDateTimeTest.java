package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class XmlDateTimeTest {

    private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    @Test
    void printsWhatThePatternPrintsForManyInstantsAndZones() {
        Random random = new Random(42);
        List<ZoneId> zones = List.of(ZoneOffset.UTC, ZoneId.of("Europe/Berlin"), ZoneId.of("America/Los_Angeles"),
                ZoneId.of("Asia/Kolkata"), ZoneId.of("America/St_Johns"), ZoneId.of("Pacific/Chatham"),
                ZoneId.of("Pacific/Kiritimati"), ZoneOffset.ofHoursMinutes(-9, -30));
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong() % 250_000_000_000L, random.nextInt(1_000_000_000));
            OffsetDateTime value = OffsetDateTime.ofInstant(instant, zones.get(i % zones.size()));
            assertThat(XmlDateTime.print(value)).as("%s", value).isEqualTo(PATTERN.format(value));
        }
    }

    @Test
    void edgesAreWrittenLikeThePattern() {
        for (OffsetDateTime value : List.of(
                OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.ofHours(14)),
                OffsetDateTime.of(10_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(-5, 6, 7, 8, 9, 10, 0, ZoneOffset.ofHours(-12)),
                OffsetDateTime.of(2007, 10, 13, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(1, 2, 3)))) {
            assertThat(XmlDateTime.print(value)).as("%s", value).isEqualTo(PATTERN.format(value));
        }
        assertThat(XmlDateTime.print(null)).isNull();
        assertThat(XmlDateTime.print(OffsetDateTime.of(2007, 10, 13, 0, 0, 0, 0, ZoneOffset.ofHours(-7))))
                .isEqualTo("2007-10-13T00:00:00.000-07:00");
    }
}
