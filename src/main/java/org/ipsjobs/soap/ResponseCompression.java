package org.ipsjobs.soap;

import org.apache.cxf.message.Message;
import org.apache.cxf.transport.common.gzip.GZIPOutInterceptor;

/**
 * Gzip for responses as IPS does it: compressed when the request's Accept-Encoding allows gzip,
 * always when the authHeader says gzipResponse=true, never when it says false.
 */
final class ResponseCompression extends GZIPOutInterceptor {

    ResponseCompression() {
        super(0); // IPS compresses whatever the size once the client accepts gzip
    }

    @Override
    public UseGzip gzipPermitted(Message message) {
        RequestCredentials request = message.getExchange().get(RequestCredentials.class);
        Boolean wanted = request == null ? null : request.gzipResponse();
        if (Boolean.FALSE.equals(wanted)) {
            return UseGzip.NO;
        }
        if (Boolean.TRUE.equals(wanted)) {
            message.put(GZIP_ENCODING_KEY, "gzip");
            return UseGzip.FORCE;
        }
        return super.gzipPermitted(message);
    }
}
