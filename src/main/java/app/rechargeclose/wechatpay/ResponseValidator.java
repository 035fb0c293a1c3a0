package app.rechargeclose.wechatpay;

import java.time.Clock;
import java.time.Duration;

/**
 * Decides whether a 2xx answer really comes from WeChat Pay, over the raw body bytes and before
 * anything parses them. The checks run in order; the first that fails names the reason.
 */
public final class ResponseValidator {

    /** WeChat Pay's freshness rule: an answer signed more than this far from now, either way, is refused. */
    public static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);

    private final RsaVerifier verifier;
    private final Clock clock;

    ResponseValidator(RsaVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    /**
     * @param headers   the answer's {@code Wechatpay-*} headers, looked up case-insensitively
     * @param body      the raw body as sent, empty for none
     * @param requestId WeChat Pay's {@code Request-ID}, carried by the failure, may be null
     * @throws UnverifiedResponseException when any check fails
     */
    public void validate(HeaderLookup headers, String body, String requestId) {
        String timestamp = required(headers, "Wechatpay-Timestamp", requestId);
        String nonce = required(headers, "Wechatpay-Nonce", requestId);
        String signature = required(headers, "Wechatpay-Signature", requestId);
        String serial = required(headers, "Wechatpay-Serial", requestId);

        long signedAt;
        try {
            signedAt = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new UnverifiedResponseException("Wechatpay-Timestamp is not a number of seconds", requestId);
        }
        long now = clock.instant().getEpochSecond();
        if (signedAt < now - TIMESTAMP_TOLERANCE.toSeconds() || signedAt > now + TIMESTAMP_TOLERANCE.toSeconds()) {
            throw new UnverifiedResponseException("Wechatpay-Timestamp is more than 5 minutes from now", requestId);
        }
        if (!verifier.knowsSerial(serial)) {
            throw new UnverifiedResponseException("Wechatpay-Serial names no key we hold", requestId);
        }
        String message = timestamp + "\n" + nonce + "\n" + body + "\n";
        if (!verifier.isValid(serial, message, signature)) {
            throw new UnverifiedResponseException("Wechatpay-Signature does not match the answer", requestId);
        }
    }

    private static String required(HeaderLookup headers, String name, String requestId) {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new UnverifiedResponseException(name + " header is missing", requestId);
        }
        return value;
    }

    /** Case-insensitive access to one header's first value. */
    @FunctionalInterface
    public interface HeaderLookup {
        String get(String name);
    }
}
