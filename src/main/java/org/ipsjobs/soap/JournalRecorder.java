package org.ipsjobs.soap;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.ipsjobs.auth.Caller;
import org.ipsjobs.control.JournalEntry;
import org.ipsjobs.control.KeptAnswer;
import org.ipsjobs.control.RequestJournal;

/**
 * Writes each SOAP call into the {@link RequestJournal}: an interceptor at the start of the in chain
 * notes the arrival (and keeps the body, when the journal keeps bodies), and one on the out and
 * out-fault chains tees the answer as it is written and records the entry when it is complete.
 * Passwords and tokens are redacted before anything is kept; bodies are cut at 64 KB.
 */
final class JournalRecorder {

    /** Request attribute the plain-XML servlet sets, so its calls are journalled as such. */
    static final String ENTRY_POINT = "org.ipsjobs.entryPoint";
    static final int MAX_BODY_CHARS = KeptAnswer.MAX_CHARS;
    private static final String ARRIVED = JournalRecorder.class.getName() + ".arrived";
    private static final String STARTED = JournalRecorder.class.getName() + ".started";
    private static final String REQUEST_BODY = JournalRecorder.class.getName() + ".requestBody";
    private static final String RECORDED = JournalRecorder.class.getName() + ".recorded";

    private final RequestJournal journal;
    private final java.time.Clock clock;

