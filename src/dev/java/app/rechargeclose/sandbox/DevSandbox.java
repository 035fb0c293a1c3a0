package app.rechargeclose.sandbox;

import java.security.GeneralSecurityException;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;

/**
 * Starts the {@link WeChatPaySimulator} in dev mode only, so {@code ./mvnw -Psandbox quarkus:dev}
 * gives a full signed and verified round trip without a WeChat Pay account. Its keys and settings
 * come from {@code dev-sandbox/sandbox.properties}. Both live in {@code src/dev}, which only the
 * sandbox profile adds to the application: no package holds them.
 */
@IfBuildProfile("dev")
@Startup
@Singleton
public class DevSandbox {

    private static final Logger LOG = Logger.getLogger(DevSandbox.class);

    private final WeChatPaySimulator simulator;

    public DevSandbox(Vertx vertx,
            @ConfigProperty(name = "sandbox.port") int port,
            @ConfigProperty(name = "sandbox.merchant-public-key") String merchantPublicKey,
            @ConfigProperty(name = "sandbox.platform-private-key") String platformPrivateKey,
            @ConfigProperty(name = "wechatpay.mchid") String mchid,
            @ConfigProperty(name = "wechatpay.merchant-serial-no") String merchantSerialNo,
            @ConfigProperty(name = "wechatpay.public-key-id") String publicKeyId) throws GeneralSecurityException {
        var settings = new WeChatPaySimulator.Settings(mchid, merchantSerialNo, WeChatPaySimulator.publicKey(merchantPublicKey), publicKeyId,
                WeChatPaySimulator.privateKey(platformPrivateKey), null, null, Duration.ZERO, Duration.ofSeconds(15));
        this.simulator = WeChatPaySimulator.start(vertx, settings, port);
        LOG.infof("WeChat Pay sandbox listening on http://localhost:%d; out_recharge_no prefixes such as E404, PROBE or SLOW pick its answer",
                simulator.port());
    }

    @PreDestroy
    void stop() {
        simulator.close();
    }
}
