package io.losslab.kernel.bundled;

import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What cells print and display, on its way to the front end. Code in a cell never sends a message
 * itself: {@code System.out}, {@code System.err} and displays only queue, and one thread publishes
 * the queue in order every {@link #FLUSH_MILLIS}, as ipykernel does. So a cell printing 20,000
 * lines sends a handful of messages, not 20,000 that overflow ZeroMQ's queue (which then drops
 * lines and even the idle status), and a cell stopped in the middle of a print cannot leave a
 * socket half-written. When more than {@link #MAX_PENDING_BYTES} wait, the rest is dropped and
 * one line says how much.
 */
final class CellOutput {

    /** How often queued output is published. */
    static final long FLUSH_MILLIS = 50;
    /** Printed bytes that may wait to be published; more within one flush are dropped. */
    static final int MAX_PENDING_BYTES = 2 << 20;

    private static final Logger LOG = Logger.getLogger(CellOutput.class.getName());

    private final Object queueLock = new Object();
    private final List<Item> queue = new ArrayList<>();
    private long pendingBytes;
    private long droppedBytes;
    /** Held while publishing, so that two flushes never interleave what they send. */
    private final Object publishLock = new Object();
    /** The start of a character split between two writes, per stream; used under publishLock. */
    private final Map<PublishStream.StreamType, byte[]> carried = new EnumMap<>(PublishStream.StreamType.class);
    private volatile Destination destination;
    private volatile Thread refused;

    /** Where output goes: the IOPub socket, in reply to the request of the running cell. */
    private record Destination(JupyterSocket iopub, MessageContext request) {
    }

    /** Thrown into a cell that ignored its interrupt, at its next output. */
    static final class Stopped extends Error {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("the cell was stopped", null, false, false);
        }
    }

    private sealed interface Item permits Text, Content {
    }

    /** Consecutive writes to one stream. */
    private record Text(PublishStream.StreamType stream, ByteArrayOutputStream bytes) implements Item {
    }

    /** A display or display update, sent as it is. */
    private record Content(Consumer<Destination> send) implements Item {
    }

    /** Publishes the queue every {@link #FLUSH_MILLIS}, on a thread of its own, until the JVM exits. */
    void startPublishing() {
        Thread publisher = new Thread(this::publishEvery, "losslab-output");
        publisher.setDaemon(true);
        publisher.start();
    }

    private void publishEvery() {
        while (true) {
            try {
                Thread.sleep(FLUSH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            flush();
        }
    }

    /** From now on, output answers {@code request}; published with {@code iopub}. */
    void publishTo(JupyterSocket iopub, MessageContext request) {
        destination = new Destination(iopub, request);
    }

    /**
     * Gives the cell about to run fresh {@code System.out} and {@code System.err}: a stream of a
     * stopped cell may be left in any state. Until there is a front end to publish to, the
     * JVM's own streams stay.
     */
    void beginCell() {
        refused = null;
        if (destination != null) {
            System.setOut(new PrintStream(new StreamSink(PublishStream.StreamType.OUT), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new StreamSink(PublishStream.StreamType.ERR), true, StandardCharsets.UTF_8));
        }
    }

    /** Makes the next output of {@code thread} throw {@link Stopped}: a point where it holds nothing the kernel needs. */
    void refuse(Thread thread) {
        refused = thread;
    }

    /** Queues a display. */
    void display(DisplayData data) {
        queue(new Content(to -> send(to, new PublishDisplayData(data))));
    }

    /** Queues an update of the display whose id {@code data} carries. */
    void update(DisplayData data) {
        queue(new Content(to -> send(to, new PublishUpdateDisplayData(data))));
    }

    private void queue(Content content) {
        refuseIfStopped();
        synchronized (queueLock) {
            queue.add(content);
        }
    }

    private void write(PublishStream.StreamType stream, byte[] bytes, int offset, int length) {
        refuseIfStopped();
        synchronized (queueLock) {
            int kept = (int) Math.max(0, Math.min(length, MAX_PENDING_BYTES - pendingBytes));
            droppedBytes += length - kept;
            if (kept == 0) {
                return;
            }
            pendingBytes += kept;
            Item last = queue.isEmpty() ? null : queue.get(queue.size() - 1);
            if (last instanceof Text text && text.stream() == stream) {
                text.bytes().write(bytes, offset, kept);
            } else {
                Text text = new Text(stream, new ByteArrayOutputStream());
                text.bytes().write(bytes, offset, kept);
                queue.add(text);
            }
        }
    }

    private void refuseIfStopped() {
        if (Thread.currentThread() == refused) {
            throw new Stopped();
        }
    }

    /** Publishes everything queued so far, in order, and returns when it is sent. */
    void flush() {
        synchronized (publishLock) {
            Destination to = destination;
            for (Item item : take()) {
                if (to != null) {
                    publish(to, item);
                }
            }
        }
    }

    private List<Item> take() {
        synchronized (queueLock) {
            List<Item> taken = new ArrayList<>(queue);
            queue.clear();
            pendingBytes = 0;
            if (droppedBytes > 0) {
                String note = String.format(Locale.ROOT, "[%,d bytes of output dropped here: the cell printed more than %d MB within %d ms]\n",
                        droppedBytes, MAX_PENDING_BYTES >> 20, FLUSH_MILLIS);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                bytes.writeBytes(note.getBytes(StandardCharsets.UTF_8));
                taken.add(new Text(PublishStream.StreamType.ERR, bytes));
                droppedBytes = 0;
            }
            return taken;
        }
    }

    /** Sends one item; a message that cannot be sent is logged, so that later output still goes. */
    private void publish(Destination to, Item item) {
        try {
            if (item instanceof Text text) {
                String complete = completeCharacters(text);
                if (!complete.isEmpty()) {
                    send(to, new PublishStream(text.stream(), complete));
                }
            } else if (item instanceof Content content) {
                content.send().accept(to);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "output could not be published", e);
        }
    }

    private static <T extends ContentType<T>> void send(Destination to, T content) {
        to.iopub().sendMessage(new Message<>(to.request(), content.getType(), content));
    }

    /** The text's characters, keeping back the bytes of one whose remaining bytes are still to come. */
    private String completeCharacters(Text text) {
        byte[] previous = carried.getOrDefault(text.stream(), new byte[0]);
        byte[] written = text.bytes().toByteArray();
        byte[] bytes = Arrays.copyOf(previous, previous.length + written.length);
        System.arraycopy(written, 0, bytes, previous.length, written.length);
        int complete = completeLength(bytes);
        carried.put(text.stream(), Arrays.copyOfRange(bytes, complete, bytes.length));
        return new String(bytes, 0, complete, StandardCharsets.UTF_8);
    }

    /** The length of the longest prefix of UTF-8 {@code bytes} that does not end inside a character. */
    static int completeLength(byte[] bytes) {
        for (int back = 1; back <= Math.min(4, bytes.length); back++) {
            int b = bytes[bytes.length - back] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return needed > back ? bytes.length - back : bytes.length;
            }
        }
        return bytes.length;
    }

    /** One of the streams a cell prints to. */
    private final class StreamSink extends OutputStream {
        private final PublishStream.StreamType stream;

        StreamSink(PublishStream.StreamType stream) {
            this.stream = stream;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            CellOutput.this.write(stream, bytes, offset, length);
        }
    }
}
