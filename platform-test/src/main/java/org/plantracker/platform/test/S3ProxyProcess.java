package org.plantracker.platform.test;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for tests: S3Proxy (org.gaul:s3proxy) over a local folder, in a JVM of its
 * own (its jar-with-dependencies carries jclouds and a Jetty of its own, which stay off the service's class
 * path). It answers the S3 API with AWS signatures (v2 or v4) on 127.0.0.1, path-style.
 *
 * <p>The jar: system property {@code plan-tracker.s3proxy.jar}, else {@code target/s3proxy/s3proxy.jar} of
 * the module under test (the module's pom copies it there with maven-dependency-plugin).
 */
public final class S3ProxyProcess implements AutoCloseable {

    public static final String IDENTITY = "test-identity";
    public static final String CREDENTIAL = "test-credential-0123456789";
    public static final String REGION = "us-east-1";

    private static S3ProxyProcess shared;

    private final Path dataDir;
    private final Path log;
    private final int port;
    private final Process process;

    private S3ProxyProcess(Path jar, Path dataDir, int port) throws IOException {
        this.dataDir = dataDir;
        this.port = port;
        this.log = dataDir.resolve("s3proxy.log");
        Path blobs = dataDir.resolve("blobs");
        Files.createDirectories(blobs);
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", IDENTITY);
        p.setProperty("s3proxy.credential", CREDENTIAL);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", blobs.toString());
        Path config = dataDir.resolve("s3proxy.properties");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "a test's S3Proxy");
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--properties", config.toString());
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Starts S3Proxy over a folder in {@code dataDir} on a free port and waits until it answers. */
    public static S3ProxyProcess start(Path jar, Path dataDir) {
        try {
            S3ProxyProcess server = new S3ProxyProcess(jar, dataDir, freePort());
            server.awaitReady(Duration.ofSeconds(120));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One server per test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized S3ProxyProcess shared() {
        if (shared == null) {
            try {
                shared = start(locateJar(), Files.createTempDirectory("s3proxy-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            S3ProxyProcess started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                started.deleteData();
            }));
        }
        return shared;
    }

    /**
     * Points a Spring test context at the shared server, in a bucket of its own (created by the service).
     * Call from a {@code @DynamicPropertySource} method.
     */
    public static void register(DynamicPropertyRegistry registry) {
        S3ProxyProcess server = shared();
        String bucket = "evidence-" + UUID.randomUUID().toString().substring(0, 8);
        registry.add("plan-tracker.evidence.s3.endpoint", server::endpoint);
        registry.add("plan-tracker.evidence.s3.region", () -> REGION);
        registry.add("plan-tracker.evidence.s3.bucket", () -> bucket);
        registry.add("plan-tracker.evidence.s3.path-style", () -> "true");
        registry.add("plan-tracker.evidence.s3.access-key", () -> IDENTITY);
        registry.add("plan-tracker.evidence.s3.secret-key", () -> CREDENTIAL);
        registry.add("plan-tracker.evidence.s3.create-bucket", () -> "true");
    }

    static Path locateJar() {
        String configured = System.getProperty("plan-tracker.s3proxy.jar");
        Path jar = configured != null ? Path.of(configured) : Path.of("target", "s3proxy", "s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy's jar is not at " + jar.toAbsolutePath()
                    + ": the module's build copies it there (maven-dependency-plugin, execution s3proxy), "
                    + "or name it with -Dplan-tracker.s3proxy.jar=...");
        }
        return jar;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The folder the server keeps its buckets in (one sub-folder per bucket). */
    public Path blobs() {
        return dataDir.resolve("blobs");
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited; see " + log);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                if (c.getResponseCode() > 0) { // 403 to an unsigned request: it answers
                    c.disconnect();
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("S3Proxy did not answer within " + timeout.toSeconds() + " s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Removes the server's folder (after {@link #close()}). */
    void deleteData() {
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the system cleans it up eventually
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
