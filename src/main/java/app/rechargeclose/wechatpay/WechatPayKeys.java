package app.rechargeclose.wechatpay;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The parsed key material: our signing key, and every WeChat Pay key an answer may be signed with. */
public final class WechatPayKeys {

    private final RsaSigner signer;
    private final RsaVerifier verifier;

    private WechatPayKeys(RsaSigner signer, RsaVerifier verifier) {
        this.signer = signer;
        this.verifier = verifier;
    }

    /**
     * @param publicKeyId          the WeChat Pay public key's id ({@code PUB_KEY_ID_…})
     * @param platformCertificates certificates still signing answers during the switch to the public key
     */
    public static WechatPayKeys of(PrivateKey merchantKey, String publicKeyId, PublicKey publicKey, List<X509Certificate> platformCertificates) {
        Map<String, PublicKey> keysBySerial = new HashMap<>();
        keysBySerial.put(RsaVerifier.normalizeSerial(publicKeyId), publicKey);
        for (X509Certificate certificate : platformCertificates) {
            keysBySerial.put(RsaVerifier.normalizeSerial(certificate.getSerialNumber().toString(16)), certificate.getPublicKey());
        }
        return new WechatPayKeys(new RsaSigner(merchantKey), new RsaVerifier(keysBySerial));
    }

    RsaSigner signer() {
        return signer;
    }

    RsaVerifier verifier() {
        return verifier;
    }
}
