package org.plantracker.progress.evidence;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small TCP peer speaking clamd's INSTREAM protocol, as the tests' HTTP receivers speak HTTP: it reads
 * {@code zINSTREAM\0}, then length-prefixed chunks up to a zero length, and answers {@code stream: OK\0}, or
 * {@code stream: Eicar-Test-Signature FOUND\0} when the stream holds the EICAR test string.
 */
final class ClamdProtocolServer implements AutoCloseable {

    /** The anti-virus test file's content (EICAR); harmless, found by every scanner. */
    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private final ServerSocket socket;
    private final AtomicInteger streams = new AtomicInteger();
    private final AtomicLong lastLength = new AtomicLong();

    private ClamdProtocolServer(ServerSocket socket) {
        this.socket = socket;
    }

    static ClamdProtocolServer start() throws IOException {
        ClamdProtocolServer server = new ClamdProtocolServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread accepting = new Thread(server::accept, "clamd-protocol-server");
        accepting.setDaemon(true);
        accepting.start();
        return server;
    }

    int port() {
        return socket.getLocalPort();
    }

    int streamsScanned() {
        return streams.get();
    }

    long lastStreamLength() {
        return lastLength.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                serve(client);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // one broken conversation; keep serving
            }
        }
    }

    private void serve(Socket client) throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        String command = readCommand(in);
        if (!command.equals("zINSTREAM")) {
            out.write(("UNKNOWN COMMAND\0").getBytes(StandardCharsets.US_ASCII));
            return;
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int length; (length = in.readInt()) > 0; ) {
            stream.write(in.readNBytes(length));
        }
        streams.incrementAndGet();
        lastLength.set(stream.size());
        boolean infected = stream.toString(StandardCharsets.ISO_8859_1).contains(EICAR);
        out.write((infected ? "stream: Eicar-Test-Signature FOUND\0" : "stream: OK\0").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readCommand(DataInputStream in) throws IOException {
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        for (int b; (b = in.read()) > 0 && command.size() < 64; ) {
            command.write(b);
        }
        return command.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
