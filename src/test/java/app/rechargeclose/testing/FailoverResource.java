package app.rechargeclose.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/** The primary access point refuses connections (nothing listens there); the backup is the simulator. */
public class FailoverResource extends SimulatorResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("wechatpay.backup-base-url", config.get("wechatpay.base-url"));
        config.put("wechatpay.base-url", "http://127.0.0.1:" + unusedPort());
        return config;
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
