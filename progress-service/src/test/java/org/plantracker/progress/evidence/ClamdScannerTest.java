package org.plantracker.progress.evidence;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plantracker.platform.problem.DomainException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The clamd hook against a real TCP peer speaking clamd's INSTREAM protocol. */
class ClamdScannerTest {

    private ClamdProtocolServer clamd;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        clamd = ClamdProtocolServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        clamd.close();
    }

    private ClamdScanner scanner(String host, int port) {
        return new ClamdScanner(new EvidenceProperties(null, null, null, null, null, null, null,
                new EvidenceProperties.Clamd(host, port, Duration.ofSeconds(5))));
    }

    private Path file(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void aCleanFileIsOkAndTheEicarTestFileIsFoundEvenAcrossChunks() throws Exception {
        ClamdScanner scanner = scanner("127.0.0.1", clamd.port());
        assertThat(scanner.scan(file("clean.pdf", EvidenceIntegrationTest.pdf(200_000)))).isEmpty();
        // past the scanner's first 64 KiB chunk, so the peer has to put the chunks together
        byte[] infected = EvidenceIntegrationTest.pdf(150_000);
        byte[] eicar = ClamdProtocolServer.EICAR.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(eicar, 0, infected, 100_000, eicar.length);
        assertThat(scanner.scan(file("infected.pdf", infected))).contains("Eicar-Test-Signature");
        assertThat(clamd.streamsScanned()).isEqualTo(2);
        assertThat(clamd.lastStreamLength()).isEqualTo(infected.length);
    }

    @Test
    void offByDefaultNothingIsSent() throws Exception {
        assertThat(scanner("", clamd.port()).scan(file("a.pdf", EvidenceIntegrationTest.pdf(100)))).isEmpty();
        assertThat(clamd.streamsScanned()).isZero();
    }

    @Test
    void whenConfiguredButUnreachableNoFileIsAcceptedUnscanned() throws Exception {
        int port = clamd.port();
        clamd.close();
        assertThatThrownBy(() -> scanner("127.0.0.1", port).scan(file("a.pdf", EvidenceIntegrationTest.pdf(100))))
                .isInstanceOf(DomainException.class).hasMessageContaining("virus scanner");
    }
}
