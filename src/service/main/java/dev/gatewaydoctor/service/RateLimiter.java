package dev.gatewaydoctor.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code perMinute} requests a minute, in bursts of as many. Remembers a
 * bounded number of clients (the least recently seen are forgotten, and start again with a full bucket),
 * so that a scan from many addresses cannot grow the heap.
 */
final class RateLimiter {

    static final int CLIENTS_REMEMBERED = 10_000;

    private final double perNano;
    private final double burst;
    private final LongSupplier nanos;
    private final Map<String, double[]> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > CLIENTS_REMEMBERED;
        }
    };

    RateLimiter(int perMinute, LongSupplier nanos) {
        this.perNano = perMinute / 60e9;
        this.burst = perMinute;
        this.nanos = nanos;
    }

    RateLimiter(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    /** Takes one request from the client's bucket: 0 when allowed, else the seconds until one is. */
    synchronized long acquire(String client) {
        long now = nanos.getAsLong();
        double[] b = buckets.computeIfAbsent(client, c -> new double[] {burst, now});
        b[0] = Math.min(burst, b[0] + (now - (long) b[1]) * perNano);
        b[1] = now;
        if (b[0] >= 1) {
            b[0] -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - b[0]) / perNano / 1e9));
    }
}
