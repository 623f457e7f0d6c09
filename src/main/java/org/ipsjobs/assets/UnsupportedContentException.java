package org.ipsjobs.assets;

/** A file whose content the service does not take: an unknown format, or an image too large to be real. */
public final class UnsupportedContentException extends Exception {

    public UnsupportedContentException(String message) {
        super(message);
    }
}
