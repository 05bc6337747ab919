package org.plantracker.bench;

import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Everything one run measured, written as results.md (tables and goals), results.csv and latency.png. */
final class Results {

    record Warmup(double seconds, List<Double> windows, boolean stable) {
    }

    /**
     * One store size: its saturation run, then the same fixed rate (half of the load phase's
     * saturation) run several times, and what PostgreSQL did per report over those runs.
     */
    record Growth(long level, long stored, LoadGenerator.Result saturation, List<LoadGenerator.Result> repeats,
                  ServerCounters.PerRequest server) {

        /** The median over the repeats of each one's percentile: one bad run moves it no further than a good one. */
        double medianMillis(double percentile) {
            double[] values = sortedMillis(percentile);
            int mid = values.length / 2;
            return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
        }

        double offeredRate() {
            return repeats.get(0).offeredRate();
        }

        String rangeMillis(double percentile) {
            double[] values = sortedMillis(percentile);
            return f("%.1f–%.1f", values[0], values[values.length - 1]);
        }

        /** Each repeat's value of the percentile, smallest first. */
        private double[] sortedMillis(double percentile) {
            return repeats.stream().mapToDouble(r -> r.percentileMillis(percentile)).sorted().toArray();
        }
    }

    private final String mode;
    private final Machine machine;
    private final String startedAt = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    private final List<Pgbench.Result> pgbench = new ArrayList<>();
    private final Map<String, List<LoadGenerator.Result>> loads = new LinkedHashMap<>();
    private final Map<String, Warmup> warmups = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> loadMemory = new LinkedHashMap<>();
    private final List<Growth> growth = new ArrayList<>();
    private final List<String> loaderRuns = new ArrayList<>();
    private final Map<String, Double> settled = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> cpuMillisPerRequest = new LinkedHashMap<>();
    private final Map<String, Map<String, GcPauses.Summary>> gcPauses = new LinkedHashMap<>();
    private Map<String, Long> idleMemory = Map.of();
    private EndToEndLag.Result lags;
    private Replay.Result replay;
    private double totalSeconds;

    Results(String mode, Machine machine) {
        this.mode = mode;
        this.machine = machine;
    }

    void pgbench(Pgbench.Result result) {
        pgbench.add(result);
    }

    void load(LoadGenerator.Result result) {
        loads.computeIfAbsent(result.target(), k -> new ArrayList<>()).add(result);
    }

    void warmup(String target, double seconds, List<Double> windows, boolean stable) {
        warmups.put(target, new Warmup(seconds, List.copyOf(windows), stable));
    }

    void idleMemory(Map<String, Long> kib) {
        idleMemory = new LinkedHashMap<>(kib);
    }

    void loadMemory(String target, Map<String, Long> kib) {
        loadMemory.put(target, new LinkedHashMap<>(kib));
    }

    void lags(EndToEndLag.Result result) {
        lags = result;
    }

    void replay(Replay.Result result) {
        replay = result;
    }

    Growth growth(long level, long stored, LoadGenerator.Result saturation, List<LoadGenerator.Result> repeats,
                  ServerCounters.PerRequest server) {
        Growth step = new Growth(level, stored, saturation, List.copyOf(repeats), server);
        growth.add(step);
        return step;
    }

    void loader(long events, double seconds) {
        loaderRuns.add(String.format(Locale.ROOT, "%,d events in %.0f s (%,.0f events/s)", events, seconds, events / seconds));
    }

    void gcPauses(String target, Map<String, GcPauses.Summary> perProcess) {
        gcPauses.put(target, new LinkedHashMap<>(perProcess));
    }

    void cpu(String target, Map<String, Double> millisPerRequest) {
        cpuMillisPerRequest.put(target, new LinkedHashMap<>(millisPerRequest));
    }

    void settled(String before, double seconds) {
        settled.put(before, seconds);
    }

    void totalSeconds(double seconds) {
        totalSeconds = seconds;
    }

    double saturationOf(String target) {
        return saturation(target).map(LoadGenerator.Result::throughput).orElse(0.0);
    }

    private java.util.Optional<LoadGenerator.Result> saturation(String target) {
        return loads.getOrDefault(target, List.of()).stream().filter(LoadGenerator.Result::saturation).findFirst();
    }

    private double pgbenchLimit() {
        return pgbench.stream().filter(p -> p.rowsPerTransaction() == 1).mapToDouble(Pgbench.Result::tps).findFirst().orElse(0);
    }

