package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            // old local mean times have offsets with seconds, which xsd:dateTime cannot write: those go out in UTC
            OffsetDateTime written = value.getOffset().getTotalSeconds() % 60 == 0 ? value
                    : value.withOffsetSameInstant(ZoneOffset.UTC);
            assertThat(XmlDateTime.print(value)).as("%s", value).isEqualTo(PATTERN.format(written));
        }
    }

    @Test
    void edgesAreWrittenAsValidXsdDateTimes() {
        for (OffsetDateTime value : List.of(
                OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.ofHours(14)),
                OffsetDateTime.of(-5, 6, 7, 8, 9, 10, 0, ZoneOffset.ofHours(-12)))) {
            assertThat(XmlDateTime.print(value)).as("%s", value).isEqualTo(PATTERN.format(value));
        }
        // xsd:dateTime never has a plus before the year, nor seconds in the offset
        assertThat(XmlDateTime.print(OffsetDateTime.of(10_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)))
                .isEqualTo("10000-01-01T00:00:00.000Z");
        assertThat(XmlDateTime.print(OffsetDateTime.of(2007, 10, 13, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(1, 2, 3))))
                .isEqualTo("2007-10-12T22:57:57.000Z");
        assertThat(XmlDateTime.print(null)).isNull();
        assertThat(XmlDateTime.print(OffsetDateTime.of(2007, 10, 13, 0, 0, 0, 0, ZoneOffset.ofHours(-7))))
                .isEqualTo("2007-10-13T00:00:00.000-07:00");
    }

    @Test
    void readsOnlyFourDigitYears() {
        assertThat(XmlDateTime.parse("2026-01-31T09:30:00Z").toInstant()).isEqualTo(Instant.parse("2026-01-31T09:30:00Z"));
        for (String text : List.of("-999999999-01-01T00:00:00Z", "292278995-01-01T00:00:00Z", "+2026-01-01T00:00:00Z",
                "10000-01-01T00:00:00Z", "2026-13-45T99:99:99Z", "next tuesday", "")) {
            assertThatThrownBy(() -> XmlDateTime.parse(text)).as(text)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xsd:dateTime");
        }
    }
}
