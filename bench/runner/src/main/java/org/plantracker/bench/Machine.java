package org.plantracker.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on. */
record Machine(int cores, long memoryMib, String cpu, String java, String os) {

    static Machine describe() {
        long memKib = 0;
        String cpu = "unknown";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKib = Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (Exception notLinux) {
            // leave unknown
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), memKib / 1024, cpu,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }
}
