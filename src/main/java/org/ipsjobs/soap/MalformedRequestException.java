package org.ipsjobs.soap;

/** A SOAP request whose shape makes it unreadable as an API call (IPS code 30003). */
final class MalformedRequestException extends RuntimeException {
    MalformedRequestException(String message) {
        super(message);
    }
}
