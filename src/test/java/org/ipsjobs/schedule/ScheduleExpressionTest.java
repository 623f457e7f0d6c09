package org.ipsjobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleExpressionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "00 00 00 * * |00 00 00 * * ?",
        "30 15 2 1 *|30 15 2 1 * ?",
        "0 0 12 ? *|0 0 12 ? * *",
        "0 0/5 * * * ?|0 0/5 * * * ?",
        "0 0 3 ? * MON-FRI 2030|0 0 3 ? * MON-FRI 2030"})
    void translatesIpsNotationAndKeepsQuartzCron(String text, String cron) {
        ScheduleExpression expression = ScheduleExpression.parse(text);
        assertThat(expression.text()).isEqualTo(text);
        assertThat(expression.cron()).isEqualTo(cron);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "daily", "0 0", "1 2 3 4 5 6 7 8", "99 00 00 * * ", "0 0 25 * * ?", "0 0 0 * * *", "0 99 0 * * ?", "0 0 0 32 *"})
    void refusesAnythingElseWithAReason(String text) {
        assertThatThrownBy(() -> ScheduleExpression.parse(text))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("execSchedule");
    }

    @Test
    void knowsWhenItFiresNextAndWhenNever() {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        ZoneId utc = ZoneOffset.UTC;
        assertThat(ScheduleExpression.parse("00 00 00 * * ").nextFireAfter(now, utc))
                .contains(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(ScheduleExpression.parse("0 0 0 31 2 ?").nextFireAfter(now, utc)).isEmpty();
        assertThat(ScheduleExpression.parse("0 0 0 * * ? 1970").nextFireAfter(now, utc)).isEmpty();
    }

    @Test
    void hugeNumbersAreOutOfRangeRatherThanAnError() {
        assertThatThrownBy(() -> ScheduleExpression.parse("99999999999 0 0 * *"))
                .isInstanceOf(InvalidScheduleException.class).hasMessageContaining("seconds value 99999999999");
    }
}
