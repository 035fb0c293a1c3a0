package app.rechargeclose.config;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.recharge.RechargeCloser;
import app.rechargeclose.recharge.RetryPolicy;
import app.rechargeclose.wechatpay.InvalidKeyMaterialException;
import app.rechargeclose.wechatpay.PemKeys;
import app.rechargeclose.wechatpay.WechatPayClient;
import app.rechargeclose.wechatpay.WechatPayKeys;
import io.quarkus.runtime.Startup;

/**
 * Turns the {@code wechatpay.*} settings into the WeChat Pay client: checks each setting, loads
 * the keys (from the settings or Secrets Manager) and parses them. Made eagerly at start, so a
 * missing or malformed setting stops the function before its first event, with a message naming it.
 */
@Singleton
public class WechatPaySetup {

    /** @param secrets only asked for when the keys are not configured directly: the AWS SDK stays off the start path otherwise */
    @Produces
    @Singleton
    WechatPayKeys keys(WechatPayConfig config, Provider<SecretSource> secrets, ObjectMapper json) {
        KeyMaterial material = KeyMaterial.resolve(config, secretId -> secrets.get().secretString(secretId), json);
        KeyMaterial.Source source = material.source();
        List<X509Certificate> certificates = material.platformCertificates()
                .map(bundle -> parsed(source.platformCertificates(), () -> PemKeys.certificates(bundle)))
                .orElse(List.of());
        return WechatPayKeys.of(parsed(source.privateKey(), () -> PemKeys.privateKey(material.privateKey())),
                Settings.requirePublicKeyId(config.publicKeyId(), "wechatpay.public-key-id"),
                parsed(source.publicKey(), () -> PemKeys.publicKey(material.publicKey())), certificates);
    }

    @Produces
    @Startup
    @Singleton
    WechatPayClient client(WechatPayConfig config, WechatPayKeys keys, ObjectMapper json,
            @ConfigProperty(name = "quarkus.application.name") String applicationName,
            @ConfigProperty(name = "quarkus.application.version") String applicationVersion) {
        var settings = new WechatPayClient.Settings(
                Settings.requireText(config.mchid(), "wechatpay.mchid"),
                Settings.requireText(config.merchantSerialNo(), "wechatpay.merchant-serial-no"),
                config.publicKeyId(), // checked with the keys, which this client is made from
                Settings.requireWechatPayUrl(config.baseUrl(), "wechatpay.base-url"),
                Settings.requireWechatPayUrl(config.backupBaseUrl(), "wechatpay.backup-base-url"),
                Settings.requirePositive(config.timeout(), "wechatpay.timeout"),
                Settings.requirePositive(config.connectTimeout(), "wechatpay.connect-timeout"),
                WechatPayClient.userAgent(applicationName, applicationVersion));
        return new WechatPayClient(settings, keys, json);
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

    /** A key that cannot be parsed is a setting that is wrong: the error names where it came from. */
    private static <T> T parsed(String key, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidKeyMaterialException e) {
            throw new InvalidSettingException(key, e.getMessage());
        }
    }
}
