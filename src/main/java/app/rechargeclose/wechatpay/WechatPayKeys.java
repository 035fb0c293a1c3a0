package app.rechargeclose.wechatpay;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One consistent set of keys, as one read of their source gave them: the merchant API key we sign
 * with and its certificate's serial, and every WeChat Pay key an answer may be signed with, by
 * serial (public keys by id, platform certificates by serial). A value: a rotation replaces the
 * whole set at once, never half of it.
 */
public final class WechatPayKeys {

    private final String merchantSerialNo;
    private final PrivateKey merchantKey;
    private final RsaSigner signer;
    private final RsaVerifier verifier;
    private final Optional<String> publicKeyId;

    private WechatPayKeys(String merchantSerialNo, PrivateKey merchantKey, RsaVerifier verifier, Optional<String> publicKeyId) {
        this.merchantSerialNo = merchantSerialNo;
        this.merchantKey = merchantKey;
        this.signer = new RsaSigner(merchantKey);
        this.verifier = verifier;
        this.publicKeyId = publicKeyId;
    }

    /**
     * @param publicKeys           WeChat Pay public keys by id ({@code PUB_KEY_ID_…}), in order: the first is the one
     *                             our requests ask answers to be signed with ({@code Wechatpay-Serial})
     * @param platformCertificates certificates that may sign answers: a merchant that has not switched to the public
     *                             key, or is switching (WeChat Pay then signs with either)
     */
    public static WechatPayKeys of(String merchantSerialNo, PrivateKey merchantKey, Map<String, PublicKey> publicKeys,
            List<X509Certificate> platformCertificates) {
        if (publicKeys.isEmpty() && platformCertificates.isEmpty()) {
            throw new IllegalArgumentException("no WeChat Pay key to verify answers with: a public key or a platform certificate is needed");
        }
        Map<String, PublicKey> keysBySerial = new HashMap<>();
        publicKeys.forEach((id, key) -> keysBySerial.put(RsaVerifier.normalizeSerial(id), key));
        for (X509Certificate certificate : platformCertificates) {
            keysBySerial.put(RsaVerifier.normalizeSerial(certificate.getSerialNumber().toString(16)), certificate.getPublicKey());
        }
        return new WechatPayKeys(merchantSerialNo, merchantKey, new RsaVerifier(keysBySerial),
                publicKeys.keySet().stream().findFirst());
    }

    /** The same, with one public key only: what the settings of a single key give. */
    public static WechatPayKeys of(String merchantSerialNo, PrivateKey merchantKey, String publicKeyId, PublicKey publicKey,
            List<X509Certificate> platformCertificates) {
        Map<String, PublicKey> publicKeys = new LinkedHashMap<>();
        publicKeys.put(publicKeyId, publicKey);
        return of(merchantSerialNo, merchantKey, publicKeys, platformCertificates);
    }

    /** Whether requests signed with these keys are signed as with {@code other}'s: the same serial and the same key. */
    public boolean signsLike(WechatPayKeys other) {
        return merchantSerialNo.equals(other.merchantSerialNo) && Arrays.equals(merchantKey.getEncoded(), other.merchantKey.getEncoded());
    }

    /** Whether an answer signed under {@code serial} can be checked with these keys. */
    public boolean holds(String serial) {
        return verifier.knowsSerial(serial);
    }

    String merchantSerialNo() {
        return merchantSerialNo;
    }

    RsaSigner signer() {
        return signer;
    }

    RsaVerifier verifier() {
        return verifier;
    }

    /** Sent as {@code Wechatpay-Serial}, so that WeChat Pay signs its answers with this public key; none for a certificates-only merchant. */
    Optional<String> publicKeyId() {
        return publicKeyId;
    }
}
