package org.plantracker.platform.test;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
 * A real single-node Kafka broker (KRaft, broker and controller in one process) in a JVM of its
 * own, for tests that take the broker away from the services under test: stop it, kill it, freeze
 * it (SIGSTOP) and bring it back on the same port with the same data. The in-process broker of
 * {@link TestInfrastructure} cannot do that: it lives and dies with the test JVM.
 *
 * <p>The broker runs from the test JVM's own class path, which holds the broker's classes because
 * spring-kafka-test depends on them.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Path dataDir;
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    private KafkaBrokerProcess(Path dataDir, int port, int controllerPort) throws IOException, InterruptedException {
        this.dataDir = dataDir;
        this.port = port;
        this.log = dataDir.resolve("broker.log");
        this.config = dataDir.resolve("server.properties");
        Path logs = dataDir.resolve("data");
        Files.createDirectories(logs);
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
        p.setProperty("num.partitions", "3");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "a test's Kafka broker");
        }
        Files.writeString(dataDir.resolve("logback.xml"), """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>[%d] %-5level %logger{36} %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="out"/></root>
                </configuration>
                """);
        int format = java(List.of("kafka.tools.StorageTool", "format", "-t",
                UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c", config.toString()),
                dataDir.resolve("format.log")).waitFor();
        if (format != 0) {
            throw new IllegalStateException("formatting the Kafka storage failed; see " + dataDir.resolve("format.log"));
        }
    }

    /** Formats a fresh broker in {@code dataDir} on free ports and starts it. */
    public static KafkaBrokerProcess start(Path dataDir) {
        try {
            KafkaBrokerProcess broker = new KafkaBrokerProcess(dataDir, freePort(), freePort());
            broker.startAgain();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker again on the same port with the data it had, and waits until it answers. */
    public void startAgain() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is running");
        }
        process = java(List.of("kafka.Kafka", config.toString()), log);
        awaitReady(Duration.ofSeconds(60));
    }

    /** A clean shutdown (SIGTERM), as an operator's restart would do it. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGKILL: the broker dies without closing anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the broker keeps its sockets open and answers nothing until {@link #thaw()}. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    private Process java(List<String> arguments, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + dataDir.resolve("logback.xml"),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited; see " + log);
            }
            try (Admin client = Admin.create(admin)) {
                if (!client.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the Kafka broker was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            try {
                thaw(); // a frozen process cannot shut down; a running one ignores SIGCONT
            } catch (IOException ignored) {
                // stop() kills it after its grace period anyway
            }
            stop();
        }
    }
}
