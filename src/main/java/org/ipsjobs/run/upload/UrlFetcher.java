package org.ipsjobs.run.upload;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.ipsjobs.assets.FileAssetStore;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.run.FetchLimits;
import org.ipsjobs.run.OutboundPolicy;

/**
 * Fetches a URL into a file with the JDK's HttpClient, streaming: memory does not grow with the
 * file. Redirects are followed by hand, at most {@link FetchLimits#maxRedirects()}, so that every
 * host on the way is checked against the {@link OutboundPolicy}. The body is written on the client's
 * threads while the calling worker watches it, so a stop request or a silent server ends the fetch
 * within a fraction of a second.
 */
public final class UrlFetcher {

    private static final long WATCH_MILLIS = 100;
    /**
     * The client's own threads. Without an executor it completes its work on the common fork-join
     * pool, which on a two-core machine has one thread and so starts a new thread per task instead:
     * a thousand threads for a thousand small files, in the upload benchmark's profile.
     */
    private static final java.util.concurrent.ExecutorService FETCH_THREADS = java.util.concurrent.Executors
            .newCachedThreadPool(r -> {
                Thread t = new Thread(r, "ips-fetch");
                t.setDaemon(true);
                return t;
            });

    private final OutboundPolicy policy;
    private final FetchLimits limits;
    // made on the first fetch: building one sets up TLS, a tenth of the service's start-up in profiles
    private volatile HttpClient client;

