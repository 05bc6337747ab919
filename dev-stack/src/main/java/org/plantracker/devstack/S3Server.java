package org.plantracker.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The stack's S3-compatible object store for evidence attachments: S3Proxy (org.gaul:s3proxy, its
 * jar-with-dependencies copied to {@code dev-stack/target/s3proxy/} by the build) over a local folder,
 * as a JVM of its own. Its folder survives restarts (the files attached in an earlier run stay); the
 * credential is new on every start, like the stack's JWT secret.
 */
final class S3Server implements AutoCloseable {

    static final String IDENTITY = "plan-tracker-dev";
    static final String BUCKET = "plan-tracker-evidence";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ManagedProcess process;
    private final int port;
    private final String credential;

    private S3Server(ManagedProcess process, int port, String credential) {
        this.process = process;
        this.port = port;
        this.credential = credential;
    }

    static S3Server start(Path jar, Path dataDir, Path logDir, int port) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy's jar is not at " + jar + ": build with mvn package first");
        }
        Path blobs = dataDir.resolve("blobs");
        Files.createDirectories(blobs);
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String credential = HexFormat.of().formatHex(secret);
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", IDENTITY);
        p.setProperty("s3proxy.credential", credential);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", blobs.toAbsolutePath().toString());
        Path config = dataDir.resolve("s3proxy.properties");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "written by the plan-tracker dev stack");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ManagedProcess process = ManagedProcess.start("s3proxy", List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(), "--properties", config.toString()),
                Map.of(), logDir);
        S3Server server = new S3Server(process, port, credential);
        server.awaitReady(Duration.ofSeconds(120));
        return server;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The progress-service settings that point it at this server. */
    Map<String, Object> serviceConfig() {
        return Map.of("plan-tracker.evidence.s3.endpoint", endpoint(),
                "plan-tracker.evidence.s3.region", "us-east-1",
                "plan-tracker.evidence.s3.bucket", BUCKET,
                "plan-tracker.evidence.s3.path-style", true,
                "plan-tracker.evidence.s3.access-key", IDENTITY,
                "plan-tracker.evidence.s3.secret-key", credential,
                "plan-tracker.evidence.s3.create-bucket", true);
    }

    long pid() {
        return process.pid();
    }

    /** Any answer (403 to an unsigned request) means it listens. */
    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited; see " + process.log());
            }
            try {
                HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("S3Proxy did not answer within " + timeout.toSeconds() + " s; see " + process.log());
    }

    @Override
    public void close() {
        process.close();
    }
}
