package app.rechargeclose.wechatpay;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Builds the WECHATPAY2-SHA256-RSA2048 Authorization header: the one place where a request's
 * signed message is written.
 */
public final class RequestAuthorizer {

    public static final String SCHEME = "WECHATPAY2-SHA256-RSA2048";
    private static final String NONCE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int NONCE_LENGTH = 32;

    private final String mchid;
    private final Clock clock;
    private final Supplier<String> nonces;

    public RequestAuthorizer(String mchid, Clock clock, Supplier<String> nonces) {
        this.mchid = mchid;
        this.clock = clock;
        this.nonces = nonces;
    }

    /** A nonce source of 32 characters of [0-9A-Za-z] from a secure random generator. */
    public static Supplier<String> secureNonces() {
        SecureRandom random = new SecureRandom();
        return () -> {
            StringBuilder nonce = new StringBuilder(NONCE_LENGTH);
            for (int i = 0; i < NONCE_LENGTH; i++) {
                nonce.append(NONCE_ALPHABET.charAt(random.nextInt(NONCE_ALPHABET.length())));
            }
            return nonce.toString();
        };
    }

    /**
     * @param merchantSerialNo the serial of the merchant API certificate whose key {@code signer} holds
     * @param method        HTTP method, upper case
     * @param requestTarget path plus {@code ?query} exactly as sent on the wire (percent-encoded)
     * @param body          the exact body text sent, empty when there is none
     */
    public String authorization(String merchantSerialNo, RsaSigner signer, String method, String requestTarget, String body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = nonces.get();
        String message = method + "\n" + requestTarget + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
        return SCHEME + " mchid=\"" + mchid + "\",nonce_str=\"" + nonce + "\",signature=\"" + signer.sign(message)
                + "\",timestamp=\"" + timestamp + "\",serial_no=\"" + merchantSerialNo + "\"";
    }
}