    JournalRecorder(RequestJournal journal, java.time.Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    AbstractPhaseInterceptor<Message> in() {
        return new AbstractPhaseInterceptor<>(Phase.RECEIVE) {
            @Override
            public void handleMessage(Message message) {
                if (!journal.enabled()) {
                    return;
                }
                Exchange exchange = message.getExchange();
                exchange.put(ARRIVED, clock.instant());
                exchange.put(STARTED, System.nanoTime());
                if (journal.keepsBodies()) {
                    keepRequestBody(message);
                }
            }
        };
    }

    AbstractPhaseInterceptor<Message> out() {
        AbstractPhaseInterceptor<Message> out = new AbstractPhaseInterceptor<>(Phase.PRE_STREAM) {
            @Override
            public void handleMessage(Message message) {
                if (!journal.enabled() || message.getExchange().get(ARRIVED) == null) {
                    return;
                }
                OutputStream os = message.getContent(OutputStream.class);
                if (os != null) {
                    message.setContent(OutputStream.class, new Tee(os, message.getExchange()));
                }
            }
        };
        // below the XML 1.0 filter, above compression: the journal sees the text as it was sent
        out.addBefore(Xml10OutputInterceptor.class.getName());
        return out;
    }

    private static void keepRequestBody(Message message) {
        InputStream in = message.getContent(InputStream.class);
        if (in == null) {
            return;
        }
        try {
            byte[] bytes = readBody(in, message); // already in memory: the request gate read the whole body
            message.setContent(InputStream.class, new ByteArrayInputStream(bytes));
            message.getExchange().put(REQUEST_BODY, RequestJournal.redact(cut(decode(bytes, message))));
        } catch (IOException e) {
            // the body could not be read: the call fails on its own, and its entry has no body
        }
    }

    /**
     * The whole body, read into an array of its declared length when it has one: reading an unknown
     * length goes through several buffers, which showed in profiles of this per-request path.
     */
    private static byte[] readBody(InputStream in, Message message) throws IOException {
        HttpServletRequest http = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        long declared = http == null ? -1 : http.getContentLengthLong();
        if (declared < 0 || declared > Integer.MAX_VALUE - 8) {
            return in.readAllBytes();
        }
        byte[] bytes = in.readNBytes((int) declared);
        int more = in.read();
        if (more < 0) {
            return bytes;
        }
        // more than declared (the body was transformed on the way, say): keep all of it
        ByteArrayOutputStream all = new ByteArrayOutputStream(bytes.length * 2 + 1);
        all.write(bytes);
        all.write(more);
        in.transferTo(all);
        return all.toByteArray();
    }

    private static String decode(byte[] bytes, Message message) {
        Object encoding = message.get(Message.ENCODING);
        try {
            return new String(bytes, encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding.toString()));
        } catch (RuntimeException e) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String cut(String body) {
        return body.length() <= MAX_BODY_CHARS ? body
                : body.substring(0, MAX_BODY_CHARS) + "... (" + body.length() + " characters in all)";
    }

    /** Records the call; the answer is null when none was kept (a dropped connection, bodies not kept). */
    void record(Exchange exchange, KeptAnswer answer) {
        Instant arrived = (Instant) exchange.get(ARRIVED);
        if (arrived == null || exchange.put(RECORDED, Boolean.TRUE) != null) {
            return; // not noted on the way in, or recorded already
        }
        Long started = (Long) exchange.get(STARTED);
        Message in = exchange.getInMessage();
        HttpServletRequest http = in == null ? null : (HttpServletRequest) in.get(AbstractHTTPDestination.HTTP_REQUEST);
        String entryPoint = entryPoint(in);
        ApiVersion version = exchange.get(ApiVersion.class);
        BindingOperationInfo op = exchange.getBindingOperationInfo();
        Caller caller = exchange.get(Caller.class);
        CallFacts facts = in == null ? CallFacts.NONE : CallFacts.names(in);
        IpsFault fault = exchange.get(IpsFault.class);
        String requestBody = (String) exchange.get(REQUEST_BODY);
        List<String> handles = new ArrayList<>();
        if (facts.jobHandle() != null) {
            handles.add(facts.jobHandle());
        }
        journal.record(new JournalEntry(0, arrived, entryPoint, version == null ? null : version.id(),
                op == null ? null : op.getName().getLocalPart(), caller == null ? null : caller.email(), facts.company(),
                handles, fault == null ? null : fault.kind().element(), fault == null ? 0 : fault.code(),
                started == null ? 0 : (System.nanoTime() - started) / 1000, headers(http), requestBody, answer));
    }

    /** How the call came in: {@code plain XML}, {@code SOAP 1.1}, {@code SOAP 1.2}, or {@code SOAP} when not told. */
    static String entryPoint(Message in) {
        HttpServletRequest http = in == null ? null : (HttpServletRequest) in.get(AbstractHTTPDestination.HTTP_REQUEST);
        return http != null && http.getAttribute(ENTRY_POINT) != null ? "plain XML"
                : in instanceof SoapMessage soap ? "SOAP " + soap.getVersion().getVersion() : "SOAP";
    }

    private static Map<String, String> headers(HttpServletRequest http) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (http == null) {
            return headers;
        }
        for (Enumeration<String> names = http.getHeaderNames(); names.hasMoreElements();) {
            String name = names.nextElement();
            headers.put(name, name.equalsIgnoreCase("Authorization") ? RequestJournal.REDACTED : http.getHeader(name));
        }
        return headers;
    }

    /**
     * Passes the answer on, keeping a copy (when bodies are kept), and records the call when it is
     * closed: before the close that completes the answer, so a client that has the answer finds its call
     * in the journal, even asking on another connection.
     */
    private final class Tee extends FilterOutputStream {
        private final Exchange exchange;
        private final KeptAnswer.Copy copy;

        Tee(OutputStream out, Exchange exchange) {
            super(out);
            this.exchange = exchange;
            this.copy = journal.keepsBodies() ? journal.answerCopy() : null;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            if (copy != null) {
                copy.write(new byte[] {(byte) b}, 0, 1);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            if (copy != null) {
                copy.write(b, off, len);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                record(exchange, copy == null ? null : copy.keep());
            } finally {
                // not super.close(): it flushes first, and a flush before the close commits the
                // response without a Content-Length, so every answer would go out chunked
                out.close();
            }
        }
    }
}
