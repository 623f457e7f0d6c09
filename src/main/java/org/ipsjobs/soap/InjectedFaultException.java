package org.ipsjobs.soap;

/** A fault a test's fault rule asked for, answered exactly as given. */
final class InjectedFaultException extends RuntimeException {

    private final IpsFault fault;

    InjectedFaultException(IpsFault fault) {
        super(fault.reason(), null, false, false);
        this.fault = fault;
    }

    IpsFault fault() {
        return fault;
    }
}
