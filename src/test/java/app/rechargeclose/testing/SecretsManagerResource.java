package app.rechargeclose.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * A deployment's setup: the keys live in a Secrets Manager secret (moto_server) named by
 * {@code wechatpay.secret-id}, and no PEM setting is given. The WeChat Pay simulator answers.
 */
public class SecretsManagerResource implements QuarkusTestResourceLifecycleManager {

    private MotoServer moto;
    private Vertx vertx;
    private app.rechargeclose.sandbox.WeChatPaySimulator simulator;

    @Override
    public Map<String, String> start() {
        try {
            moto = MotoServer.start();
            String arn = moto.createKeySecret("recharge-close/wechatpay");
            moto.sdkSystemProperties().forEach(System::setProperty);
            vertx = Vertx.vertx();
            simulator = SimulatorResource.startSimulator(vertx, Duration.ZERO);
            Map<String, String> config = new HashMap<>(SimulatorResource.functionConfig(simulator.port()));
            config.remove("wechatpay.private-key");
            config.remove("wechatpay.public-key");
            config.remove("wechatpay.platform-certificates");
            config.put("wechatpay.secret-id", arn);
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("could not set up moto_server", e);
        }
    }

    @Override
    public void stop() {
        simulator.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        moto.sdkSystemProperties().keySet().forEach(System::clearProperty);
        try {
            moto.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
