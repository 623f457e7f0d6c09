package org.ipsjobs.soap;

import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.ipsjobs.auth.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one INFO line per request: operation, caller, client application, outcome and time taken.
 * Passwords never appear. One instance marks the start on the way in; another, on the out and
 * out-fault chains, writes the line.
 */
public final class RequestLogInterceptor extends AbstractPhaseInterceptor<Message> {

    private static final Logger LOG = LoggerFactory.getLogger("org.ipsjobs.requests");
    private static final String STARTED = RequestLogInterceptor.class.getName() + ".started";

    private final boolean start;

    private RequestLogInterceptor(String phase, boolean start) {
        super(phase);
        this.start = start;
    }

    /** The interceptor for the in chain. */
    public static RequestLogInterceptor in() {
        return new RequestLogInterceptor(Phase.RECEIVE, true);
    }

    /** The interceptor for the out and out-fault chains. */
    public static RequestLogInterceptor out() {
        return new RequestLogInterceptor(Phase.WRITE, false); // after FaultOutInterceptor has named the fault
    }

    @Override
    public void handleMessage(Message message) {
        Exchange exchange = message.getExchange();
        if (start) {
            exchange.put(STARTED, System.nanoTime());
            return;
        }
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Long started = (Long) exchange.get(STARTED);
        long micros = started == null ? -1 : (System.nanoTime() - started) / 1000;
        BindingOperationInfo op = exchange.getBindingOperationInfo();
        Caller caller = exchange.get(Caller.class);
        RequestCredentials request = exchange.get(RequestCredentials.class);
        IpsFault fault = exchange.get(IpsFault.class);
        LOG.info("{} user={} app={}/{} {} {}ms",
                op == null ? "-" : op.getName().getLocalPart(),
                caller == null ? (request != null && request.credentials() != null ? request.credentials().user() + "(rejected)" : "-")
                        : caller.email(),
                request == null || request.appName() == null ? "-" : request.appName(),
                request == null || request.appVersion() == null ? "-" : request.appVersion(),
                fault == null ? "ok" : "fault " + fault.code(),
                millis(micros));
    }

    /** Milliseconds with one decimal; plain arithmetic, as String.format costs more than the rest of the line. */
    static String millis(long micros) {
        if (micros < 0) {
            return "?";
        }
        long tenths = (micros + 50) / 100;
        return tenths / 10 + "." + tenths % 10;
    }
}
