package org.plantracker.progress.evidence;

import org.plantracker.platform.problem.DomainException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Scans through ClamAV's {@code clamd} over TCP with its INSTREAM command: {@code zINSTREAM\0}, the file in
 * chunks each preceded by its length (4 bytes, network order), a zero length to end; clamd answers
 * {@code stream: OK} or {@code stream: <signature> FOUND}. Off unless {@code plan-tracker.evidence.clamd.host}
 * is set. When it is set and clamd cannot be reached or answers something else, the file is refused (503):
 * a file that was to be scanned is never accepted unscanned.
 */
@Component
public class ClamdScanner implements EvidenceScanner {

    private static final int CHUNK = 64 * 1024;

    private final EvidenceProperties.Clamd config;

    public ClamdScanner(EvidenceProperties properties) {
        this.config = properties.clamd();
    }

    @Override
    public Optional<String> scan(Path file) throws IOException {
        if (!config.enabled()) {
            return Optional.empty();
        }
        String answer;
        try (Socket socket = new Socket()) {
            int timeout = (int) config.timeout().toMillis();
            socket.connect(new InetSocketAddress(config.host(), config.port()), timeout);
            socket.setSoTimeout(timeout);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[CHUNK];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(chunk)) > 0; ) {
                    out.writeInt(n);
                    out.write(chunk, 0, n);
                }
            }
            out.writeInt(0);
            out.flush();
            answer = readReply(socket.getInputStream());
        } catch (IOException unreachable) {
            throw new DomainException(HttpStatus.SERVICE_UNAVAILABLE, "The virus scanner cannot be reached ("
                    + unreachable.getMessage() + "); no file is accepted unscanned. Try again later.");
        }
        if (answer.endsWith(" OK") || answer.equals("OK")) {
            return Optional.empty();
        }
        if (answer.endsWith(" FOUND")) {
            String found = answer.substring(answer.indexOf(':') + 1, answer.length() - " FOUND".length()).strip();
            return Optional.of(found);
        }
        throw new DomainException(HttpStatus.SERVICE_UNAVAILABLE, "The virus scanner did not scan the file (it answered "
                + answer + "); no file is accepted unscanned.");
    }

    /** One reply, ended by NUL (the z-prefixed command) or by the connection closing. */
    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1 && b != 0 && reply.size() < 4096; ) {
            reply.write(b);
        }
        return reply.toString(StandardCharsets.UTF_8).strip();
    }
}
