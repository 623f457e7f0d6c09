package org.ipsjobs.schedule;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.quartz.CronExpression;

/**
 * A recurring schedule as a client wrote it, with the Quartz cron expression it stands for.
 *
 * <p>Two notations are accepted. The IPS notation has five fields, {@code seconds minutes hours
 * day-of-month month} (the documented sample is {@code "00 00 00 * * "}, every midnight); it has no
 * day-of-week field, so one is added as {@code ?}. A Quartz cron expression (six or seven fields) is
 * taken as it is. Anything else is refused with an {@link InvalidScheduleException} that says why.
 *
 * @param text the schedule exactly as submitted, echoed back by getScheduledJobs
 * @param cron the equivalent Quartz cron expression
 */
public record ScheduleExpression(String text, String cron) {

    public ScheduleExpression {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(cron, "cron");
    }

    /** Parses either notation; never returns null. */
    public static ScheduleExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidScheduleException("execSchedule is empty");
        }
        String[] fields = text.trim().split("\\s+");
        String cron;
        if (fields.length == 5) {
            // IPS notation: no day-of-week field; Quartz wants exactly one of the two day fields to be '?'
            String dayOfWeek = "?".equals(fields[3]) ? "*" : "?";
            cron = String.join(" ", fields) + " " + dayOfWeek;
        } else if (fields.length == 6 || fields.length == 7) {
            cron = String.join(" ", fields);
        } else {
            throw new InvalidScheduleException("execSchedule '" + text + "' has " + fields.length
                    + " fields; expected 5 (IPS: seconds minutes hours day-of-month month) or 6-7 (Quartz cron)");
        }
        checkRanges(text, cron.split(" "));
        try {
            CronExpression.validateExpression(cron);
        } catch (ParseException e) {
            throw new InvalidScheduleException("execSchedule '" + text + "' is not a valid schedule (near character "
                    + (e.getErrorOffset() + 1) + "); " + NOTATIONS);
        } catch (RuntimeException e) {
            // Quartz's parser fails with unchecked exceptions on some malformed fields
            throw new InvalidScheduleException("execSchedule '" + text + "' is not a valid schedule; " + NOTATIONS);
        }
        return new ScheduleExpression(text, cron);
    }

    /**
     * The first time the schedule fires after the given instant, in the given zone; empty when it
     * never fires again (a date that does not exist, such as 31 February, or a year in the past).
     */
    public java.util.Optional<Instant> nextFireAfter(Instant after, ZoneId zone) {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            Date next = expression.getNextValidTimeAfter(Date.from(after));
            return java.util.Optional.ofNullable(next).map(Date::toInstant);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidScheduleException("execSchedule '" + text + "' is not a valid schedule; " + NOTATIONS);
        }
    }

    private static final String NOTATIONS = "write 'seconds minutes hours day-of-month month' (every midnight is"
            + " '00 00 00 * * ') or a Quartz cron expression";

    private static final String[] FIELD_NAMES = {"seconds", "minutes", "hours", "day-of-month", "month"};
    private static final int[][] RANGES = {{0, 59}, {0, 59}, {0, 23}, {1, 31}, {1, 12}};
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** Quartz reads some out-of-range numbers (99 seconds) without complaint, so the ranges are checked here. */
    private static void checkRanges(String text, String[] fields) {
        for (int i = 0; i < RANGES.length; i++) {
            Matcher m = NUMBER.matcher(fields[i]);
            while (m.find()) {
                // more digits than any field allows would overflow an int; they are out of range anyway
                int value = m.group().length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(m.group());
                boolean increment = m.start() > 0 && fields[i].charAt(m.start() - 1) == '/';
                if (!increment && (value < RANGES[i][0] || value > RANGES[i][1])) {
                    throw new InvalidScheduleException("execSchedule '" + text + "': " + FIELD_NAMES[i] + " value "
                            + m.group() + " is outside " + RANGES[i][0] + "-" + RANGES[i][1]);
                }
            }
        }
    }
}
