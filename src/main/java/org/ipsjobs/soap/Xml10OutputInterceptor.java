package org.ipsjobs.soap;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.cxf.interceptor.StaxOutInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * The last line of defence for answers: every byte written passes a filter that turns the UTF-8 of a
 * character XML 1.0 cannot carry (the C0 controls other than tab, line feed and carriage return, and
 * U+FFFE, U+FFFF) into U+FFFD. Nothing the service stores should hold such a character; if one ever
 * slipped through, the answer stays readable instead of breaking every client that parses it. In
 * UTF-8 those control bytes never occur inside another character, so the check is byte by byte.
 */
final class Xml10OutputInterceptor extends AbstractPhaseInterceptor<Message> {

    Xml10OutputInterceptor() {
        super(Phase.PRE_STREAM);
        addBefore(StaxOutInterceptor.class.getName());
    }

    @Override
    public void handleMessage(Message message) {
        // answers are UTF-8 whatever charset the request came in: every client reads UTF-8, and the
        // filter below relies on it
        message.put(Message.ENCODING, StandardCharsets.UTF_8.name());
        OutputStream out = message.getContent(OutputStream.class);
        if (out != null) {
            message.setContent(OutputStream.class, new Xml10OutputStream(out));
        }
    }

    /** Replaces the bytes of characters XML 1.0 forbids; assumes UTF-8, which is all the service writes. */
    static final class Xml10OutputStream extends FilterOutputStream {
        private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};
        // how many bytes of a possible EF BF BE / EF BF BF sequence were held back
        private int held;

        Xml10OutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int clean = offset; // start of the run not yet passed on
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                int b = bytes[i] & 0xFF;
                if (held > 0) {
                    // completing EF BF ?: BE and BF make U+FFFE and U+FFFF
                    if (held == 1 && b == 0xBF) {
                        held = 2;
                        clean = i + 1;
                        continue;
                    }
                    if (held == 2 && (b == 0xBE || b == 0xBF)) {
                        out.write(REPLACEMENT);
                        held = 0;
                        clean = i + 1;
                        continue;
                    }
                    out.write(0xEF);
                    if (held == 2) {
                        out.write(0xBF);
                    }
                    held = 0;
                    clean = i;
                }
                if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                    out.write(bytes, clean, i - clean);
                    out.write(REPLACEMENT);
                    clean = i + 1;
                } else if (b == 0xEF) {
                    out.write(bytes, clean, i - clean);
                    held = 1;
                    clean = i + 1;
                }
            }
            out.write(bytes, clean, end - clean);
        }

        /**
         * Writes bytes that already passed this filter ({@link #filtered}) without looking at them
         * again: the answer cache keeps its items filtered. Filtering twice changes nothing, and bytes
         * cut at element boundaries filter the same apart as together.
         */
        void writeFiltered(byte[] bytes) throws IOException {
            if (held > 0) {
                write(bytes, 0, bytes.length);
            } else {
                out.write(bytes, 0, bytes.length);
            }
        }

        /** The bytes as this filter passes them on. */
        static byte[] filtered(byte[] bytes) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
            try (Xml10OutputStream filter = new Xml10OutputStream(out)) {
                filter.write(bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not throw
            }
            return out.toByteArray();
        }

        @Override
        public void flush() throws IOException {
            out.flush(); // a held EF stays held: its next bytes decide what it is
        }

        @Override
        public void close() throws IOException {
            if (held > 0) {
                out.write(0xEF);
                if (held == 2) {
                    out.write(0xBF);
                }
                held = 0;
            }
            out.close();
        }
    }
}
