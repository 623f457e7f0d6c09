package org.ipsjobs.soap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.apache.cxf.databinding.DataWriter;
import org.apache.cxf.interceptor.AbstractOutDatabindingInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageContentsList;
import org.apache.cxf.message.MessageUtils;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.Service;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.apache.cxf.service.model.MessagePartInfo;
import org.apache.cxf.staxutils.StaxUtils;
import org.apache.cxf.wsdl.interceptors.BareOutInterceptor;
import org.ipsjobs.ipsapi.ActiveJobArray;
import org.ipsjobs.ipsapi.GetActiveJobsReturn;
import org.ipsjobs.ipsapi.GetJobLogsReturn;
import org.ipsjobs.ipsapi.JobLogArray;
import org.ipsjobs.metrics.RequestMetrics;
import org.ipsjobs.soap.Xml10OutputInterceptor.Xml10OutputStream;

/**
 * Writes getActiveJobs and getJobLogs answers from their items' written bytes, kept in
 * {@link AnswerCache}, instead of marshalling every item again (JAXB was about half the CPU of such an
 * answer). It runs just before CXF would write the answer and leaves it to CXF whenever anything is
 * unusual: another operation, an empty list, an encoding other than UTF-8.
 *
 * <p>The bytes are CXF's own: an item not yet kept is marshalled by CXF's data writer, in a one-item
 * answer and on the same path (JAXB straight to the stream for the canonical version, the version's
 * renaming writer for the others), and cut out of it. What surrounds the items is learnt the same way
 * from one answer with the item once and once twice. So an answer written here is byte for byte the
 * one CXF would have written; when the cut does not check out, CXF writes the answer.
 */
final class CachedItemsOutInterceptor extends AbstractOutDatabindingInterceptor {

    private final AnswerCache cache;
    private final SchemaIndex schema;
    private final RequestMetrics metrics;

    CachedItemsOutInterceptor(AnswerCache cache, SchemaIndex schema, RequestMetrics metrics) {
        super(Phase.MARSHAL);
        addBefore(BareOutInterceptor.class.getName());
        this.cache = cache;
        this.schema = schema;
        this.metrics = metrics;
    }

    @Override
    public void handleMessage(Message message) {
        if (!cache.enabled() || isRequestor(message)) {
            return;
        }
        Exchange exchange = message.getExchange();
        BindingOperationInfo operation = exchange.getBindingOperationInfo();
        MessageContentsList contents = MessageContentsList.getContentsList(message);
        if (operation == null || operation.getOutput() == null || contents == null || contents.size() != 1) {
            return;
        }
        Object answer = contents.get(0);
        List<?> items = itemsOf(answer);
        List<MessagePartInfo> parts = operation.getOutput().getMessageParts();
        String encoding = (String) message.get(Message.ENCODING);
        OutputStream out = message.getContent(OutputStream.class);
        XMLStreamWriter writer = message.getContent(XMLStreamWriter.class);
        if (items == null || items.isEmpty() || parts.size() != 1 || !contents.hasValue(parts.get(0))
                || (encoding != null && !"UTF-8".equalsIgnoreCase(encoding)) || out == null || writer == null) {
            return;
        }
        MessagePartInfo part = parts.get(0);
        Service service = exchange.getService();
        // the same choice CXF makes between JAXB writing to the stream and writing through the StAX writer
        boolean direct = writeToOutputStream(message, operation.getBinding(), service)
                && !MessageUtils.getContextualBoolean(message, DISABLE_OUTPUTSTREAM_OPTIMIZATION, false);
        ApiVersion version = exchange.get(ApiVersion.class);
        boolean versioned = !direct && version != null && !version.isCanonical();
        AnswerCache.Written written = cache.written(
                (versioned ? version.id() : ApiNamespaces.CANONICAL_VERSION) + (direct ? "" : "/stax"));
        ItemWriter itemWriter = new ItemWriter(message, service, part, direct, versioned ? version : null);
        try {
            AnswerCache.Shell shell = written.shell(answer.getClass());
            if (shell == null) {
                shell = itemWriter.shell(answer, items.get(0));
                written.keep(answer.getClass(), shell);
            }
            if (shell == AnswerCache.Shell.NONE) {
                return;
            }
            byte[][] bytes = new byte[items.size()][];
            int marshalled = 0;
            for (int i = 0; i < bytes.length; i++) {
                Object item = items.get(i);
                byte[] kept = written.item(item);
                if (kept == null) {
                    kept = itemWriter.item(answer, item, shell);
                    if (kept == null) {
                        return;
                    }
                    written.keep(item, kept);
                    marshalled++;
                }
                bytes[i] = kept;
            }
            // close the open body tag and hand on what the StAX writer holds, as CXF does before JAXB
            // writes to the stream
            writer.writeCharacters("");
            writer.flush();
            write(out, shell.before());
            for (byte[] item : bytes) {
                write(out, item);
            }
            write(out, shell.after());
            metrics.answerItems(bytes.length - marshalled, marshalled);
        } catch (IOException | XMLStreamException e) {
            throw new Fault(e);
        }
        contents.remove(part);
    }

