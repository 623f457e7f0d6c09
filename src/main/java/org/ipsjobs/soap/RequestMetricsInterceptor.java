package org.ipsjobs.soap;

import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.ipsjobs.metrics.RequestMetrics;

/**
 * Times each SOAP or plain-XML call for {@link RequestMetrics}: one instance notes the arrival at the
 * start of the in chain, another, at the end of the out and out-fault chains (the answer written, the
 * fault named), counts it under its entry point, API version, operation and outcome.
 */
final class RequestMetricsInterceptor extends AbstractPhaseInterceptor<Message> {

    private static final String STARTED = RequestMetricsInterceptor.class.getName() + ".started";
    private static final String COUNTED = RequestMetricsInterceptor.class.getName() + ".counted";

    private final RequestMetrics metrics;
    private final boolean start;

    private RequestMetricsInterceptor(String phase, RequestMetrics metrics, boolean start) {
        super(phase);
        this.metrics = metrics;
        this.start = start;
    }

    static RequestMetricsInterceptor in(RequestMetrics metrics) {
        return new RequestMetricsInterceptor(Phase.RECEIVE, metrics, true);
    }

    static RequestMetricsInterceptor out(RequestMetrics metrics) {
        return new RequestMetricsInterceptor(Phase.SEND_ENDING, metrics, false);
    }

    @Override
    public void handleMessage(Message message) {
        Exchange exchange = message.getExchange();
        if (start) {
            exchange.put(STARTED, System.nanoTime());
            return;
        }
        Long started = (Long) exchange.get(STARTED);
        if (started == null || exchange.put(COUNTED, Boolean.TRUE) != null) {
            return;
        }
        String entryPoint = switch (JournalRecorder.entryPoint(exchange.getInMessage())) {
            case "plain XML" -> RequestMetrics.PLAIN_XML;
            case "SOAP 1.2" -> RequestMetrics.SOAP_12;
            default -> RequestMetrics.SOAP_11;
        };
        ApiVersion version = exchange.get(ApiVersion.class);
        BindingOperationInfo op = exchange.getBindingOperationInfo();
        IpsFault fault = exchange.get(IpsFault.class);
        metrics.record(entryPoint, version == null ? null : version.id(), op == null ? null : op.getName().getLocalPart(),
                fault == null ? 0 : fault.code(), System.nanoTime() - started);
    }
}
