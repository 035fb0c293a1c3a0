package app.rechargeclose.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The primary access point cannot be reached; the backup is the simulator. With {@code hang} unset
 * the primary refuses connections (nothing listens there); otherwise a connection to it hangs, in
 * the TCP connect ({@code hang=connect}) or in the TLS handshake ({@code hang=handshake}). A
 * hanging primary is a socket that never accepts: the kernel completes TCP handshakes into its
 * accept queue, where nobody answers a TLS hello, and once that queue is full it drops further
 * connection requests.
 */
public class UnreachablePrimaryResource extends SimulatorResource {

    /**
     * Far shorter than the attempt's deadline, the deployed 10 s: a connect that hangs ends as a
     * connection failure (and fails over) on the slowest machine, instead of racing the attempt's
     * timer as it did against the tests' 1 s.
     */
    public static final Duration CONNECT_TIMEOUT = Duration.ofMillis(300);

    private String hang = "";
    private ServerSocket primary;
    private final List<Socket> queued = new ArrayList<>();

    @Override
    public void init(Map<String, String> initArgs) {
        hang = initArgs.getOrDefault("hang", "");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("wechatpay.backup-base-url", config.get("wechatpay.base-url"));
        config.put("wechatpay.connect-timeout", CONNECT_TIMEOUT.toMillis() + "ms");
        config.remove("wechatpay.timeout");
        try {
            switch (hang) {
                case "handshake" -> {
                    primary = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                    config.put("wechatpay.base-url", "https://127.0.0.1:" + primary.getLocalPort());
                }
                case "connect" -> {
                    primary = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    fillAcceptQueue();
                    config.put("wechatpay.base-url", "http://127.0.0.1:" + primary.getLocalPort());
                }
                case "" -> config.put("wechatpay.base-url", "http://127.0.0.1:" + unusedPort());
                default -> throw new IllegalArgumentException("hang: connect, handshake or unset, not " + hang);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    /** Connects until a connect hangs: from then on every connection request is dropped. */
    private void fillAcceptQueue() throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), primary.getLocalPort()), 200);
                queued.add(socket);
            } catch (SocketTimeoutException full) {
                socket.close();
                return;
            }
        }
        throw new IllegalStateException("the primary's accept queue did not fill up: connects to it would not hang");
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void stop() {
        try {
            for (Socket socket : queued) {
                socket.close();
            }
            if (primary != null) {
                primary.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            super.stop();
        }
    }
}