    /** Kept bytes passed the XML 1.0 filter when they were kept; it need not scan them again. */
    private static void write(OutputStream out, byte[] bytes) throws IOException {
        if (out instanceof Xml10OutputStream filter) {
            filter.writeFiltered(bytes);
        } else {
            out.write(bytes);
        }
    }

    /** The items of an answer this writes from kept bytes; null for any other answer. */
    private static List<?> itemsOf(Object answer) {
        if (answer instanceof GetActiveJobsReturn r && r.getJobArray() != null) {
            return r.getJobArray().getItems();
        }
        if (answer instanceof GetJobLogsReturn r && r.getJobLogArray() != null) {
            return r.getJobLogArray().getItems();
        }
        return null;
    }

    /** An answer of {@code answer}'s type holding the given items, in the given order. */
    private static Object answerWith(Object answer, Object... items) {
        Object out;
        if (answer instanceof GetActiveJobsReturn) {
            GetActiveJobsReturn jobs = new GetActiveJobsReturn();
            jobs.setJobArray(new ActiveJobArray());
            out = jobs;
        } else {
            GetJobLogsReturn logs = new GetJobLogsReturn();
            logs.setJobLogArray(new JobLogArray());
            out = logs;
        }
        @SuppressWarnings("unchecked") // the items came out of an answer of the same type
        List<Object> list = (List<Object>) itemsOf(out);
        Collections.addAll(list, items);
        return out;
    }

    /** Writes small answers to bytes the way this request's answer would be written. */
    private final class ItemWriter {
        private final Message message;
        private final Service service;
        private final MessagePartInfo part;
        private final boolean direct;
        private final ApiVersion version;

        ItemWriter(Message message, Service service, MessagePartInfo part, boolean direct, ApiVersion version) {
            this.message = message;
            this.service = service;
            this.part = part;
            this.direct = direct;
            this.version = version;
        }

        /**
         * The bytes around the items, told apart by writing the answer with {@code item} once and twice:
         * the second is the first with the item's bytes repeated.
         */
        AnswerCache.Shell shell(Object answer, Object item) throws IOException, XMLStreamException {
            byte[] once = write(answerWith(answer, item));
            byte[] twice = write(answerWith(answer, item, item));
            int itemLength = twice.length - once.length;
            int common = Arrays.mismatch(once, twice);
            // after the common start comes the end tag in one and the item's second start tag in the
            // other: they share their '<'
            int before = common - itemLength - 1;
            if (itemLength <= 0 || before < 0) {
                return AnswerCache.Shell.NONE;
            }
            byte[] head = Arrays.copyOfRange(once, 0, before);
            byte[] body = Arrays.copyOfRange(once, before, before + itemLength);
            byte[] tail = Arrays.copyOfRange(once, before + itemLength, once.length);
            byte[] check = concat(head, body, body, tail);
            return Arrays.equals(check, twice)
                    ? new AnswerCache.Shell(Xml10OutputStream.filtered(head), Xml10OutputStream.filtered(tail))
                    : AnswerCache.Shell.NONE;
        }

        /** The item's bytes, or null when its one-item answer does not fit the shell. */
        byte[] item(Object answer, Object item, AnswerCache.Shell shell) throws IOException, XMLStreamException {
            byte[] once = write(answerWith(answer, item));
            int before = shell.before().length;
            int after = shell.after().length;
            if (once.length <= before + after
                    || !Arrays.equals(once, 0, before, shell.before(), 0, before)
                    || !Arrays.equals(once, once.length - after, once.length, shell.after(), 0, after)) {
                return null;
            }
            return Xml10OutputStream.filtered(Arrays.copyOfRange(once, before, once.length - after));
        }

        private byte[] write(Object answer) throws IOException, XMLStreamException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
            if (direct) {
                DataWriter<OutputStream> dataWriter = getDataWriter(message, service, OutputStream.class);
                dataWriter.write(answer, part, bytes);
                return bytes.toByteArray();
            }
            XMLStreamWriter base = StaxUtils.createXMLStreamWriter(bytes, "UTF-8");
            // an open element stands in for the SOAP body the real answer is written into
            base.writeStartElement("body");
            base.writeCharacters("");
            base.flush();
            int start = bytes.size();
            XMLStreamWriter target = version == null ? base : VersionOutInterceptor.versioned(base, version, schema);
            DataWriter<XMLStreamWriter> dataWriter = getDataWriter(message, service, XMLStreamWriter.class);
            dataWriter.write(answer, part, target);
            target.flush();
            byte[] all = bytes.toByteArray();
            return Arrays.copyOfRange(all, start, all.length);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
