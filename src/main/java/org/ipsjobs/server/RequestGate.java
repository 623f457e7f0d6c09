package org.ipsjobs.server;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Invocable;
import org.ipsjobs.soap.IpsFault;
import org.ipsjobs.soap.SoapFaultDocument;

/**
 * Stands in front of the XML entry points (the SOAP endpoint and the plain-XML API) and lets through
 * only requests they can serve without waiting on the client. It refuses, each with a fault in the
 * entry point's form (for SOAP, in the request's SOAP version, taken from its Content-Type since the
 * body has not been read): a method other than POST (405, with an
 * Allow header), a charset Java cannot decode, a multipart body without boundary, a declared length
 * over the limit (before reading a byte), and a body that grows past the limit (as soon as it does).
 *
 * <p>Everything else has its whole body read here, asynchronously, before the request is handed on:
 * a client that sends its headers and then stalls, or trickles its body, holds no thread, only its
 * connection. A stalled one is closed by the connector's idle timeout; a trickling one is refused as
 * soon as its body, averaged since its first byte was awaited, arrives slower than the minimum data
 * rate. (Jetty's own MinimumDataRateHandler, in 12.1, compares the bytes read by all requests
 * together with the time of one, so a trickle passes it whenever other requests are served.)
 * The bodies held at once share a byte budget; a request that would exceed it is handed on with
 * what has arrived, and reads the rest as it comes, so memory stays bounded whatever clients do.
 * Refusals close the connection, so an unread remainder of a body is never waited for; the one
 * exception is a declared length over the limit by at most four times, which is read and dropped
 * first (without holding a thread), so the client, still sending, does not lose the answer to a reset.
 */
final class RequestGate extends Handler.Wrapper {

    /** A body is not judged slow before it has had this long: the first bytes may lag behind the headers. */
    private static final long RATE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A declared body up to this many times the limit is read and dropped before the refusal; a larger one is not. */
    private static final long DRAIN_FACTOR = 4;

    /**
     * One gated entry point.
     *
     * @param prefix the path (in the server's URI space) whose requests are gated, such as
     *        {@code /scene7/services/}
     * @param path the one path under the prefix that is served; the others are 404
     * @param soap true when refusals are SOAP faults; false for the plain-XML API's bare fault documents
     */
    record Entry(String prefix, String path, boolean soap) {
    }

    private final List<Entry> entries;
    private final long maxBodyBytes;
    private final long minBytesPerSecond;
    private final AtomicLong budget;

    /**
     * @param entries the entry points gated; requests elsewhere pass unchanged
     * @param maxBodyBytes the largest body accepted
     * @param minBytesPerSecond the slowest a body may arrive, on average; 0 for no check
     * @param maxBufferedBytes the most body bytes held for all gated requests together
     */
    RequestGate(Handler next, List<Entry> entries, long maxBodyBytes, long minBytesPerSecond, long maxBufferedBytes) {
        super(next);
        this.entries = List.copyOf(entries);
        this.maxBodyBytes = maxBodyBytes;
        this.minBytesPerSecond = minBytesPerSecond;
        this.budget = new AtomicLong(maxBufferedBytes);
    }