    public UrlFetcher(OutboundPolicy policy, FetchLimits limits) {
        this.policy = policy;
        this.limits = limits;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(limits.connectTimeout()).executor(FETCH_THREADS).build();
                    client = c;
                }
            }
        }
        return c;
    }

    /** What a fetch delivered. */
    public record Fetched(URI finalUri, long bytes, String sha256) {
    }

    /**
     * Fetches the URL into the file (which it truncates).
     *
     * @param progress told the byte count now and then
     * @param stopped checked while waiting; true ends the fetch (with a FetchException of key upload.stopped)
     */
    public Fetched fetch(String url, Path into, LongConsumer progress, BooleanSupplier stopped)
            throws FetchException, InterruptedException {
        URI uri = parse(url);
        for (int hop = 0; ; hop++) {
            check(url, uri);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(limits.readTimeout())
                    .header("User-Agent", "ips-job-service").GET().build();
            FileSink sink;
            try {
                sink = new FileSink(into, limits.maxBytes());
            } catch (IOException e) {
                throw new FetchException(LogMessage.of("upload.storeFailed", url, String.valueOf(e.getMessage())));
            }
            CompletableFuture<HttpResponse<Long>> answer = client().sendAsync(request, info -> sink.handle(info));
            HttpResponse<Long> response = await(url, uri, answer, sink, progress, stopped);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                if (hop >= limits.maxRedirects()) {
                    throw new FetchException(LogMessage.of("upload.tooManyRedirects", url,
                            String.valueOf(limits.maxRedirects())));
                }
                String location = response.headers().firstValue("Location").orElseThrow(() -> new FetchException(
                        LogMessage.of("upload.httpStatus", url, String.valueOf(status))));
                try {
                    uri = uri.resolve(new URI(location.trim()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new FetchException(LogMessage.of("upload.badRedirect", url, location));
                }
                continue;
            }
            if (status != 200) {
                throw new FetchException(LogMessage.of("upload.httpStatus", url, String.valueOf(status)));
            }
            return new Fetched(uri, sink.bytes, sink.sha256());
        }
    }

    private static URI parse(String url) throws FetchException {
        try {
            URI uri = new URI(url.trim());
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new FetchException(LogMessage.of("upload.badUrl", url));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new FetchException(LogMessage.of("upload.badUrl", url));
        }
    }

    private void check(String url, URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(LogMessage.of("upload.badScheme", url, uri.toString()));
        }
        if (uri.getHost() == null) {
            throw new FetchException(LogMessage.of("upload.badUrl", url));
        }
        try {
            String refusal = policy.refusal(uri.getHost());
            if (refusal != null) {
                throw new FetchException(LogMessage.of("upload.refusedHost", url, refusal));
            }
        } catch (UnknownHostException e) {
            throw new FetchException(LogMessage.of("upload.unknownHost", url, uri.getHost()));
        }
    }

    private HttpResponse<Long> await(String url, URI uri, CompletableFuture<HttpResponse<Long>> answer, FileSink sink,
            LongConsumer progress, BooleanSupplier stopped) throws FetchException, InterruptedException {
        long silentFor = 0;
        long lastBytes = -1;
        try {
            while (true) {
                try {
                    return answer.get(WATCH_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (stopped.getAsBoolean()) {
                        sink.cancel();
                        answer.cancel(true);
                        throw new FetchException(LogMessage.of("upload.stopped", url));
                    }
                    long now = sink.bytes;
                    if (now != lastBytes) {
                        lastBytes = now;
                        silentFor = 0;
                        progress.accept(now);
                    } else if (sink.receiving && (silentFor += WATCH_MILLIS) >= limits.readTimeout().toMillis()) {
                        // the headers came (HttpClient times out waiting for them itself), the body stalled
                        sink.cancel();
                        answer.cancel(true);
                        throw new FetchException(LogMessage.of("upload.timeout", url,
                                String.valueOf(limits.readTimeout().toSeconds())));
                    }
                }
            }
        } catch (ExecutionException e) {
            throw failure(url, uri, e.getCause() == null ? e : e.getCause(), sink);
        } finally {
            sink.close();
        }
    }

    private FetchException failure(String url, URI uri, Throwable cause, FileSink sink) {
        if (cause instanceof TooLargeException) {
            return new FetchException(LogMessage.of("upload.tooLarge", url, String.valueOf(limits.maxBytes())));
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new FetchException(LogMessage.of("upload.connectTimeout", url,
                    String.valueOf(limits.connectTimeout().toSeconds())));
        }
        if (cause instanceof HttpTimeoutException) {
            return new FetchException(LogMessage.of("upload.timeout", url,
                    String.valueOf(limits.readTimeout().toSeconds())));
        }
        if (cause instanceof ConnectException) {
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return new FetchException(LogMessage.of("upload.connectFailed", url, uri.getHost() + ":" + port));
        }
        if (sink.writeFailure != null) {
            return new FetchException(LogMessage.of("upload.storeFailed", url, String.valueOf(sink.writeFailure)));
        }
        String reason = cause.getMessage() == null ? "the connection broke" : cause.getMessage();
        return new FetchException(LogMessage.of("upload.transferFailed", url, reason));
    }

    /** The answer's body is larger than allowed. */
    private static final class TooLargeException extends IOException {
        TooLargeException() {
            super("too large");
        }
    }

    /**
     * Writes a body to the file, counting and hashing as it goes; refuses a body over the limit, by its
     * Content-Length before reading when it has one.
     */
    private static final class FileSink implements HttpResponse.BodySubscriber<Long> {
        private final FileChannel channel;
        private final long maxBytes;
        private final MessageDigest digest = FileAssetStore.sha256();
        private final CompletableFuture<Long> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;
        volatile long bytes;
        volatile boolean receiving;
        volatile String writeFailure;

        FileSink(Path file, long maxBytes) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.CREATE);
            this.maxBytes = maxBytes;
        }

        HttpResponse.BodySubscriber<Long> handle(HttpResponse.ResponseInfo info) {
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.replacing(0L); // a redirect or error: its body is not wanted
            }
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                result.completeExceptionally(new TooLargeException());
            }
            receiving = true;
            return this;
        }

        @Override
        public CompletionStage<Long> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (result.isDone()) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            try {
                for (ByteBuffer b : buffers) {
                    long total = bytes + b.remaining();
                    if (total > maxBytes) {
                        subscription.cancel();
                        result.completeExceptionally(new TooLargeException());
                        return;
                    }
                    digest.update(b.duplicate());
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                    bytes = total;
                }
                subscription.request(1);
            } catch (IOException e) {
                writeFailure = e.getMessage();
                subscription.cancel();
                result.completeExceptionally(e);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes);
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            result.completeExceptionally(new IOException("cancelled"));
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // the file is deleted or committed by the caller; nothing more to do with it here
            }
        }
    }
}
