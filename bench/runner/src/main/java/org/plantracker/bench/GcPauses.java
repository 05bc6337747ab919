package org.plantracker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The garbage-collection pauses of each JVM of the run, read from the {@code -Xlog:gc} file each one
 * writes ({@link #jvmOption}): a collection that stops a service for 170 ms is what a p99 at a fixed
 * rate shows, and the CPU figures do not. Counted between a {@link #mark} and {@link #since}, so a
 * phase's pauses are told apart from the warm-up's.
 */
final class GcPauses {

    /**
     * What the unified log prints for a pause, with any collector: "GC(12) Pause Full (Allocation Failure)
     * 300M->61M(491M) 171.234ms", "GC(7) Pause Young (Normal) (G1 Evacuation Pause) 60M->20M(256M) 5.1ms",
     * "GC(9) Pause Remark 80M->80M(256M) 2.0ms".
     */
    private static final Pattern PAUSE = Pattern.compile("Pause (\\w+).*? ([0-9]+(?:\\.[0-9]+)?)ms\\s*$");

    /** One stop of the world, as logged. */
    record Pause(boolean full, double millis) {
    }

    /** The pauses of one process in one phase: all of them (young, mixed, remark…), and how many were full collections. */
    record Summary(int pauses, int full, double totalMillis, double longestMillis) {
    }

    private GcPauses() {
    }

    /** One log file per JVM, named by its pid (the JVM expands %p). */
    static String jvmOption(Path logs) {
        return "-Xlog:gc:file=" + logs.resolve("gc-%p.log") + ":uptime";
    }

    /** How many pauses each process has logged so far. */
    static Map<String, Integer> mark(Path logs, Map<String, Long> pids) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        pids.forEach((name, pid) -> seen.put(name, pauses(logs, pid).size()));
        return seen;
    }

    /** Each process's pauses logged after {@code mark}; a process without a log is left out. */
    static Map<String, Summary> since(Path logs, Map<String, Long> pids, Map<String, Integer> mark) {
        Map<String, Summary> summaries = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            if (!Files.isRegularFile(log(logs, pid))) {
                return;
            }
            List<Pause> all = pauses(logs, pid);
            int count = 0;
            int full = 0;
            double total = 0;
            double longest = 0;
            for (Pause pause : all.subList(Math.min(mark.getOrDefault(name, 0), all.size()), all.size())) {
                count++;
                if (pause.full()) {
                    full++;
                }
                total += pause.millis();
                longest = Math.max(longest, pause.millis());
            }
            summaries.put(name, new Summary(count, full, total, longest));
        });
        return summaries;
    }

    /** Each pause, in the order logged. */
    static List<Pause> parse(List<String> lines) {
        List<Pause> pauses = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                pauses.add(new Pause("Full".equals(m.group(1)), Double.parseDouble(m.group(2))));
            }
        }
        return pauses;
    }

    private static List<Pause> pauses(Path logs, long pid) {
        try {
            Path file = log(logs, pid);
            return Files.isRegularFile(file) ? parse(Files.readAllLines(file)) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Path log(Path logs, long pid) {
        return logs.resolve("gc-" + pid + ".log");
    }
}
