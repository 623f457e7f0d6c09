package org.ipsjobs.soap;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;

import jakarta.xml.bind.DatatypeConverter;

/**
 * Converts xsd:dateTime to and from {@link OffsetDateTime} for the generated JAXB types.
 *
 * <p>Output always carries milliseconds and an offset ({@code 2007-10-13T00:00:00.000-07:00}), the
 * form IPS writes. Input accepts every xsd:dateTime lexical form; a value without an offset is read
 * in the JVM's default time zone, which is the server's.
 */
public final class XmlDateTime {

    private static final DateTimeFormatter REST = DateTimeFormatter.ofPattern("-MM-dd'T'HH:mm:ss.SSSXXX");

    private XmlDateTime() {
    }

    public static OffsetDateTime parse(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        // four-digit years only: the service never needs others, and the calendar arithmetic below
        // misbehaves for years far from now
        if (trimmed.length() < 5 || trimmed.charAt(4) != '-' || !Character.isDigit(trimmed.charAt(0))) {
            throw new IllegalArgumentException("'" + trimmed + "' is not an xsd:dateTime with a four-digit year,"
                    + " such as 2026-01-31T09:30:00Z");
        }
        Calendar calendar;
        try {
            calendar = DatatypeConverter.parseDateTime(trimmed);
            return OffsetDateTime.ofInstant(calendar.toInstant(), ZoneId.of(calendar.getTimeZone().getID()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not an xsd:dateTime such as 2026-01-31T09:30:00Z");
        }
    }

    /**
     * Writes the value as {@code uuuu-MM-dd'T'HH:mm:ss.SSSXXX}. Answers carry many dates (a listing of 20
     * running jobs has about 180), so the common case, a four-digit year and an offset of whole minutes,
     * is written digit by digit; anything else goes through the formatter.
     */
    public static String print(OffsetDateTime value) {
        if (value == null) {
            return null;
        }
        int year = value.getYear();
        int offset = value.getOffset().getTotalSeconds();
        if (offset % 60 != 0) {
            // xsd:dateTime offsets have no seconds (old local mean times do): write such a moment in UTC
            return print(value.withOffsetSameInstant(java.time.ZoneOffset.UTC));
        }
        if (year < 0 || year > 9999) {
            // xsd:dateTime writes long years plainly and negative ones with a minus, never with a plus
            return (year < 0 ? "-" : "") + String.format("%04d", Math.abs((long) year)) + REST.format(value);
        }
        char[] out = new char[29];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, value.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, value.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, value.getHour(), 2);
        out[13] = ':';
        digits(out, 14, value.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, value.getSecond(), 2);
        out[19] = '.';
        digits(out, 20, value.getNano() / 1_000_000, 3);
        if (offset == 0) {
            out[23] = 'Z';
            return new String(out, 0, 24);
        }
        int minutes = Math.abs(offset) / 60;
        out[23] = offset < 0 ? '-' : '+';
        digits(out, 24, minutes / 60, 2);
        out[26] = ':';
        digits(out, 27, minutes % 60, 2);
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
