package org.ipsjobs.soap;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.OperationPermissions;

/** Refuses, with authorizationFault 20003, an operation the caller's role may not call. */
final class OperationAccessInterceptor extends AbstractPhaseInterceptor<Message> {

    OperationAccessInterceptor() {
        super(Phase.PRE_INVOKE);
    }

    @Override
    public void handleMessage(Message message) {
        BindingOperationInfo operation = message.getExchange().getBindingOperationInfo();
        Caller caller = message.getExchange().get(Caller.class);
        if (operation == null || caller == null) {
            return; // nothing to invoke; the empty-body and auth checks answer those
        }
        try {
            OperationPermissions.check(caller, operation.getName().getLocalPart());
        } catch (RuntimeException e) {
            throw new Fault(e);
        }
    }
}
