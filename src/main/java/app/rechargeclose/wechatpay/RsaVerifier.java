package app.rechargeclose.wechatpay;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Checks SHA256withRSA signatures with every WeChat Pay key we hold, chosen by serial: the public
 * key id ({@code PUB_KEY_ID_…}) and any platform certificate serials, since during the switch from
 * certificates to the public key answers are signed by either.
 */
final class RsaVerifier {

    private final Map<String, PublicKey> keysBySerial;

    /** @param keysBySerial keys by {@link #normalizeSerial normalised} serial */
    RsaVerifier(Map<String, PublicKey> keysBySerial) {
        this.keysBySerial = Map.copyOf(keysBySerial);
    }

    boolean knowsSerial(String serial) {
        return keyFor(serial).isPresent();
    }

    /**
     * A predicate, as the JCA's {@code Signature.verify} is: {@link ResponseValidator} turns a
     * {@code false} into the failure that names the reason.
     *
     * @return whether {@code signatureBase64} is a valid signature of {@code message} by the key
     *         named {@code serial}; anything malformed, such as a {@code WECHATPAY/SIGNTEST/} probe,
     *         is simply not valid
     */
    boolean isValid(String serial, byte[] message, String signatureBase64) {
        Optional<PublicKey> key = keyFor(serial);
        if (key.isEmpty()) {
            return false;
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key.get());
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException wrongShape) {
            return false;
        }
    }

    /**
     * Certificate serials are hex numbers: {@code BigInteger.toString(16)} drops leading zeros and
     * writes lower case, WeChat Pay writes upper case. Compare them as numbers do.
     */
    static String normalizeSerial(String serial) {
        String upper = serial.trim().toUpperCase(java.util.Locale.ROOT);
        if (upper.startsWith("PUB_KEY_ID_") || !upper.matches("[0-9A-F]+")) {
            return upper;
        }
        String stripped = upper.replaceFirst("^0+", "");
        return stripped.isEmpty() ? "0" : stripped;
    }

    private Optional<PublicKey> keyFor(String serial) {
        return Optional.ofNullable(keysBySerial.get(normalizeSerial(serial)));
    }
}
