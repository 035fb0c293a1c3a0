package app.rechargeclose.config;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.recharge.RechargeCloser;
import app.rechargeclose.recharge.RetryPolicy;
import app.rechargeclose.wechatpay.Keyring;
import app.rechargeclose.wechatpay.KeyringEvents;
import app.rechargeclose.wechatpay.WechatPayClient;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Turns the {@code wechatpay.*} settings into the WeChat Pay client: checks each setting, loads
 * the keys (from the settings or Secrets Manager) and parses them. Made eagerly at start, so a
 * missing or malformed setting stops the function before its first event, with a message naming it.
 */
@Singleton
public class WechatPaySetup {

    /**
     * The keys: the PEM settings when {@code wechatpay.private-key} is set (they never change), else
     * the secret, read now and again as its keyring decides.
     *
     * @param secrets only asked for when the keys are not configured directly: the AWS SDK stays off the start path otherwise
     */
    @Produces
    @Singleton
    Keyring keyring(WechatPayConfig config, Provider<SecretSource> secrets, ObjectMapper json, KeyringEvents events) {
        // Checked whichever source the keys come from: every setting is, at start.
        Duration maxAge = Settings.requirePositive(config.keys().maxAge(), "wechatpay.keys.max-age");
        Duration minRefreshInterval = Settings.requireAtLeast(config.keys().minRefreshInterval(), Duration.ZERO, "wechatpay.keys.min-refresh-interval");
        if (config.privateKey().isPresent()) {
            KeyMaterial material = KeyMaterial.fromSettings(config);
            events.read(material.certificateExpiries());
            return Keyring.fixed(material.keys());
        }
        if (config.publicKey().isPresent()) {
            throw new InvalidSettingException("wechatpay.private-key", "not set; it is required when wechatpay.public-key is set");
        }
        String secretId = config.secretId().orElseThrow(() -> new InvalidSettingException("wechatpay.private-key",
                "not set; set wechatpay.private-key and wechatpay.public-key, or wechatpay.secret-id"));
        return new SecretKeyring(() -> KeyMaterial.fromSecret(secrets.get().secretString(secretId), config, json), maxAge, minRefreshInterval,
                Clock.systemUTC(), Infrastructure.getDefaultWorkerPool(), events).start();
    }

    @Produces
    @Startup
    @Singleton
    WechatPayClient client(WechatPayConfig config, Keyring keyring, ObjectMapper json,
            @ConfigProperty(name = "quarkus.application.name") String applicationName,
            @ConfigProperty(name = "quarkus.application.version") String applicationVersion) {
        var settings = new WechatPayClient.Settings(
                Settings.requireText(config.mchid(), "wechatpay.mchid"),
                Settings.requireWechatPayUrl(config.baseUrl(), "wechatpay.base-url"),
                Settings.requireWechatPayUrl(config.backupBaseUrl(), "wechatpay.backup-base-url"),
                Settings.requirePositive(config.timeout(), "wechatpay.timeout"),
                Settings.requirePositive(config.connectTimeout(), "wechatpay.connect-timeout"),
                WechatPayClient.userAgent(applicationName, applicationVersion));
        return new WechatPayClient(settings, keyring, json);
    }

    /** The close use case, made at start like the client, so that a retry setting that is wrong stops the start, not a close. */
    @Produces
    @Startup
    @Singleton
    RechargeCloser closer(WechatPayConfig config, WechatPayClient client) {
        return RechargeCloser.of(client, retryPolicy(config.retry()), config.mchid());
    }

    static RetryPolicy retryPolicy(WechatPayConfig.Retry retry) {
        return new RetryPolicy(
                Settings.requireAtLeast(retry.maxAttempts(), 1, "wechatpay.retry.max-attempts"),
                Settings.requireAtLeast(retry.initialBackoff(), Duration.ZERO, "wechatpay.retry.initial-backoff"),
                Settings.requireAtLeast(retry.maxBackoff(), Duration.ZERO, "wechatpay.retry.max-backoff"),
                Settings.requireAtLeast(retry.deadlineMargin(), Duration.ZERO, "wechatpay.retry.deadline-margin"),
                Settings.requireAtLeast(retry.queryReserve(), RetryPolicy.MIN_ATTEMPT, "wechatpay.retry.query-reserve"));
    }
}
