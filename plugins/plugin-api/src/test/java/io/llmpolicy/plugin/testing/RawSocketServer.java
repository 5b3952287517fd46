package io.llmpolicy.plugin.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * A loopback server that speaks raw bytes, for failures {@code HttpServer} cannot produce: it reads one request,
 * writes a scripted prefix of a response, then resets the connection (RST, via {@code SO_LINGER 0}) or waits
 * for the client to go away. {@link #clientClosed()} is counted down when the client closes its side, which is
 * how a test observes that cancelling a call really aborted the exchange.
 */
public final class RawSocketServer implements AutoCloseable {

    /** What to do after writing the scripted bytes. */
    public enum Then { RESET, WAIT_FOR_CLIENT_CLOSE }

    private final ServerSocket socket;
    private final CountDownLatch clientClosed = new CountDownLatch(1);
    private final CountDownLatch requestRead = new CountDownLatch(1);
    private final Thread thread;

    private RawSocketServer(ServerSocket socket, byte[] response, Then then) {
        this.socket = socket;
        this.thread = new Thread(() -> serve(response, then), "raw-socket-server");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Serves one connection: reads the request, writes {@code response} (raw HTTP text), then does {@code then}. */
    public static RawSocketServer start(String response, Then then) {
        try {
            ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            return new RawSocketServer(s, response.getBytes(StandardCharsets.UTF_8), then);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    public CountDownLatch clientClosed() {
        return clientClosed;
    }

    public CountDownLatch requestRead() {
        return requestRead;
    }

    private void serve(byte[] response, Then then) {
        try (Socket client = socket.accept()) {
            InputStream in = client.getInputStream();
            readRequest(in);
            requestRead.countDown();
            OutputStream out = client.getOutputStream();
            out.write(response);
            out.flush();
            if (then == Then.RESET) {
                client.setSoLinger(true, 0);
                return;
            }
            try {
                while (in.read() >= 0) {
                    // drain until the client closes its side
                }
            } catch (IOException reset) {
                // a reset from the client also means it went away
            }
            clientClosed.countDown();
        } catch (IOException e) {
            clientClosed.countDown();
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int at = headers.indexOf("content-length:");
        if (at >= 0) {
            int end = headers.indexOf('\r', at);
            int length = Integer.parseInt(headers.substring(at + 15, end).trim());
            in.readNBytes(length);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a listening socket that is already closed
        }
        thread.interrupt();
    }
}
