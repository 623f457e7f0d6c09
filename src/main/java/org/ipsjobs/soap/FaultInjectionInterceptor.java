package org.ipsjobs.soap;

import java.util.Arrays;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.ipsjobs.auth.Caller;
import org.ipsjobs.control.FaultEffect;
import org.ipsjobs.control.FaultRules;

/**
 * Applies the fault rules a test added for calls, once the call is authenticated and valid (so a
 * rule never hides a mistake of the client's): answer with a given IPS fault, answer late, or drop
 * the connection. Costs nothing while there are no rules.
 */
final class FaultInjectionInterceptor extends AbstractPhaseInterceptor<Message> {

    /** Request attribute naming how the connection is to be dropped ({@code reset} or {@code empty}). */
    static final String DISCONNECT = "org.ipsjobs.disconnect";

    private final FaultRules rules;
    private final JournalRecorder journal;

    FaultInjectionInterceptor(FaultRules rules, JournalRecorder journal) {
        super(Phase.PRE_INVOKE);
        this.rules = rules;
        this.journal = journal;
    }

    @Override
    public void handleMessage(Message message) {
        if (rules.isEmpty()) {
            return;
        }
        Exchange exchange = message.getExchange();
        BindingOperationInfo op = exchange.getBindingOperationInfo();
        if (op == null) {
            return;
        }
        Caller caller = exchange.get(Caller.class);
        CallFacts facts = CallFacts.of(message);
        Optional<FaultEffect> effect = rules.forCall(op.getName().getLocalPart(), caller == null ? null : caller.email(),
                facts.company(), facts.jobName(), facts.jobType());
        if (effect.isEmpty()) {
            return;
        }
        if (effect.get() instanceof FaultEffect.Answer answer) {
            IpsFault.Kind kind = Arrays.stream(IpsFault.Kind.values()).filter(k -> k.element().equals(answer.type()))
                    .findFirst().orElse(IpsFault.Kind.IPS_API);
            throw new Fault(new InjectedFaultException(new IpsFault(kind, answer.code(), answer.reason(),
                    answer.code() != IpsFault.EXCEPTION)));
        }
        if (effect.get() instanceof FaultEffect.Delay delay) {
            try {
                Thread.sleep(delay.by().toMillis()); // a slow server, in real time: what a client's timeout sees
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (effect.get() instanceof FaultEffect.Disconnect disconnect) {
            HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
            if (request != null) {
                request.setAttribute(DISCONNECT, disconnect.reset() ? "reset" : "empty");
            }
            // nothing is invoked and nothing is written: the servlet drops the connection
            message.getInterceptorChain().abort();
            journal.record(exchange, null);
        }
    }
}
