package app.rechargeclose.testing;

import java.security.GeneralSecurityException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import app.rechargeclose.sandbox.WeChatPaySimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * Starts the WeChat Pay simulator on a free loopback port and points the function at it, with
 * WeChat Pay's published test merchant key and this project's test platform keys.
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {

    /** The function's deadline in tests; SLOW answers take longer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(1);

    /**
     * A PKCS#12 trust store holding only the test CA, for a function process that talks to
     * {@link #startHttpsSimulator}: {@code -Djavax.net.ssl.trustStore=… -Djavax.net.ssl.trustStorePassword=changeit}.
     */
    public static final Path TEST_CA_TRUST_STORE = TestKeys.path("tls/ca-truststore.p12");

    private static volatile WeChatPaySimulator simulator;
    private Vertx vertx;

    public static WeChatPaySimulator simulator() {
        return simulator;
    }

    /** The simulator as every test here configures it. */
    public static WeChatPaySimulator startSimulator(Vertx vertx, Duration latency) {
        return startSimulator(vertx, latency, new HttpServerOptions());
    }

    private static WeChatPaySimulator startSimulator(Vertx vertx, Duration latency, HttpServerOptions server) {
        try {
            return WeChatPaySimulator.start(vertx, new WeChatPaySimulator.Settings(TestKeys.MCHID, TestKeys.MERCHANT_SERIAL_NO,
                    WeChatPaySimulator.publicKey(TestKeys.merchantPublicKey()), TestKeys.PUBLIC_KEY_ID,
                    WeChatPaySimulator.privateKey(TestKeys.platformPrivateKey()), TestKeys.CERTIFICATE_SERIAL,
                    WeChatPaySimulator.privateKey(TestKeys.certificateKey()), latency, TIMEOUT.multipliedBy(3)), 0, server);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The simulator answering {@code https}, as WeChat Pay does, with a certificate for 127.0.0.1 and
     * localhost from the test CA under src/test/resources/keys/tls ({@link #TEST_CA_TRUST_STORE} trusts it).
     */
    public static WeChatPaySimulator startHttpsSimulator(Vertx vertx) {
        HttpServerOptions tls = new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(TestKeys.read("tls/server.pem")))
                        .setKeyValue(Buffer.buffer(TestKeys.read("tls/server-key.pem"))));
        return startSimulator(vertx, Duration.ZERO, tls);
    }

    /** The function's configuration for a simulator on {@code port}, as the WECHATPAY_* settings. */
    public static Map<String, String> functionConfig(int port) {
        return functionConfig("http://127.0.0.1:" + port, "http://localhost:" + port);
    }

    /** The function's configuration for {@code simulator}, over https when it answers https. */
    public static Map<String, String> functionConfig(WeChatPaySimulator simulator) {
        return functionConfig(simulator.baseUrl("127.0.0.1"), simulator.baseUrl("localhost"));
    }

    private static Map<String, String> functionConfig(String baseUrl, String backupBaseUrl) {
        return Map.of(
                "wechatpay.mchid", TestKeys.MCHID,
                "wechatpay.merchant-serial-no", TestKeys.MERCHANT_SERIAL_NO,
                "wechatpay.private-key", TestKeys.merchantPrivateKey(),
                "wechatpay.public-key-id", TestKeys.PUBLIC_KEY_ID,
                "wechatpay.public-key", TestKeys.platformPublicKey(),
                "wechatpay.platform-certificates", TestKeys.certificate(),
                "wechatpay.base-url", baseUrl,
                "wechatpay.backup-base-url", backupBaseUrl,
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
