package org.plantracker.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), run from
 * the broker's Maven artifacts as a JVM of its own. Its data directory survives restarts; it is
 * formatted only the first time.
 */
final class KafkaBroker implements AutoCloseable {

    private final ManagedProcess process;
    private final String bootstrapServers;
    /** Starts the same broker again: same data directory, same ports (see {@link #restart}). */
    private final Restart restart;

    @FunctionalInterface
    private interface Restart {
        KafkaBroker start() throws IOException, InterruptedException;
    }

    private KafkaBroker(ManagedProcess process, String bootstrapServers, Restart restart) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.restart = restart;
    }

    static KafkaBroker start(Path kafkaLibs, Path dataDir, Path logDir, int port, int controllerPort)
            throws IOException, InterruptedException {
        if (!Files.isDirectory(kafkaLibs)) {
            throw new IllegalStateException("Kafka broker jars not found in " + kafkaLibs
                    + ": build with mvn package first");
        }
        Path logs = dataDir.resolve("logs");
        Files.createDirectories(logs);
        Path config = dataDir.resolve("server.properties");
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logs.toString());
        p.setProperty("num.partitions", "6");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        // events are the record of what happened: keep them
        p.setProperty("log.retention.ms", "-1");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "written by the plan-tracker dev stack");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = kafkaLibs.toAbsolutePath() + "/*";
        if (!Files.exists(logs.resolve("meta.properties"))) {
            Process format = new ProcessBuilder(java, "-cp", classpath, "kafka.tools.StorageTool", "format",
                    "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logDir.resolve("kafka-format.log").toFile())
                    .start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting the Kafka storage failed; see " + logDir.resolve("kafka-format.log"));
            }
        }
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-Xms128m", "-XX:+UseSerialGC",
                "-Dlog4j.configuration=file:" + writeLog4j(dataDir), "-cp", classpath, "kafka.Kafka", config.toString()));
        ManagedProcess process = ManagedProcess.start("kafka", command, Map.of(), logDir);
        KafkaBroker broker = new KafkaBroker(process, "127.0.0.1:" + port,
                () -> start(kafkaLibs, dataDir, logDir, port, controllerPort));
        broker.awaitReady(Duration.ofSeconds(60));
        return broker;
    }

    private static Path writeLog4j(Path dataDir) throws IOException {
        Path file = dataDir.resolve("log4j.properties");
        Files.writeString(file, """
                log4j.rootLogger=WARN, stdout
                log4j.logger.kafka.server.KafkaServer=INFO
                log4j.logger.kafka.server.KafkaRaftServer=INFO
                log4j.appender.stdout=org.apache.log4j.ConsoleAppender
                log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
                log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
                """);
        return file;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited; see " + process.log() + "\n" + process.tail());
            }
            try (Admin admin = Admin.create(config)) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the Kafka broker was not ready within " + timeout.toSeconds() + " s; see "
                + process.log());
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash of the broker's host would end it: no controlled shutdown, logs left to recover. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /**
     * A new broker process on this one's data directory and ports (the storage is not formatted
     * again), once this one is gone; ready when the cluster answers.
     */
    KafkaBroker restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException("the Kafka broker is still running");
        }
        return restart.start();
    }

    @Override
    public void close() {
        process.close();
    }
}
