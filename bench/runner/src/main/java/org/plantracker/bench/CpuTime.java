package org.plantracker.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used by each process of the run (user + system, from {@code /proc/<pid>/stat}), so a
 * phase's cost can be split by process: which of the JVMs, Kafka, PostgreSQL or the load generator
 * itself the cores went to. PostgreSQL is the sum over all its processes (backends, WAL writer,
 * checkpointer); a backend that exits between two snapshots takes its time with it, which the
 * services' connection pools make rare. Linux only: elsewhere every figure is absent.
 */
final class CpuTime {

    static final String POSTGRES = "postgresql";
    static final String LOAD_GENERATOR = "load generator";
    /** USER_HZ: the unit of /proc's times; 100 on every Linux that matters here. */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuTime() {
    }

    /** CPU seconds used so far by each named process, PostgreSQL's processes together, and this JVM. */
    static Map<String, Double> snapshot(Map<String, Long> pids) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            double s = seconds(pid);
            if (s >= 0) {
                seconds.put(name, s);
            }
        });
        double postgres = postgresSeconds();
        if (postgres >= 0) {
            seconds.put(POSTGRES, postgres);
        }
        double self = seconds(ProcessHandle.current().pid());
        if (self >= 0) {
            seconds.put(LOAD_GENERATOR, self);
        }
        return seconds;
    }

    /** Milliseconds of CPU per request, per process, between two snapshots. */
    static Map<String, Double> millisPerRequest(Map<String, Double> before, Map<String, Double> after, long requests) {
        Map<String, Double> perRequest = new LinkedHashMap<>();
        if (requests <= 0) {
            return perRequest;
        }
        after.forEach((name, end) -> {
            Double start = before.get(name);
            if (start != null) {
                perRequest.put(name, (end - start) * 1000.0 / requests);
            }
        });
        return perRequest;
    }

    private static double seconds(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** utime + stime: fields 14 and 15, counted after the command name, which may itself hold spaces. */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static double postgresSeconds() {
        long ticks = 0;
        boolean found = false;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        ticks += ticks(stat);
                        found = true;
                    }
                } catch (IOException | RuntimeException gone) {
                    // exited while we looked
                }
            }
        } catch (IOException noProc) {
            return -1;
        }
        return found ? ticks / TICKS_PER_SECOND : -1;
    }
}