    void write(Path dir) throws Exception {
        Files.writeString(dir.resolve("results.md"), markdown());
        Files.writeString(dir.resolve("results.csv"), csv());
        LatencyChart.write(dir.resolve("latency.png"), "plan-tracker: report commands, latency against load ("
                + machine.cores() + " cores, " + mode + " run)", loads);
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        double limit = pgbenchLimit();
        double baseline = saturationOf(BenchmarkRun.BASELINE);
        md.append("# plan-tracker benchmark, ").append(mode).append(" run\n\n");
        md.append(f("Started %s; took %.0f s. Machine: %d cores (%s), %,d MiB memory, %s, %s. Everything — PostgreSQL, "
                        + "Kafka, the services, the load generator — shares these cores.%n%n", startedAt, totalSeconds,
                machine.cores(), machine.cpu(), machine.memoryMib(), machine.java(), machine.os()));

        // a replay-only run (bench/run --replay) measured no commands: their sections are left out
        boolean commands = !loads.isEmpty();
        if (commands) {
            md.append("## Throughput at saturation (8 connections) and the ratios that matter\n\n");
            md.append("| what | per second | p50 ms | p99 ms | p99.9 ms | of the pgbench limit | of the baseline |\n|---|---:|---:|---:|---:|---:|---:|\n");
            for (Pgbench.Result p : pgbench) {
                md.append(f("| %s (%d clients) | %,.0f commits (%,.0f rows) | | | | %s | %s |%n", p.name(), p.clients(), p.tps(),
                        p.rowsPerSecond(), ratio(p.tps(), limit), ratio(p.tps(), baseline)));
            }
            for (String target : loads.keySet()) {
                saturation(target).ifPresent(r -> md.append(f("| %s | %,.0f requests | %.1f | %.1f | %.1f | %s | %s |%n", target,
                        r.throughput(), r.percentileMillis(50), r.percentileMillis(99), r.percentileMillis(99.9),
                        ratio(r.throughput(), limit), ratio(r.throughput(), baseline))));
            }
            md.append("\nWarm-up (saturating load in windows until four in a row are within 5 % of their median and the last is at most 3 % above the first of them):\n\n");
            warmups.forEach((target, w) -> md.append(f("- %s: %.0f s%s; windows (req/s): %s%n", target, w.seconds(),
                    w.stable() ? "" : " — cut off before it was stable", w.windows().stream().map(Math::round).toList())));

            if (!cpuMillisPerRequest.isEmpty()) {
                md.append(cpuTable());
            }
            if (!gcPauses.isEmpty()) {
                md.append(gcTable());
            }
            md.append("\nBefore each phase the run waits until the previous one's backlog is digested (progress-service's "
                    + "processors at the head of the store, notification-service idle) and PostgreSQL has checkpointed: ");
            md.append(String.join("; ", settled.entrySet().stream()
                    .map(e -> f("%.0f s before %s", e.getValue(), e.getKey())).toList())).append(".\n");
            md.append("\n## Latency at fixed arrival rates (open loop, measured from each request's due time)\n\n");
            md.append("| target | offered req/s | done req/s | p50 ms | p99 ms | p99.9 ms | max ms | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
            loads.forEach((target, results) -> results.stream().filter(r -> !r.saturation()).forEach(r ->
                    md.append(f("| %s | %,.0f | %,.0f | %.1f | %.1f | %.1f | %.1f | %d |%n", target, r.offeredRate(), r.throughput(),
                            r.percentileMillis(50), r.percentileMillis(99), r.percentileMillis(99.9),
                            r.latencyMicros().getMaxValue() / 1000.0, r.errors()))));
            md.append("\n![latency against load](latency.png)\n");
        }

        if (lags != null) {
            md.append("\n## End-to-end lags (command accepted by the gateway → effect visible)\n\n");
            md.append("| effect | p50 ms | p99 ms | max ms | samples |\n|---|---:|---:|---:|---:|\n");
            md.append(lagRow("county view row updated", lags.countyViewMicros()));
            md.append(lagRow("lead unit's inbox notification", lags.inboxMicros()));
            md.append(lagRow("lead unit's live stream (SSE, through the gateway)", lags.streamMicros()));
            md.append(lagRow("webhook received (signed POST to a subscriber)", lags.webhookMicros()));
            if (lags.missed() > 0) {
                md.append(f("%n%d of %d samples were not visible within 10 s.%n", lags.missed(), lags.samples()));
            }
        }

        md.append("\n## Replay: the county and municipal views rebuilt from zero\n\n");
        if (replay != null) {
            md.append(f("%,d stored events replayed in %.1f s: **%,.0f events/s** (%.1f s from the service's restart to caught up).%n",
                    replay.events(), replay.seconds(), replay.eventsPerSecond(), replay.secondsFromStart()));
        }
        md.append("\nStore filled by the loader (COPY, not HTTP): ").append(String.join("; ", loaderRuns)).append(".\n");

        Growth first = growth.isEmpty() ? null : growth.get(0);
        if (first != null) {
            md.append("\n## Growth: commands direct to progress-service with more events already stored\n\n");
            md.append(f("Each row: its own saturation run, then %d runs at the same fixed rate (half of the load phase's "
                    + "saturation); latencies are the median over those runs of each run's percentile, with the p99's range. "
                    + "PostgreSQL's work per report over the same runs: blocks of the service's database read from "
                    + "outside shared buffers, shared-buffer hit ratio, and the whole server's WAL and full-page images.%n%n",
                    first.repeats().size()));
            md.append("| events stored | store MiB | saturation req/s | at req/s | p50 ms | p99 ms | p99 range ms | p99.9 ms "
                    + "| p50 vs the first row | p99 vs the first row | blocks read / report | buffer hits | WAL bytes / report "
                    + "| full-page images / report | checkpoints |\n"
                    + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Growth g : growth) {
                ServerCounters.PerRequest pg = g.server();
                md.append(f("| %,d | %,d | %,.0f | %,.0f | %.1f | %.1f | %s | %.1f | %s | %s | %.2f | %.2f %% | %,.0f | %.2f | %d |%n",
                        g.stored(), pg.storeBytes() >> 20, g.saturation().throughput(), g.offeredRate(),
                        g.medianMillis(50), g.medianMillis(99), g.rangeMillis(99), g.medianMillis(99.9),
                        ratio(g.medianMillis(50), first.medianMillis(50)), ratio(g.medianMillis(99), first.medianMillis(99)),
                        pg.blocksRead(), 100 * pg.bufferHitRatio(), pg.walBytes(), pg.walFullPageImages(), pg.checkpoints()));
            }
        }

        md.append("\n## Memory (RSS, MiB)\n\n| process | idle | ");
        loadMemory.keySet().forEach(t -> md.append("peak under load: ").append(t).append(" | "));
        md.append("\n|---|---:|").append("---:|".repeat(loadMemory.size())).append('\n');
        idleMemory.forEach((process, kib) -> {
            md.append("| ").append(process).append(" | ").append(kib / 1024).append(" | ");
            loadMemory.values().forEach(m -> md.append(m.getOrDefault(process, 0L) / 1024).append(" | "));
            md.append('\n');
        });

        md.append("\n## The goals (issue 3)\n\n| goal | measured | met |\n|---|---|---|\n");
        double gateway = saturationOf(BenchmarkRun.GATEWAY);
        double direct = saturationOf(BenchmarkRun.DIRECT);
        if (commands) {
            goal(md, "through the gateway ≥ the baseline's throughput", f("%,.0f vs %,.0f req/s (%s)", gateway, baseline,
                    ratio(gateway, baseline)), baseline > 0 && gateway >= baseline);
            goal(md, "direct to the service ≥ 1.5 × the baseline", f("%,.0f vs %,.0f req/s (%s)", direct, baseline,
                    ratio(direct, baseline)), baseline > 0 && direct >= 1.5 * baseline);
        }
        for (String target : List.of(BenchmarkRun.DIRECT, BenchmarkRun.GATEWAY)) {
            loads.getOrDefault(target, List.of()).stream().filter(r -> Math.abs(r.offeredRate() - saturationOf(target) * 0.5) < 2)
                    .findFirst().ifPresent(r -> goal(md, "p99 < 50 ms at half of saturation, " + target,
                            f("%.1f ms at %,.0f req/s", r.percentileMillis(99), r.offeredRate()), r.percentileMillis(99) < 50));
        }
        if (lags != null) {
            double p99 = lags.countyViewMicros().getValueAtPercentile(99) / 1000.0;
            goal(md, "county view updated within 250 ms at p99", f("%.1f ms", p99), p99 < 250);
        }
        if (replay != null) {
            goal(md, "replay ≥ 20,000 events/s", f("%,.0f events/s", replay.eventsPerSecond()), replay.eventsPerSecond() >= 20_000);
        }
        if (growth.size() > 1) {
            Growth last = growth.get(growth.size() - 1);
            double r = last.medianMillis(99) / first.medianMillis(99);
            goal(md, f("latency at %,d stored events within 1.2 × of the smallest store", last.stored()),
                    f("p99 %.1f vs %.1f ms (%.2f ×; medians of %d runs each)", last.medianMillis(99), first.medianMillis(99), r,
                            last.repeats().size()), r <= 1.2);
        }
        return md.toString();
    }

    /** CPU per request by process: where the cores went, from the saturation run until its backlog was digested. */
    private String cpuTable() {
        List<String> processes = processes(cpuMillisPerRequest);
        StringBuilder md = new StringBuilder("\nCPU per request (ms of CPU time, user + system, from the start of the "
                + "saturation run until everything it left behind was digested; all processes on the machine that "
                + "take part, the idle ones' polling included):\n\n| target | ");
        processes.forEach(p -> md.append(p).append(" | "));
        md.append("total |\n|---|").append("---:|".repeat(processes.size() + 1)).append('\n');
        cpuMillisPerRequest.forEach((target, perProcess) -> {
            md.append("| ").append(target).append(" | ");
            processes.forEach(p -> md.append(perProcess.containsKey(p) ? f("%.2f", perProcess.get(p)) : "").append(" | "));
            md.append(f("%.2f |%n", perProcess.values().stream().mapToDouble(Double::doubleValue).sum()));
        });
        return md.toString();
    }

    private String gcTable() {
        List<String> processes = processes(gcPauses);
        StringBuilder md = new StringBuilder("\nGarbage-collection pauses during the saturation run and the fixed rates "
                + "(pauses / of them full collections, longest pause in ms; from each JVM's -Xlog:gc file):\n\n| target | ");
        processes.forEach(p -> md.append(p).append(" | "));
        md.append("\n|---|").append("---:|".repeat(processes.size())).append('\n');
        gcPauses.forEach((target, perProcess) -> {
            md.append("| ").append(target).append(" | ");
            processes.forEach(p -> {
                GcPauses.Summary g = perProcess.get(p);
                md.append(g == null ? "" : f("%d / %d, %.0f", g.pauses(), g.full(), g.longestMillis())).append(" | ");
            });
            md.append('\n');
        });
        return md.toString();
    }

    /** Every process named for any target, in the order first seen: the columns of a per-process table. */
    private static List<String> processes(Map<String, ? extends Map<String, ?>> perTarget) {
        List<String> processes = new ArrayList<>();
        perTarget.values().forEach(m -> m.keySet().forEach(p -> {
            if (!processes.contains(p)) {
                processes.add(p);
            }
        }));
        return processes;
    }

    private static String lagRow(String name, Histogram h) {
        return f("| %s | %.1f | %.1f | %.1f | %d |%n", name, h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount());
    }

    private static void goal(StringBuilder md, String goal, String measured, boolean met) {
        md.append("| ").append(goal).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**").append(" |\n");
    }

    private String csv() {
        StringBuilder csv = new StringBuilder("section,target,offered_per_s,done_per_s,p50_ms,p99_ms,p999_ms,max_ms,ok,errors,"
                + "seconds,ratio_to_pgbench,events_stored\n");
        double limit = pgbenchLimit();
        for (Pgbench.Result p : pgbench) {
            csv.append(f("limit,\"%s\",,%.1f,,,,,,,,%.3f,%n", p.name(), p.tps(), limit > 0 ? p.tps() / limit : 0));
        }
        loads.forEach((target, results) -> results.forEach(r -> csv.append(loadRow(r.saturation() ? "saturation" : "fixed-rate",
                target, r, limit, "")).append('\n')));
        if (lags != null) {
            csv.append(f("lag,county view,,,%.2f,%.2f,,%.2f,%d,%d,,,%n", lags.countyViewMicros().getValueAtPercentile(50) / 1000.0,
                    lags.countyViewMicros().getValueAtPercentile(99) / 1000.0, lags.countyViewMicros().getMaxValue() / 1000.0,
                    lags.countyViewMicros().getTotalCount(), lags.missed()));
            csv.append(f("lag,inbox notification,,,%.2f,%.2f,,%.2f,%d,%d,,,%n", lags.inboxMicros().getValueAtPercentile(50) / 1000.0,
                    lags.inboxMicros().getValueAtPercentile(99) / 1000.0, lags.inboxMicros().getMaxValue() / 1000.0,
                    lags.inboxMicros().getTotalCount(), lags.missed()));
            csv.append(f("lag,live stream,,,%.2f,%.2f,,%.2f,%d,%d,,,%n", lags.streamMicros().getValueAtPercentile(50) / 1000.0,
                    lags.streamMicros().getValueAtPercentile(99) / 1000.0, lags.streamMicros().getMaxValue() / 1000.0,
                    lags.streamMicros().getTotalCount(), lags.missed()));
            csv.append(f("lag,webhook,,,%.2f,%.2f,,%.2f,%d,%d,,,%n", lags.webhookMicros().getValueAtPercentile(50) / 1000.0,
                    lags.webhookMicros().getValueAtPercentile(99) / 1000.0, lags.webhookMicros().getMaxValue() / 1000.0,
                    lags.webhookMicros().getTotalCount(), lags.missed()));
        }
        if (replay != null) {
            csv.append(f("replay,views,,%.1f,,,,,%d,,%.2f,,%d%n", replay.eventsPerSecond(), replay.events(), replay.seconds(), replay.events()));
        }
        for (Growth g : growth) {
            csv.append(loadRow("growth-saturation", BenchmarkRun.DIRECT, g.saturation(), limit, String.valueOf(g.stored()))).append('\n');
            for (LoadGenerator.Result repeat : g.repeats()) {
                csv.append(loadRow("growth-half", BenchmarkRun.DIRECT, repeat, limit, String.valueOf(g.stored()))).append('\n');
            }
            ServerCounters.PerRequest pg = g.server();
            Map<String, Double> perReport = new LinkedHashMap<>();
            perReport.put("blocks read per report", pg.blocksRead());
            perReport.put("buffer hit ratio", pg.bufferHitRatio());
            perReport.put("WAL bytes per report", pg.walBytes());
            perReport.put("full-page images per report", pg.walFullPageImages());
            perReport.put("checkpoints", (double) pg.checkpoints());
            perReport.put("store bytes", (double) pg.storeBytes());
            perReport.forEach((what, value) -> csv.append(f("growth-postgresql,\"%s\",,%.4f,,,,,,,,,%d%n", what, value, g.stored())));
        }
        cpuMillisPerRequest.forEach((target, perProcess) -> perProcess.forEach((process, ms) ->
                csv.append(f("cpu-ms-per-request,\"%s under %s\",,%.3f,,,,,,,,,%n", process, target, ms))));
        gcPauses.forEach((target, perProcess) -> perProcess.forEach((process, g) -> {
            csv.append(f("gc-full-pauses,\"%s under %s\",,%d,,,,,,,,,%n", process, target, g.full()));
            csv.append(f("gc-longest-pause-ms,\"%s under %s\",,%.1f,,,,,,,,,%n", process, target, g.longestMillis()));
            csv.append(f("gc-pause-ms-total,\"%s under %s\",,%.1f,,,,,,,,,%n", process, target, g.totalMillis()));
        }));
        idleMemory.forEach((process, kib) -> csv.append(f("rss-idle-mib,%s,,%d,,,,,,,,,%n", process, kib / 1024)));
        loadMemory.forEach((target, memory) -> memory.forEach((process, kib) ->
                csv.append(f("rss-peak-mib,\"%s under %s\",,%d,,,,,,,,,%n", process, target, kib / 1024))));
        return csv.toString();
    }

    private static String loadRow(String section, String target, LoadGenerator.Result r, double limit, String stored) {
        return f("%s,\"%s\",%.0f,%.1f,%.2f,%.2f,%.2f,%.2f,%d,%d,%.1f,%.3f,%s", section, target, r.offeredRate(), r.throughput(),
                r.percentileMillis(50), r.percentileMillis(99), r.percentileMillis(99.9), r.latencyMicros().getMaxValue() / 1000.0,
                r.ok(), r.errors(), r.seconds(), limit > 0 ? r.throughput() / limit : 0, stored);
    }

    private static String ratio(double value, double reference) {
        return reference > 0 ? f("%.2f ×", value / reference) : "—";
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
