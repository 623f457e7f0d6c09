package org.ipsjobs.soap;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.ipsjobs.auth.Caller;

/** The caller of the request being served on this thread, as {@link AuthInterceptor} left it. */
final class CallerContext {

    private CallerContext() {
    }

    static Caller current() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        Caller caller = message == null ? null : message.getExchange().get(Caller.class);
        if (caller == null) {
            // the interceptor runs on every request; reaching here means the wiring is broken
            throw new IllegalStateException("no authenticated caller for this request");
        }
        return caller;
    }
}
