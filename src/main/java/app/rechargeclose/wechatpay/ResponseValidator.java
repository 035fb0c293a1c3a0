package app.rechargeclose.wechatpay;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

/**
 * Decides whether a 2xx answer really comes from WeChat Pay, over the raw body bytes and before
 * anything parses them. The checks run in order; the first that fails names the reason.
 */
public final class ResponseValidator {

    /** WeChat Pay's freshness rule: an answer signed more than this far from now, either way, is refused. */
    public static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);

    private final Clock clock;

    ResponseValidator(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param keys      the WeChat Pay keys held now
     * @param headers   the answer's {@code Wechatpay-*} headers, looked up case-insensitively
     * @param body      the raw body bytes as sent, empty for none: verified as they are, never decoded here
     * @param requestId WeChat Pay's {@code Request-ID}, carried by the failure, may be null
     * @throws UnknownSerialException when every check up to the serial passed and {@code keys} hold no key of that
     *                                serial: a key the source may have gained since it was read
     * @throws WechatPayException (verdict {@link Verdict#UNVERIFIED}) when any other check fails
     */
    public void validate(WechatPayKeys keys, HeaderLookup headers, byte[] body, String requestId) {
        String timestamp = required(headers, "Wechatpay-Timestamp", requestId);
        String nonce = required(headers, "Wechatpay-Nonce", requestId);
        String signature = required(headers, "Wechatpay-Signature", requestId);
        String serial = required(headers, "Wechatpay-Serial", requestId);

        long signedAt;
        try {
            signedAt = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw WechatPayException.unverified("Wechatpay-Timestamp is not a number of seconds", requestId);
        }
        long now = clock.instant().getEpochSecond();
        if (signedAt < now - TIMESTAMP_TOLERANCE.toSeconds() || signedAt > now + TIMESTAMP_TOLERANCE.toSeconds()) {
            throw WechatPayException.unverified("Wechatpay-Timestamp is more than 5 minutes from now", requestId);
        }
        if (!keys.holds(serial)) {
            throw new UnknownSerialException(headers, body, requestId);
        }
        byte[] prefix = (timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = Arrays.copyOf(prefix, prefix.length + body.length + 1);
        System.arraycopy(body, 0, message, prefix.length, body.length);
        message[message.length - 1] = '\n';
        if (!keys.verifier().isValid(serial, message, signature)) {
            throw WechatPayException.unverified("Wechatpay-Signature does not match the answer", requestId);
        }
    }

    private static String required(HeaderLookup headers, String name, String requestId) {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw WechatPayException.unverified(name + " header is missing", requestId);
        }
        return value;
    }

    /** Case-insensitive access to one header's first value. */
    @FunctionalInterface
    public interface HeaderLookup {
        String get(String name);
    }
}
