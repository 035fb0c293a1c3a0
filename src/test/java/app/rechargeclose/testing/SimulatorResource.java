package app.rechargeclose.testing;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;

import app.rechargeclose.sandbox.WeChatPaySimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * Starts the WeChat Pay simulator on a free loopback port and points the function at it, with
 * WeChat Pay's published test merchant key and this project's test platform keys.
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {

    /** The function's deadline in tests; SLOW answers take longer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static volatile WeChatPaySimulator simulator;
    private Vertx vertx;

    public static WeChatPaySimulator simulator() {
        return simulator;
    }

    /** The simulator as every test here configures it. */
    public static WeChatPaySimulator startSimulator(Vertx vertx, Duration latency) {
        try {
            return WeChatPaySimulator.start(vertx, new WeChatPaySimulator.Settings(TestKeys.MCHID, TestKeys.MERCHANT_SERIAL_NO,
                    WeChatPaySimulator.publicKey(TestKeys.merchantPublicKey()), TestKeys.PUBLIC_KEY_ID,
                    WeChatPaySimulator.privateKey(TestKeys.platformPrivateKey()), TestKeys.CERTIFICATE_SERIAL,
                    WeChatPaySimulator.privateKey(TestKeys.certificateKey()), latency, TIMEOUT.multipliedBy(3)), 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The function's configuration for a simulator on {@code port}, as the WECHATPAY_* settings. */
    public static Map<String, String> functionConfig(int port) {
        return Map.of(
                "wechatpay.mchid", TestKeys.MCHID,
                "wechatpay.merchant-serial-no", TestKeys.MERCHANT_SERIAL_NO,
                "wechatpay.private-key", TestKeys.merchantPrivateKey(),
                "wechatpay.public-key-id", TestKeys.PUBLIC_KEY_ID,
                "wechatpay.public-key", TestKeys.platformPublicKey(),
                "wechatpay.platform-certificates", TestKeys.certificate(),
                "wechatpay.base-url", "http://127.0.0.1:" + port,
                "wechatpay.backup-base-url", "http://localhost:" + port,
                "wechatpay.timeout", TIMEOUT.toSeconds() + "s");
    }

    /** How long the simulator takes for each answer. */
    protected Duration latency() {
        return Duration.ZERO;
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        simulator = startSimulator(vertx, latency());
        return functionConfig(simulator.port());
    }

    @Override
    public void stop() {
        simulator.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
