package app.rechargeclose.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything the function needs to talk to WeChat Pay, read once at start. Key material comes
 * from the PEM settings or from AWS Secrets Manager ({@link KeyMaterial}); {@link WechatPaySetup}
 * checks every setting and parses the keys, and names the one that is wrong without ever echoing
 * a key.
 */
@ConfigMapping(prefix = "wechatpay")
public interface WechatPayConfig {

    /** The platform merchant id (sp_mchid), the {@code mchid} of every Authorization header. */
    String mchid();

    /**
     * Serial number of the merchant API certificate whose private key signs our requests: required
     * with the PEM settings; a secret names it itself ({@code merchant_serial_no}), or takes it from here.
     */
    Optional<String> merchantSerialNo();

    /** Merchant API private key, PEM text, PKCS#8 or PKCS#1. Takes precedence over {@link #secretId()}. */
    Optional<String> privateKey();

    /**
     * The WeChat Pay public key id ({@code PUB_KEY_ID_…}) of {@link #publicKey()}, or of a secret's
     * {@code public_key}; among a secret's {@code public_keys}, the one requests name in {@code Wechatpay-Serial}.
     */
    Optional<String> publicKeyId();

    /** The WeChat Pay public key, PEM text. With {@link #privateKey()}, takes precedence over {@link #secretId()}. */
    Optional<String> publicKey();

    /**
     * An AWS Secrets Manager secret holding everything that rotates together, as JSON ({@link KeyMaterial}):
     * read at start and again as {@link #keys()} says. Used when {@link #privateKey()} is not set.
     */
    Optional<String> secretId();

    /** Platform certificates, a PEM bundle: a merchant that verifies with them, or is switching to the public key. */
    Optional<String> platformCertificates();

    /** How the keys of {@link #secretId()} are read again, so a secret rotated in place is taken up without a redeploy. */
    Keys keys();

    interface Keys {

        /** Keys read longer ago than this are read again before the next call (which waits for it at most half a second). */
        @WithDefault("10m")
        Duration maxAge();

        /** Reads for an unknown serial or a refused signature are made at most once in this interval. */
        @WithDefault("30s")
        Duration minRefreshInterval();
    }

    @WithDefault("https://api.mch.weixin.qq.com")
    URI baseUrl();

    /** Where a request goes after a connection failure (the host is not part of the signature). */
    @WithDefault("https://api2.mch.weixin.qq.com")
    URI backupBaseUrl();

    /** Deadline for one answer from WeChat Pay, connection included. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * Bound on opening a connection: the TCP connect, then, separately, the TLS handshake. Kept below
     * {@link #timeout()}, an access point that cannot be reached shows as a connection failure, and
     * the signed request goes to the backup host instead of waiting out the whole attempt.
     */
    @WithDefault("2s")
    Duration connectTimeout();

    Retry retry();

    /** Retries of what WeChat Pay calls transient (5xx, 429, timeouts, connection failures). */
    interface Retry {

        /** Attempts in all, the first included. */
        @WithDefault("3")
        int maxAttempts();

        /** Full jitter: the wait before attempt n is random in [0, min(max-backoff, initial-backoff * 2^(n-2))]. */
        @WithDefault("100ms")
        Duration initialBackoff();

        @WithDefault("1s")
        Duration maxBackoff();

        /** No attempt may run into the last stretch of the Lambda invocation, which is kept for answering. */
        @WithDefault("1s")
        Duration deadlineMargin();

        /**
         * Time every close attempt leaves free before the deadline margin, so that the query API can
         * still be asked when the attempt leaves the outcome unknown (a hung close, a 5xx, a 400).
         */
        @WithDefault("3s")
        Duration queryReserve();
    }
}
