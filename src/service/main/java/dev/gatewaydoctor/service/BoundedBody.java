package dev.gatewaydoctor.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read as a stream that fails with 413 once past the limit: a chunked body has no length to
 * refuse it by beforehand, and must not fill the heap on its way in.
 */
final class BoundedBody extends FilterInputStream {

    /**
     * How much of a body past the limit is read and dropped before the 413 is sent. A client still sending
     * when the server answers and closes gets a reset, not the answer (java's HttpClient: "header parser
     * received no bytes", in about one request in thirteen here); nginx's lingering close drains for the
     * same reason. Past this, the connection is closed on the sender.
     */
    static long drainLimit(long max) {
        return Math.min(Math.max(4 * max, 1L << 20), 64L << 20);
    }

    /** Reads and drops what is left of a body, up to {@code limit} bytes; stops early when the client stops. */
    static void discard(InputStream in, long limit) {
        byte[] buf = new byte[8192];
        try {
            for (long left = limit; left > 0; ) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) return;
                left -= n;
            }
        } catch (IOException gone) {
            // The client went away: nothing left to drain, and the 413 follows regardless.
        }
    }

    private final long max;
    private long read;

    BoundedBody(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) count(1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) count(n);
        return n;
    }

    private void count(long n) {
        read += n;
        if (read > max) {
            discard(in, drainLimit(max) - read);
            throw Problem.tooLarge(max);
        }
    }
}
