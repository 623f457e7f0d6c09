package org.ipsjobs.assets;

/** A path from a request that could reach outside the company's folder, or that no file could have. */
public final class UnsafePathException extends IllegalArgumentException {

    private final String field;

    public UnsafePathException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field the path came from (destPath, fileName ...). */
    public String field() {
        return field;
    }
}