    /** Bytes of the shared budget not in use; for tests and monitoring. */
    long availableBudget() {
        return budget.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        Entry entry = entries.stream().filter(e -> path.startsWith(e.prefix())).findFirst().orElse(null);
        if (entry == null) {
            return super.handle(request, response, callback);
        }
        if (!path.equals(entry.path())) {
            // CXF would serve its endpoint under any path that starts with it
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404, "No such endpoint; the IPS API is"
                    + " served at " + entry.path());
            return true;
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        Refusal refusal = new Refusal(entry.soap(), SoapFaultDocument.isSoap12(contentType));
        String method = request.getMethod();
        if (!HttpMethod.POST.is(method)) {
            if (entry.soap() && HttpMethod.GET.is(method) && asksForWsdl(request)) {
                return super.handle(request, response, callback);
            }
            return refusal.send(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                    "HTTP method " + method + " is not served here; send requests with POST"
                            + (entry.soap() ? " (the WSDL is at this address with ?wsdl)" : ""));
        }
        String problem = contentTypeProblem(contentType);
        if (problem != null) {
            return refusal.send(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, problem);
        }
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            if (declared > maxBodyBytes * DRAIN_FACTOR) {
                return refusal.send(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, tooLarge(declared));
            }
            // read and drop the body before answering: closing on a client still sending resets the
            // connection, and the client may then lose the fault that says why
            Content.Source.consumeAll(request, Callback.from(
                    () -> refusal.send(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500,
                            tooLarge(declared)),
                    callback::failed));
            return true;
        }
        new BodyLoader(request, response, callback, refusal).read(false);
        return true;
    }

    private static boolean asksForWsdl(Request request) {
        String query = request.getHttpURI().getQuery();
        return query != null && query.toLowerCase(Locale.ROOT).startsWith("wsdl");
    }

    /** Why a request with this Content-Type cannot be read, or null when it can. */
    static String contentTypeProblem(String contentType) {
        if (contentType == null) {
            return null;
        }
        String lower = contentType.toLowerCase(Locale.ROOT);
        String charset = parameter(contentType, "charset");
        if (charset != null) {
            boolean supported;
            try {
                supported = Charset.isSupported(charset);
            } catch (IllegalCharsetNameException e) {
                supported = false;
            }
            if (!supported) {
                return "The Content-Type names the character set '" + clip(charset)
                        + "', which this server cannot decode; send UTF-8";
            }
        }
        if (lower.trim().startsWith("multipart/") && parameter(contentType, "boundary") == null) {
            return "The Content-Type is multipart but names no boundary; send text/xml (SOAP 1.1) or"
                    + " application/soap+xml (SOAP 1.2)";
        }
        return null;
    }

    /** A parameter's value in a header such as {@code text/xml; charset="UTF-8"}, unquoted; null when absent. */
    private static String parameter(String header, String name) {
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String value = part.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }

    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private String tooLarge(long size) {
        return "The request body" + (size > 0 ? " of " + size + " bytes" : "") + " is larger than the "
                + maxBodyBytes + " bytes this server accepts";
    }

    /**
     * How a refusal is written: a SOAP fault in the request's SOAP version, or the plain-XML API's bare
     * fault document; always a Client ipsApiFault 30003.
     */
    private record Refusal(boolean soap, boolean soap12) {
        boolean send(Request request, Response response, Callback callback, int status, String reason) {
            response.setStatus(status);
            HttpFields.Mutable headers = response.getHeaders();
            if (status == HttpStatus.METHOD_NOT_ALLOWED_405) {
                headers.put(HttpHeader.ALLOW, soap && asksForWsdl(request) ? "GET, POST" : "POST");
            }
            // the rest of the body is never read, so the connection cannot carry another request
            headers.put(HttpHeader.CONNECTION, "close");
            if (HttpMethod.HEAD.is(request.getMethod())) {
                response.write(true, null, callback);
                return true;
            }
            IpsFault fault = IpsFault.api(IpsFault.INVALID_REQUEST_XML, reason);
            byte[] body = soap ? SoapFaultDocument.write(soap12, fault) : SoapFaultDocument.bare(fault);
            headers.put(HttpHeader.CONTENT_TYPE, soap ? SoapFaultDocument.contentType(soap12) : "text/xml;charset=UTF-8");
            headers.put(new HttpField(HttpHeader.CONTENT_LENGTH, Integer.toString(body.length)));
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }

    /**
     * Reads one request's body chunk by chunk as the client sends it; runs again on each arrival
     * (the demand callback), on whichever thread Jetty delivers it.
     */
    private final class BodyLoader implements Invocable.Task {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final Refusal refusal;
        private final Deque<Content.Chunk> chunks = new ArrayDeque<>();
        private long received;
        private long reserved;
        private long firstAwaited; // NanoTime of the first wait for body bytes, 0 before

        BodyLoader(Request request, Response response, Callback callback, Refusal refusal) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.refusal = refusal;
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING; // it only reads what is there and never blocks
        }

        @Override
        public void run() {
            read(true);
        }

        /** @param fromDemand true when called back by Jetty, which may be on a thread that must not block */
        void read(boolean fromDemand) {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (tooSlow()) {
                        release();
                        refusal.send(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500,
                                "The request body arrived slower than the " + minBytesPerSecond
                                        + " bytes per second this server accepts, and was abandoned");
                        return;
                    }
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    Throwable failure = chunk.getFailure();
                    chunk.release();
                    release();
                    refusal.send(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500,
                            failure instanceof TimeoutException
                                    ? "The request body arrived too slowly and was abandoned"
                                    : "The request body could not be read completely");
                    return;
                }
                long size = chunk.remaining();
                received += size;
                if (received > maxBodyBytes) {
                    chunk.release();
                    release();
                    refusal.send(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, tooLarge(-1));
                    return;
                }
                chunks.add(chunk);
                boolean fits = reserve(size);
                if (chunk.isLast() || !fits) {
                    // past the shared budget the request goes on with what it has and reads the rest
                    // itself, as it would without this handler
                    if (fromDemand) {
                        request.getContext().execute(this::handOn);
                    } else {
                        handOn();
                    }
                    return;
                }
            }
        }

        /** Judged only when about to wait: a body whose bytes are already there is never slow. */
        private boolean tooSlow() {
            long now = NanoTime.now();
            if (firstAwaited == 0) {
                firstAwaited = now;
                return false;
            }
            long elapsed = NanoTime.elapsed(firstAwaited, now);
            return minBytesPerSecond > 0 && elapsed >= RATE_GRACE_NANOS
                    && received * 1_000_000_000L / elapsed < minBytesPerSecond;
        }

        private boolean reserve(long size) {
            long left = budget.addAndGet(-size);
            if (left < 0) {
                budget.addAndGet(size);
                return false;
            }
            reserved += size;
            return true;
        }

        private void handOn() {
            BufferedRequest buffered = new BufferedRequest(request, chunks, callback, this::release);
            try {
                if (!getHandler().handle(buffered, response, buffered)) {
                    Response.writeError(buffered, response, buffered, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable t) {
                buffered.failed(t);
            }
        }

        /** Gives the chunks and the budget back; safe to call more than once. */
        private void release() {
            Content.Chunk chunk;
            while ((chunk = chunks.pollFirst()) != null) {
                chunk.release();
            }
            budget.addAndGet(reserved);
            reserved = 0;
        }
    }

    /** The request as the next handler sees it: the chunks read so far first, then the rest. */
    private static final class BufferedRequest extends Request.Wrapper implements Callback {
        private final Deque<Content.Chunk> chunks;
        private final Callback callback;
        private final Runnable release;

        BufferedRequest(Request wrapped, Deque<Content.Chunk> chunks, Callback callback, Runnable release) {
            super(wrapped);
            this.chunks = chunks;
            this.callback = callback;
            this.release = release;
        }

        @Override
        public InvocationType getInvocationType() {
            return callback.getInvocationType();
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = chunks.pollFirst();
            return chunk != null ? chunk : super.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            if (!chunks.isEmpty()) {
                demandCallback.run();
            } else {
                super.demand(demandCallback);
            }
        }

        @Override
        public void succeeded() {
            release.run();
            callback.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
            release.run();
            callback.failed(failure);
        }
    }
}
