package dev.gatewaydoctor.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read as a stream that fails with 413 once past the limit: a chunked body has no length to
 * refuse it by beforehand, and must not fill the heap on its way in.
 */
final class BoundedBody extends FilterInputStream {

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
        if (read > max) throw Problem.tooLarge(max);
    }
}
