package app.rechargeclose.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.inject.Singleton;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.recharge.Recharge;
import app.rechargeclose.wechatpay.InvalidKeyMaterialException;
import app.rechargeclose.wechatpay.WechatPayKeys;
import io.quarkus.runtime.Startup;

/**
 * Before Lambda takes a SnapStart snapshot (the {@code jvm} package on the managed {@code java25}
 * runtime), runs signing, verification and JSON mapping once, so a restored function answers its
 * first request with that code already loaded and compiled. No call leaves the process. On a JVM
 * without CRaC (the {@code aot} package, tests) the registration is a no-op.
 */
@Startup
@Singleton
public class SnapStartPriming implements Resource {

    private static final Logger LOG = Logger.getLogger(SnapStartPriming.class);
    private static final String SAMPLE = "{\"sp_mchid\":\"1900000109\",\"sub_mchid\":\"1900001121\",\"recharge_id\":\"1722344841623950000001\","
            + "\"out_recharge_no\":\"prime\",\"recharge_channel\":\"ONLINE_BANK\",\"account_type\":\"OPERATION\",\"recharge_state\":\"CLOSED\","
            + "\"recharge_scene\":\"ECOMMERCE_PAYMENT\",\"recharge_amount\":{\"amount\":1,\"currency\":\"CNY\"},"
            + "\"online_bank_recharge_info\":{\"bank_name\":\"x\"},\"available_recharge_channels\":[\"ONLINE_BANK\"],"
            + "\"close_time\":\"2025-08-20T14:29:35+08:00\"}";

    private final WechatPayKeys keys;
    private final ObjectMapper json;

    public SnapStartPriming(WechatPayKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            prime();
        } catch (InvalidKeyMaterialException e) {
            LOG.warnf("SnapStart priming: wechatpay.private-key: %s", e.getMessage());
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: the JDK reseeds SecureRandom on restore in Lambda's managed Java runtimes
    }

    /**
     * Maps a recharge, then signs and verifies with our own key: the self-check that primes the RSA code.
     *
     * @throws InvalidKeyMaterialException when the configured key does not pass its self-check
     */
    void prime() {
        try {
            json.writeValueAsString(json.readValue(SAMPLE, Recharge.class));
        } catch (IOException e) {
            throw new UncheckedIOException("SnapStart priming could not map the sample recharge", e);
        }
        keys.checkSigningKey();
    }
}
