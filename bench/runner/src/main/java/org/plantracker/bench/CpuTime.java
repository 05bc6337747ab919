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
 * checkpointer, autovacuum workers) plus what its exited processes used, which the kernel adds to
 * the postmaster's children's times when it reaps them: without that, a backend or autovacuum worker
 * that exits between two snapshots took its time with it, and PostgreSQL's share came out negative.
 * Linux only: elsewhere every figure is absent.
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
        String[] fields = fieldsAfterName(stat);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** cutime + cstime (fields 16 and 17): what the process's exited and reaped children used. */
    static long childrenTicks(String stat) {
        String[] fields = fieldsAfterName(stat);
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** The parent's pid (field 4). */
    static long parent(String stat) {
        return Long.parseLong(fieldsAfterName(stat)[1]);
    }

    private static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static double postgresSeconds() {
        Map<Long, String> stats = new LinkedHashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        stats.put(Long.parseLong(process.getFileName().toString()), stat);
                    }
                } catch (IOException | RuntimeException gone) {
                    // exited while we looked
                }
            }
        } catch (IOException noProc) {
            return -1;
        }
        return stats.isEmpty() ? -1 : postgresTicks(stats) / TICKS_PER_SECOND;
    }

    /**
     * Every PostgreSQL process's own ticks, plus its postmaster's children's ticks (a postmaster is a
     * postgres process whose parent is not one): monotonic however many backends come and go.
     */
    static long postgresTicks(Map<Long, String> statByPid) {
        long ticks = 0;
        for (String stat : statByPid.values()) {
            ticks += ticks(stat);
            if (!statByPid.containsKey(parent(stat))) {
                ticks += childrenTicks(stat);
            }
        }
        return ticks;
    }
}
