package org.ipsjobs.server;

import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * The server could not open its port: it is taken, the address is not this machine's, or the name
 * does not resolve. The message is one sentence that says which, with the host and port.
 */
public final class CannotListenException extends RuntimeException {

    /** Why the port could not be opened. */
    public enum Reason {
        /** Something else listens on the port already. */
        PORT_IN_USE,
        /** The host is not an address of this machine. */
        ADDRESS_NOT_LOCAL,
        /** The host name does not resolve to an address. */
        UNKNOWN_HOST,
        /** The operating system refused (a port below 1024 without privileges, for example). */
        NOT_PERMITTED,
        /** Any other refusal; the message carries the operating system's words. */
        OTHER
    }

    private final Reason reason;

    private CannotListenException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The failure to open {@code host:port} that {@code e} reports, or null when {@code e} is about
     * something else.
     */
    static CannotListenException from(String host, int port, Throwable e) {
        String where = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return new CannotListenException(Reason.UNKNOWN_HOST, "cannot listen on " + where + ": the host name '"
                        + host + "' does not resolve to an address", e);
            }
            if (t instanceof BindException b) {
                String os = b.getMessage() == null ? "" : b.getMessage();
                String lower = os.toLowerCase(Locale.ROOT);
                if (lower.contains("in use")) {
                    return new CannotListenException(Reason.PORT_IN_USE, "cannot listen on " + where + ": port " + port
                            + " is already in use (is the server running already?); stop what holds it, or choose"
                            + " another port", e);
                }
                if (lower.contains("assign requested address")) {
                    return new CannotListenException(Reason.ADDRESS_NOT_LOCAL, "cannot listen on " + where + ": "
                            + host + " is not an address of this machine", e);
                }
                if (lower.contains("permission denied") || lower.contains("access")) {
                    return new CannotListenException(Reason.NOT_PERMITTED, "cannot listen on " + where + ": permission"
                            + " denied" + (port < 1024 ? " (ports below 1024 need privileges)" : ""), e);
                }
                return new CannotListenException(Reason.OTHER, "cannot listen on " + where + ": " + os, e);
            }
        }
        return null;
    }
}
