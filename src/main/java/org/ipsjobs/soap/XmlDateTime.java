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

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private XmlDateTime() {
    }

    public static OffsetDateTime parse(String text) {
        if (text == null) {
            return null;
        }
        Calendar calendar;
        try {
            calendar = DatatypeConverter.parseDateTime(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not an xsd:dateTime such as 2026-01-31T09:30:00Z");
        }
        return OffsetDateTime.ofInstant(calendar.toInstant(), ZoneId.of(calendar.getTimeZone().getID()));
    }

    public static String print(OffsetDateTime value) {
        return value == null ? null : OUT.format(value);
    }
}
