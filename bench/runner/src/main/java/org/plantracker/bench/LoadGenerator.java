package org.plantracker.bench;

import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Drives one HTTP endpoint with a fixed number of connections (one thread each), either
 * <ul>
 *   <li><b>open loop</b> at a fixed arrival rate: request {@code i} is due at {@code start + i/rate}
 *   whatever happened to the requests before it, and its latency is measured from that due time, not
 *   from when a connection became free. A server that falls behind therefore shows its queue in the
 *   latencies instead of silently slowing the generator down (no coordinated omission); or</li>
 *   <li><b>saturation</b> (rate 0): every connection sends its next request as soon as the last one
 *   is answered, which finds the highest throughput at this concurrency; latency is service time.</li>
 * </ul>
 */
public final class LoadGenerator {

    /** What one run measured. Latencies in microseconds. */
    public record Result(String target, double offeredRate, int connections, double seconds, long ok, long errors,
                         Histogram latencyMicros, String firstError) {

        public double throughput() {
            return ok / seconds;
        }

        public double percentileMillis(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        public boolean saturation() {
            return offeredRate <= 0;
        }
    }

    private final HttpClient client;

    public LoadGenerator(HttpClient client) {
        this.client = client;
    }

    /**
     * @param requests    request {@code i} of the run (the caller spreads them over aggregates and units)
     * @param rate        requests per second, or 0 for saturation
     */
    public Result run(String target, LongFunction<HttpRequest> requests, int connections, double rate, Duration duration)
            throws InterruptedException {
        long start = System.nanoTime() + 20_000_000L;
        long end = start + duration.toNanos();
        double intervalNanos = rate > 0 ? 1e9 / rate : 0;
        AtomicLong next = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong lastCompletion = new AtomicLong(start);
        String[] firstError = new String[1];
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Histogram histogram = new Histogram(3_600_000_000L, 3);
            histograms.add(histogram);
            Thread thread = new Thread(() -> {
                while (true) {
                    long i = next.getAndIncrement();
                    long due;
                    if (rate > 0) {
                        due = start + (long) (i * intervalNanos);
                        if (due >= end) {
                            return;
                        }
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    } else {
                        due = Math.max(System.nanoTime(), start);
                        while (System.nanoTime() < start) {
                            LockSupport.parkNanos(start - System.nanoTime());
                        }
                        if (due >= end) {
                            return;
                        }
                    }
                    boolean success;
                    try {
                        HttpResponse<String> response = client.send(requests.apply(i), HttpResponse.BodyHandlers.ofString());
                        success = response.statusCode() / 100 == 2;
                        if (!success && firstError[0] == null) {
                            firstError[0] = response.statusCode() + " " + response.body();
                        }
                    } catch (Exception e) {
                        success = false;
                        if (firstError[0] == null) {
                            firstError[0] = e.toString();
                        }
                        if (e instanceof InterruptedException) {
                            return;
                        }
                    }
                    long done = System.nanoTime();
                    lastCompletion.accumulateAndGet(done, Math::max);
                    if (success) {
                        ok.incrementAndGet();
                        histogram.recordValue(Math.max(1, (done - due) / 1000));
                    } else {
                        errors.incrementAndGet();
                    }
                    if (rate <= 0 && done >= end) {
                        return;
                    }
                }
            }, "load-" + target + "-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Histogram all = new Histogram(3_600_000_000L, 3);
        histograms.forEach(all::add);
        double seconds = Math.max(lastCompletion.get() - start, 1) / 1e9;
        return new Result(target, rate, connections, seconds, ok.get(), errors.get(), all, firstError[0]);
    }
}
